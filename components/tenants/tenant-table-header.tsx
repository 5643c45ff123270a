"use client";

// The grid's sticky header row: one sort button per visible column. A click sorts by the column
// (again: the other direction); shift-click adds it to the sort, or turns it round if already in.
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { memo } from "react";
import type { SortKey } from "@/lib/tenants/types";
import type { TenantColumn } from "./columns";
import { nextSort } from "./next-sort";

export const TenantTableHeader = memo(function TenantTableHeader({
  columns,
  sort,
  template,
  onSortChange,
}: {
  columns: readonly TenantColumn[];
  sort: readonly SortKey[];
  template: string;
  onSortChange: (sort: SortKey[]) => void;
}) {
  return (
    <div role="rowgroup" className="sticky top-0 z-10">
      <div
        role="row"
        aria-rowindex={1}
        className="grid border-b border-zinc-200 bg-zinc-50 text-left text-xs font-semibold text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
        style={{ gridTemplateColumns: template }}
      >
        {columns.map((column, colIndex) => {
          const sortIndex = sort.findIndex((k) => k.field === column.id);
          const key = sort[sortIndex];
          const sorted = key ? (key.desc ? "desc" : "asc") : false;
          const label = column.label;
          return (
            <div
              key={column.id}
              role="columnheader"
              aria-colindex={colIndex + 1}
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
              <button
                type="button"
                onClick={(e) => onSortChange(nextSort(sort, column.id, e.shiftKey))}
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
            </div>
          );
        })}
      </div>
    </div>
  );
});
