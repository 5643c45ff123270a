"use client";

import { ChevronDown } from "lucide-react";
import type { FacetCount, FacetDimension } from "@/lib/tenants/types";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { FacetOptions } from "./facet-options";
import { DIMENSION_LABELS, facetLabel } from "./format";

/**
 * One facet as a popover of checkboxes (FacetOptions). Counts come from the server and already
 * reflect the other filters. The button shows how many values are chosen, not their names, so
 * choosing a filter never makes the toolbar wrap; the names are in its accessible name and title.
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
  const chosen = selected
    .map((v) => facetLabel(dimension, v, facets.find((f) => f.value === v)?.label))
    .join(", ");
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button
          size="sm"
          variant="outline"
          data-testid={`facet-${dimension}`}
          title={selected.length ? `${title}: ${chosen}` : undefined}
          className={cn(selected.length > 0 && "border-sky-600 dark:border-sky-500")}
        >
          {title}
          {selected.length > 0 ? (
            <>
              <span
                aria-hidden
                className="min-w-5 rounded bg-sky-100 px-1.5 text-center text-xs text-sky-900 tabular-nums dark:bg-sky-900 dark:text-sky-100"
                data-testid={`facet-${dimension}-count`}
              >
                {selected.length}
              </span>
              <span className="sr-only">{`: ${chosen}`}</span>
            </>
          ) : null}
          <ChevronDown aria-hidden className="opacity-70" />
        </Button>
      </PopoverTrigger>
      <PopoverContent
        className="flex w-[22rem] flex-col p-0"
        aria-label={`Filter by ${title.toLowerCase()}`}
        data-testid={`facet-popover-${dimension}`}
      >
        <FacetOptions
          dimension={dimension}
          facets={facets}
          selected={selected}
          onChange={onChange}
          listClassName="max-h-80"
        />
      </PopoverContent>
    </Popover>
  );
}
