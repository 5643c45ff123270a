"use client";

// Tenants by region, status and subscription as plain bars (no chart library on first paint).
// Every bar is a toggle button: pressing it filters the table to that value, pressing again clears it.
import { memo } from "react";
import { regionName } from "@/lib/regions";
import type { FacetCount, FacetDimension } from "@/lib/tenants/types";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";
import { Skeleton } from "@/components/ui/skeleton";
import { facetLabel, formatCount } from "./format";
import { statusStyle } from "./status-badge";

const CHARTS: { dimension: FacetDimension; title: string }[] = [
  { dimension: "region", title: "Tenants by region" },
  { dimension: "status", title: "Tenants by status" },
  { dimension: "subscription", title: "Tenants by subscription" },
];

function Chart({
  dimension,
  title,
  facets,
  selected,
  onToggle,
}: {
  dimension: FacetDimension;
  title: string;
  facets: readonly FacetCount[] | undefined;
  selected: readonly string[];
  onToggle: (value: string) => void;
}) {
  const data = [...(facets ?? [])].filter((f) => f.count > 0).sort((a, b) => b.count - a.count);
  const max = Math.max(1, ...data.map((f) => f.count));
  const headingId = `chart-${dimension}`;
  return (
    <section
      aria-labelledby={headingId}
      className="flex min-w-0 flex-col rounded-lg border border-zinc-200 p-2 dark:border-zinc-800"
      data-testid={`chart-${dimension}`}
    >
      <h2
        id={headingId}
        className="px-1 pb-1 text-xs font-semibold text-zinc-700 dark:text-zinc-300"
      >
        {title}
      </h2>
      <ul className="-mr-1 h-[7.5rem] overflow-y-auto pr-1">
        {facets === undefined
          ? [0, 1, 2, 3].map((i) => (
              <li key={i} className="py-1">
                <Skeleton className="h-3" />
              </li>
            ))
          : data.map((f) => {
              const label = facetLabel(dimension, f.value);
              const short = dimension === "region" ? regionName(f.value) : label;
              const pressed = selected.includes(f.value);
              return (
                <li key={f.value}>
                  <button
                    type="button"
                    aria-pressed={pressed}
                    onClick={() => onToggle(f.value)}
                    title={`${label}: ${formatCount(f.count)} tenants. ${pressed ? "Click to remove the filter." : "Click to filter."}`}
                    className={cn(
                      "grid h-6 w-full grid-cols-[minmax(0,11rem)_1fr_auto] items-center gap-2 rounded px-1 text-left text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800",
                      pressed && "bg-sky-50 font-semibold dark:bg-sky-950",
                      focusRing,
                    )}
                  >
                    <span className="truncate">{short}</span>
                    <span
                      aria-hidden
                      className="h-2 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
                    >
                      <span
                        className={cn(
                          "block h-full rounded-full",
                          dimension === "status"
                            ? statusStyle(f.value).bar
                            : "bg-sky-600 dark:bg-sky-500",
                        )}
                        style={{ width: `${Math.max(2, (f.count / max) * 100)}%` }}
                      />
                    </span>
                    <span className="text-zinc-700 tabular-nums dark:text-zinc-300">
                      {formatCount(f.count)}
                    </span>
                  </button>
                </li>
              );
            })}
        {facets !== undefined && data.length === 0 ? (
          <li className="px-1 text-xs text-zinc-700 dark:text-zinc-300">No tenants</li>
        ) : null}
      </ul>
    </section>
  );
}

export const SummaryCharts = memo(function SummaryCharts({
  facets,
  selected,
  hidden,
  onToggle,
}: {
  facets: Record<FacetDimension, FacetCount[]> | undefined;
  selected: Record<FacetDimension, readonly string[]>;
  /** Dimensions fixed by the data source's scope: no chart. */
  hidden: readonly FacetDimension[];
  onToggle: (dimension: FacetDimension, value: string) => void;
}) {
  const charts = CHARTS.filter((c) => !hidden.includes(c.dimension));
  if (charts.length === 0) return null;
  return (
    <div className="grid grid-cols-1 gap-2 md:grid-cols-3" data-testid="summary-charts">
      {charts.map((c) => (
        <Chart
          key={c.dimension}
          dimension={c.dimension}
          title={c.title}
          facets={facets?.[c.dimension]}
          selected={selected[c.dimension]}
          onToggle={(value) => onToggle(c.dimension, value)}
        />
      ))}
    </div>
  );
});
