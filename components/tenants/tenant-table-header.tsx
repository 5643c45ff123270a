"use client";

// The grid's sticky header row: one sort button per visible column. A click sorts by the column
// (again: the other direction); shift-click adds it to the sort, or turns it round if already in.
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { memo } from "react";
import { SORT_FIELDS, type SortField, type SortKey } from "@/lib/tenants/types";
import type { TenantColumn } from "./columns";
import { nextSort } from "./next-sort";

const SORTABLE = new Set<string>(SORT_FIELDS);

function SelectAllCell({ selection }: { selection: HeaderSelection }) {
  const { count, total, onToggleAll } = selection;
  const all = count > 0 && count >= total;
  return (
    <div
      role="columnheader"
      aria-colindex={1}
      data-column="select"
      className="flex h-9 items-center justify-center"
    >
      <input
        type="checkbox"
        aria-label={count > 0 ? "Clear the selection" : "Select all loaded rows"}
        title={count > 0 ? "Clear the selection" : "Select all loaded rows"}
        checked={all}
        ref={(el) => {
          if (el) el.indeterminate = count > 0 && !all;
        }}
        onChange={onToggleAll}
        data-testid="select-all"
        className="size-4 cursor-pointer accent-sky-700 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:accent-sky-500"
      />
    </div>
  );
}
const sortable = (id: string): id is SortField => SORTABLE.has(id);

/** The selection column's header: "select all loaded rows", or clear a selection. */
export interface HeaderSelection {
  /** How many rows are selected, and how many the view has. */
  count: number;
  total: number;
  onToggleAll: () => void;
}

export const TenantTableHeader = memo(function TenantTableHeader({
  columns,
  sort,
  template,
  onSortChange,
  selection,
}: {
  columns: readonly TenantColumn[];
  sort: readonly SortKey[];
  template: string;
  onSortChange: (sort: SortKey[]) => void;
  /** Admins: the selection column. */
  selection?: HeaderSelection | null;
}) {
  return (
    <div role="rowgroup" className="sticky top-0 z-10">
      <div
        role="row"
        aria-rowindex={1}
        className="grid border-b border-zinc-200 bg-zinc-50 text-left text-xs font-semibold text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
        style={{ gridTemplateColumns: template }}
      >
        {selection ? <SelectAllCell selection={selection} /> : null}
        {columns.map((column, colIndex) => {
          const sortIndex = sort.findIndex((k) => k.field === column.id);
          const key = sort[sortIndex];
          const sorted = key ? (key.desc ? "desc" : "asc") : false;
          const label = column.label;
          return (
            <div
              key={column.id}
              role="columnheader"
              aria-colindex={colIndex + (selection ? 2 : 1)}
              aria-sort={
                sortIndex === 0 && sorted
                  ? sorted === "desc"
                    ? "descending"
                    : "ascending"
                  : undefined
              }
              data-column={column.id}
              className="flex h-9 items-center px-2"
            >
              {!sortable(column.id) ? (
                <span className="truncate">{label}</span>
              ) : (
                <button
                  type="button"
                  onClick={(e) => onSortChange(nextSort(sort, column.id as SortField, e.shiftKey))}
                  title={`Sort by ${label}. Shift-click to add it to the sort.`}
                  className="-mx-1 inline-flex min-w-0 items-center gap-1 rounded px-1 py-1 hover:bg-zinc-200 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:hover:bg-zinc-800"
                  data-sort={sorted || undefined}
                >
                  <span className="truncate">{label}</span>
                  {sorted === "asc" ? (
                    <ArrowUp aria-hidden className="size-3.5 shrink-0" />
                  ) : sorted === "desc" ? (
                    <ArrowDown aria-hidden className="size-3.5 shrink-0" />
                  ) : (
                    <ArrowUpDown aria-hidden className="size-3.5 shrink-0 opacity-50" />
                  )}
                  {sorted && sort.length > 1 ? (
                    <span className="text-[0.65rem] tabular-nums" aria-hidden>
                      {sortIndex + 1}
                    </span>
                  ) : null}
                  {sorted ? (
                    <span className="sr-only">
                      {`, sorted ${sorted === "desc" ? "descending" : "ascending"}${sort.length > 1 ? `, sort key ${sortIndex + 1}` : ""}`}
                    </span>
                  ) : null}
                </button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
});
