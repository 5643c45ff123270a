"use client";

import { ChevronDown } from "lucide-react";
import { useId, useMemo, useState } from "react";
import type { FacetCount, FacetDimension } from "@/lib/tenants/types";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { DIMENSION_LABELS, facetLabel, formatCount } from "./format";

const SHOW_FILTER_ABOVE = 8;
const MAX_SHOWN = 200;

/**
 * One facet as a popover of checkboxes. Counts come from the server and already reflect the other
 * filters; values selected but matching nothing stay listed (with 0) so they can be unticked.
 */
export function FacetedFilter({
  dimension,
  facets,
  selected,
  onChange,
}: {
  dimension: FacetDimension;
  facets: readonly FacetCount[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const title = DIMENSION_LABELS[dimension];
  const [filter, setFilter] = useState("");
  const listId = useId();

  const options = useMemo(() => {
    const counts = new Map(facets.map((f) => [f.value, f.count]));
    for (const v of selected) if (!counts.has(v)) counts.set(v, 0);
    return [...counts]
      .map(([value, count]) => ({ value, count, label: facetLabel(dimension, value) }))
      .sort((a, b) =>
        dimension === "status" || dimension === "subscription"
          ? b.count - a.count || a.label.localeCompare(b.label)
          : a.label.localeCompare(b.label),
      );
  }, [facets, selected, dimension]);

  const needle = filter.trim().toLowerCase();
  const shown = needle ? options.filter((o) => o.label.toLowerCase().includes(needle)) : options;

  function toggle(value: string, on: boolean) {
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  }

  return (
    <Popover onOpenChange={(open) => !open && setFilter("")}>
      <PopoverTrigger asChild>
        <Button
          size="sm"
          variant="outline"
          data-testid={`facet-${dimension}`}
          className={cn(selected.length > 0 && "border-sky-600 dark:border-sky-500")}
        >
          {title}
          {selected.length > 0 ? (
            <span className="rounded bg-sky-100 px-1.5 text-xs text-sky-900 dark:bg-sky-900 dark:text-sky-100">
              {selected.length === 1
                ? facetLabel(dimension, selected[0] ?? "").split(" · ")[0]
                : `${selected.length} selected`}
            </span>
          ) : null}
          <ChevronDown aria-hidden className="opacity-70" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-80 p-0" aria-label={`Filter by ${title.toLowerCase()}`}>
        {options.length > SHOW_FILTER_ABOVE ? (
          <div className="border-b border-zinc-200 p-2 dark:border-zinc-700">
            <Input
              aria-label={`Find a ${title.toLowerCase()}`}
              aria-controls={listId}
              placeholder={`Find a ${title.toLowerCase()}…`}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              className="h-8 w-full"
            />
          </div>
        ) : null}
        <fieldset
          id={listId}
          className="max-h-80 overflow-y-auto p-1"
          data-testid={`facet-options-${dimension}`}
        >
          <legend className="sr-only">{title}</legend>
          {shown.length === 0 ? (
            <p className="px-2 py-3 text-zinc-700 dark:text-zinc-300">
              No {title.toLowerCase()} matches.
            </p>
          ) : null}
          {shown.slice(0, MAX_SHOWN).map((o) => {
            const checked = selected.includes(o.value);
            return (
              <label
                key={o.value}
                className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 hover:bg-zinc-100 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-sky-500 dark:hover:bg-zinc-800"
                data-value={o.value}
              >
                <input
                  type="checkbox"
                  checked={checked}
                  onChange={(e) => toggle(o.value, e.target.checked)}
                  className="size-4 shrink-0 accent-sky-700 outline-none dark:accent-sky-500"
                />
                <span className="min-w-0 flex-1 truncate" title={o.label}>
                  {o.label}
                </span>
                <span
                  className="shrink-0 text-xs text-zinc-700 tabular-nums dark:text-zinc-300"
                  data-count
                >
                  {formatCount(o.count)}
                </span>
              </label>
            );
          })}
          {shown.length > MAX_SHOWN ? (
            <p className="px-2 py-2 text-xs text-zinc-700 dark:text-zinc-300">
              {formatCount(shown.length - MAX_SHOWN)} more: type to narrow the list.
            </p>
          ) : null}
        </fieldset>
        {selected.length > 0 ? (
          <div className="border-t border-zinc-200 p-1 dark:border-zinc-700">
            <Button
              variant="ghost"
              size="sm"
              className="w-full justify-center"
              onClick={() => onChange([])}
            >
              Clear {title.toLowerCase()} filter
            </Button>
          </div>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}
