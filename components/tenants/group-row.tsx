"use client";

import { CalendarX2, ChevronDown, ChevronRight } from "lucide-react";
import type { GroupSummary } from "@/lib/tenants/types";
import { cn } from "@/components/ui/cn";
import { DIMENSION_LABELS, facetLabel, formatCount, plural, statusLabel } from "./format";
import { statusStyle } from "./status-badge";

const STATUS_ORDER = ["active", "disabled", "deactivated", "deleted"];

function orderedStatuses(statuses: Record<string, number>): [string, number][] {
  return Object.entries(statuses)
    .filter(([, n]) => n > 0)
    .sort(
      ([a], [b]) =>
        (STATUS_ORDER.indexOf(a) + 1 || 99) - (STATUS_ORDER.indexOf(b) + 1 || 99) ||
        a.localeCompare(b),
    );
}

/**
 * A group header's content: toggle, label, count, ended licenses, and the status breakdown as text
 * (read by screen readers at every width) and as a bar labelled "Status" (seen from `sm` up).
 */
export function GroupRowContent({
  group,
  level,
  collapsed,
  onToggle,
}: {
  group: GroupSummary;
  level: number;
  collapsed: boolean;
  onToggle: () => void;
}) {
  const label = group.label || facetLabel(group.field, group.value);
  const statuses = orderedStatuses(group.statuses);
  const breakdown = statuses
    .map(([s, n]) => `${formatCount(n)} ${statusLabel(s).toLowerCase()}`)
    .join(", ");
  const Chevron = collapsed ? ChevronRight : ChevronDown;
  return (
    <div className={cn("flex h-full min-w-0 items-center gap-3 pr-3", level > 1 ? "pl-8" : "pl-2")}>
      <button
        type="button"
        tabIndex={-1}
        aria-label={`${collapsed ? "Expand" : "Collapse"} ${label}`}
        onClick={(e) => {
          e.stopPropagation();
          onToggle();
        }}
        className="inline-flex size-6 shrink-0 items-center justify-center rounded hover:bg-zinc-200 dark:hover:bg-zinc-700"
      >
        <Chevron aria-hidden className="size-4" />
      </button>
      <span className="min-w-0 truncate font-semibold" title={label}>
        <span className="sr-only">{`${DIMENSION_LABELS[group.field]} `}</span>
        {label}
      </span>
      <span className="shrink-0 text-sm text-zinc-700 dark:text-zinc-300">
        {plural(group.count, "tenant")}
      </span>
      {group.ended > 0 ? (
        <span
          data-testid="group-ended"
          className="inline-flex shrink-0 items-center gap-1 text-xs font-semibold text-rose-800 dark:text-rose-300"
          title={`${plural(group.ended, "tenant")} of this group had an ended license when the data was taken`}
        >
          <CalendarX2 aria-hidden className="size-3.5" />
          {plural(group.ended, "license")} ended
        </span>
      ) : null}
      <span className="sr-only">Status: {breakdown}</span>
      <span
        aria-hidden
        className="hidden min-w-0 truncate text-xs text-zinc-700 md:inline dark:text-zinc-300"
        title={breakdown}
      >
        {breakdown}
      </span>
      <span
        aria-hidden
        data-testid="group-status-bar"
        title={`Status: ${breakdown}`}
        className="ml-auto hidden shrink-0 items-center gap-1.5 sm:flex"
      >
        <span className="text-xs text-zinc-700 dark:text-zinc-300">Status</span>
        <span className="flex h-2 w-32 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
          {statuses.map(([s, n]) => (
            <span
              key={s}
              className={statusStyle(s).bar}
              style={{ width: `${(n / Math.max(group.count, 1)) * 100}%` }}
            />
          ))}
        </span>
      </span>
    </div>
  );
}
