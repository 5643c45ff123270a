"use client";

// Phones: every filter in one bottom sheet, opened from a "Filters" button. Each facet is a section
// that opens to the same checkbox list as the wide screen's popovers (FacetOptions).
import { ChevronDown, SlidersHorizontal } from "lucide-react";
import { useId, useState } from "react";
import type { FacetCount, FacetDimension } from "@/lib/tenants/types";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";
import {
  Sheet,
  SheetClose,
  SheetContent,
  SheetDescription,
  SheetTitle,
  SheetTrigger,
} from "@/components/ui/sheet";
import { AnnotatedFilter } from "./annotated-filter";
import { DateRangeFields, rangeSummary, type DateRange } from "./date-range-filter";
import { FacetOptions } from "./facet-options";
import { DIMENSION_LABELS, facetLabel, plural } from "./format";

function Section({
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
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const title = DIMENSION_LABELS[dimension];
  const chosen = selected
    .map((v) => facetLabel(dimension, v, facets.find((f) => f.value === v)?.label).split(" · ")[0])
    .join(", ");
  return (
    <section className="border-b border-zinc-200 dark:border-zinc-800">
      <h3>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
          className={cn(
            "flex min-h-11 w-full items-center gap-2 px-4 py-2 text-left text-sm",
            focusRing,
          )}
          data-testid={`sheet-facet-${dimension}`}
        >
          <span className="font-medium">{title}</span>
          <span className="min-w-0 flex-1 truncate text-right text-zinc-700 dark:text-zinc-300">
            {chosen || "Any"}
          </span>
          <ChevronDown
            aria-hidden
            className={cn("size-4 shrink-0 transition-transform", open && "rotate-180")}
          />
        </button>
      </h3>
      {open ? (
        <div id={bodyId} className="px-2 pb-2">
          <FacetOptions
            dimension={dimension}
            facets={facets}
            selected={selected}
            onChange={onChange}
            listClassName="max-h-64"
          />
        </div>
      ) : null}
    </section>
  );
}

export function FilterSheet({
  dimensions,
  facets,
  selected,
  onListChange,
  dates,
  onDatesChange,
  annotated,
  onClear,
  total,
}: {
  dimensions: readonly FacetDimension[];
  facets: Record<FacetDimension, readonly FacetCount[]> | undefined;
  selected: Record<FacetDimension, readonly string[]>;
  onListChange: (dimension: FacetDimension, values: string[]) => void;
  /** null: the source offers no created-date filter. */
  dates: DateRange | null;
  onDatesChange: (range: DateRange) => void;
  /** "Annotated: any/yes/no"; null: not offered. */
  annotated: { value: boolean | null; onChange: (value: boolean | null) => void } | null;
  onClear: () => void;
  /** Tenants in the view, for the "Show N tenants" button; null while loading. */
  total: number | null;
}) {
  const active =
    dimensions.reduce((n, d) => n + selected[d].length, 0) +
    (dates && rangeSummary(dates) ? 1 : 0) +
    (annotated && annotated.value !== null ? 1 : 0);
  return (
    <Sheet>
      <SheetTrigger asChild>
        <Button
          size="sm"
          variant="outline"
          className={cn("sm:hidden", active > 0 && "border-sky-600 dark:border-sky-500")}
          data-testid="open-filters"
        >
          <SlidersHorizontal aria-hidden />
          Filters
          {active > 0 ? (
            <span className="min-w-5 rounded bg-sky-100 px-1.5 text-center text-xs text-sky-900 tabular-nums dark:bg-sky-900 dark:text-sky-100">
              <span className="sr-only">: </span>
              {active}
              <span className="sr-only"> chosen</span>
            </span>
          ) : null}
        </Button>
      </SheetTrigger>
      <SheetContent side="bottom" closeLabel="Close filters" data-testid="filter-sheet">
        <div className="border-b border-zinc-200 px-4 py-3 pr-12 dark:border-zinc-800">
          <SheetTitle className="text-base font-semibold">Filters</SheetTitle>
          <SheetDescription className="text-sm text-zinc-700 dark:text-zinc-300">
            Narrow the list of tenants. Counts follow the other filters.
          </SheetDescription>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
          {dimensions.map((d) => (
            <Section
              key={d}
              dimension={d}
              facets={facets?.[d] ?? []}
              selected={selected[d]}
              onChange={(values) => onListChange(d, values)}
            />
          ))}
          {dates ? (
            <div className="px-4 py-3">
              <DateRangeFields from={dates.from} to={dates.to} onChange={onDatesChange} />
            </div>
          ) : null}
          {annotated ? (
            <div className="px-4 py-3">
              <AnnotatedFilter value={annotated.value} onChange={annotated.onChange} />
            </div>
          ) : null}
        </div>
        <div className="flex items-center gap-2 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <Button variant="ghost" size="sm" onClick={onClear} disabled={active === 0}>
            Clear filters
          </Button>
          <SheetClose asChild>
            <Button variant="primary" size="sm" className="ml-auto" data-testid="show-results">
              {total === null ? "Show tenants" : `Show ${plural(total, "tenant")}`}
            </Button>
          </SheetClose>
        </div>
      </SheetContent>
    </Sheet>
  );
}
