"use client";

// Tenants by region, status and subscription as plain bars (no chart library on first paint).
// Every bar is a toggle button: pressing it filters the table to that value, pressing again clears it.
// Each card shows its top TOP_VALUES (and any selected value) with "+12 more" to show the rest; a
// "Skip the charts" button first in the tab order takes keyboard users past all their buttons.
import { memo, useId, useRef, useState } from "react";
import { regionName } from "@/lib/regions";
import type { FacetCount, FacetDimension } from "@/lib/tenants/types";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";
import { Skeleton } from "@/components/ui/skeleton";
import { facetLabel, formatCount } from "./format";
import { statusStyle } from "./status-badge";

const CHARTS: { dimension: FacetDimension; title: string; plural: string }[] = [
  { dimension: "region", title: "Tenants by region", plural: "regions" },
  { dimension: "status", title: "Tenants by status", plural: "statuses" },
  { dimension: "subscription", title: "Tenants by subscription", plural: "subscriptions" },
];

/** Values a card shows before "+N more". */
export const TOP_VALUES = 5;

/**
 * The values a collapsed card shows: the top TOP_VALUES by count, except that selected values
 * further down take the last places (so a filter in use stays visible and can be cleared here).
 */
export function topValues(data: readonly FacetCount[], selected: readonly string[]): FacetCount[] {
  if (data.length <= TOP_VALUES) return [...data];
  const pinned = data
    .filter((f, k) => k >= TOP_VALUES && selected.includes(f.value))
    .slice(0, TOP_VALUES);
  return [...data.slice(0, TOP_VALUES - pinned.length), ...pinned];
}

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Focuses the first visible, tabbable element after `container` in document order. */
function focusAfter(container: HTMLElement) {
  for (const el of document.querySelectorAll<HTMLElement>(TABBABLE)) {
    if (container.contains(el) || el.closest("[inert]")) continue;
    if (!(container.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (el.getClientRects().length === 0) continue; // not rendered
    el.focus();
    return;
  }
}

function Chart({
  dimension,
  title,
  plural,
  facets,
  selected,
  onToggle,
}: {
  dimension: FacetDimension;
  title: string;
  plural: string;
  facets: readonly FacetCount[] | undefined;
  selected: readonly string[];
  onToggle: (value: string) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const data = [...(facets ?? [])].filter((f) => f.count > 0).sort((a, b) => b.count - a.count);
  const max = Math.max(1, ...data.map((f) => f.count));
  const shown = expanded ? data : topValues(data, selected);
  const more = data.length - topValues(data, selected).length;
  const headingId = `chart-${dimension}`;
  return (
    <section
      aria-labelledby={headingId}
      className="flex min-w-0 flex-col rounded-lg border border-zinc-200 p-2 dark:border-zinc-800"
      data-testid={`chart-${dimension}`}
    >
      <div className="flex items-baseline justify-between gap-2 px-1 pb-1">
        <h2 id={headingId} className="text-xs font-semibold text-zinc-700 dark:text-zinc-300">
          {title}
        </h2>
        {more > 0 ? (
          <button
            type="button"
            aria-expanded={expanded}
            aria-controls={listId}
            onClick={() => setExpanded((e) => !e)}
            data-testid={`chart-more-${dimension}`}
            className={cn(
              "shrink-0 rounded px-1 text-xs font-medium text-sky-800 hover:underline dark:text-sky-300",
              focusRing,
            )}
          >
            {expanded ? (
              <>
                Show top {TOP_VALUES}
                <span className="sr-only"> {plural}</span>
              </>
            ) : (
              <>
                +{formatCount(more)} more<span className="sr-only"> {plural}</span>
              </>
            )}
          </button>
        ) : null}
      </div>
      <ul id={listId} className={cn(!expanded && "h-[7.5rem]")}>
        {facets === undefined
          ? [0, 1, 2, 3].map((i) => (
              <li key={i} className="py-1">
                <Skeleton className="h-3" />
              </li>
            ))
          : shown.map((f) => {
              const label = facetLabel(dimension, f.value, f.label);
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
  const container = useRef<HTMLDivElement>(null);
  if (charts.length === 0) return null;
  return (
    <div
      ref={container}
      className="relative grid grid-cols-1 gap-2 md:grid-cols-3"
      data-testid="summary-charts"
    >
      <button
        type="button"
        onClick={() => container.current && focusAfter(container.current)}
        data-testid="skip-charts"
        className={cn(
          "absolute top-1 left-1 z-10 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-sky-800 shadow not-focus:sr-only dark:bg-zinc-900 dark:text-sky-300",
          focusRing,
        )}
      >
        Skip the charts
      </button>
      {charts.map((c) => (
        <Chart
          key={c.dimension}
          dimension={c.dimension}
          title={c.title}
          plural={c.plural}
          facets={facets?.[c.dimension]}
          selected={selected[c.dimension]}
          onToggle={(value) => onToggle(c.dimension, value)}
        />
      ))}
    </div>
  );
});
