"use client";

// The grid's rows: a tenant, a group header, or a placeholder while its window loads. Each is
// memoized on plain props, so scrolling renders only rows that come into view (positions are per
// display index and never move).
import { memo } from "react";
import type { TenantRow as TenantRowData } from "@/lib/tenants/types";
import { cn } from "@/components/ui/cn";
import type { TenantColumn } from "./columns";
import { displayName } from "./format";
import { GroupRowContent } from "./group-row";
import type { LayoutItem } from "./table-layout";

export const ROW_HEIGHT = 36;
/** The selection column's grid track (admins). */
export const SELECT_TRACK = "2.5rem";

/**
 * A row's selection checkbox. Out of the tab order (the grid is one tab stop; Space selects the
 * active row); a click selects without opening the tenant, a shift-click selects a range.
 */
function SelectCell({
  label,
  checked,
  onToggle,
}: {
  label: string;
  checked: boolean;
  onToggle: (range: boolean) => void;
}) {
  return (
    <div
      role="gridcell"
      data-column="select"
      className="flex cursor-pointer items-center justify-center"
      onClick={(e) => {
        e.stopPropagation();
        onToggle(e.shiftKey);
      }}
    >
      <input
        type="checkbox"
        tabIndex={-1}
        aria-label={label}
        checked={checked}
        // The cell takes the click (with the shift key): the box only shows the state.
        onChange={() => {}}
        className="pointer-events-none size-4 accent-sky-700 dark:accent-sky-500"
      />
    </div>
  );
}

// Rows are size-contained layout roots: mounting one while scrolling never re-lays out the page.
const rowBase =
  "absolute top-0 left-0 w-full border-b border-zinc-100 [contain:strict] dark:border-zinc-900";
const activeRing =
  "group-focus-visible/grid:outline-2 group-focus-visible/grid:-outline-offset-2 group-focus-visible/grid:outline-sky-600";

export const TenantRow = memo(function TenantRow({
  tenant,
  index,
  start,
  level,
  grouped,
  active,
  columns,
  template,
  rowId,
  onActivate,
  selected,
  onSelect,
}: {
  /** The tenant, with where a search found it (`match`) when the API said. */
  tenant: TenantRowData;
  index: number;
  start: number;
  level: number;
  grouped: boolean;
  active: boolean;
  columns: readonly TenantColumn[];
  template: string;
  rowId: string;
  onActivate: (index: number) => void;
  /** With row selection (admins): whether this row is selected. */
  selected?: boolean;
  /** Toggles the row's selection (`range`: a shift-click). Absent: no selection column. */
  onSelect?: (index: number, range: boolean) => void;
}) {
  return (
    <div
      id={rowId}
      role="row"
      aria-rowindex={index + 2}
      aria-level={grouped ? level : undefined}
      aria-selected={onSelect ? Boolean(selected) : undefined}
      data-tenant-id={tenant.id}
      data-active={active || undefined}
      data-selected={selected || undefined}
      className={cn(
        rowBase,
        "grid cursor-pointer text-sm hover:bg-zinc-50 dark:hover:bg-zinc-900",
        selected && "bg-amber-50 dark:bg-amber-950/40",
        active && "bg-sky-50 dark:bg-sky-950",
        active && activeRing,
      )}
      style={{
        transform: `translateY(${start}px)`,
        height: ROW_HEIGHT,
        gridTemplateColumns: template,
      }}
      onClick={() => onActivate(index)}
    >
      {onSelect ? (
        <SelectCell
          label={`Select ${displayName(tenant.name)}`}
          checked={Boolean(selected)}
          onToggle={(range) => onSelect(index, range)}
        />
      ) : null}
      {columns.map((column) => (
        <div
          key={column.id}
          role="gridcell"
          data-column={column.id}
          title={column.id === "name" ? tenant.name : undefined}
          className={cn(
            "min-w-0 truncate px-2",
            column.cellClass,
            // After the column's classes: a font-size class would otherwise drop the line height.
            "leading-[35px]",
            column.id === "name" && level === 2 && "pl-8",
            column.id === "name" && level >= 3 && "pl-14",
          )}
        >
          {column.render(tenant)}
        </div>
      ))}
    </div>
  );
});

export const GroupRow = memo(function GroupRow({
  entry,
  index,
  start,
  active,
  colCount,
  rowId,
  onActivate,
}: {
  entry: Extract<LayoutItem, { kind: "group" }>;
  index: number;
  start: number;
  active: boolean;
  colCount: number;
  rowId: string;
  onActivate: (index: number) => void;
}) {
  return (
    <div
      id={rowId}
      role="row"
      aria-rowindex={index + 2}
      aria-level={entry.level}
      aria-expanded={!entry.collapsed}
      data-group={entry.key}
      data-count={entry.group.count}
      data-active={active || undefined}
      className={cn(
        rowBase,
        "cursor-pointer text-sm",
        entry.level === 1 ? "bg-zinc-100 dark:bg-zinc-900" : "bg-zinc-50 dark:bg-zinc-900/60",
        active && "bg-sky-50 dark:bg-sky-950",
        active && activeRing,
      )}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onClick={() => onActivate(index)}
    >
      <div role="gridcell" aria-colspan={colCount} className="h-full">
        <GroupRowContent
          group={entry.group}
          level={entry.level}
          collapsed={entry.collapsed}
          onToggle={() => onActivate(index)}
        />
      </div>
    </div>
  );
});

/** A row whose window is still loading: one static bar, no per-cell elements or animation. */
export const PlaceholderRow = memo(function PlaceholderRow({
  index,
  start,
  colCount,
  rowId,
}: {
  index: number;
  start: number;
  colCount: number;
  rowId: string;
}) {
  return (
    <div
      id={rowId}
      role="row"
      aria-rowindex={index + 2}
      aria-busy="true"
      data-placeholder
      className={rowBase}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
    >
      <div role="gridcell" aria-colspan={colCount} className="flex h-full items-center px-2">
        <span className="sr-only">Loading…</span>
        <span
          aria-hidden
          className="h-3 w-full max-w-3xl rounded bg-zinc-100 dark:bg-zinc-800/70"
        />
      </div>
    </div>
  );
});
