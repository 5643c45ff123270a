"use client";

// The filters on the team's own words, in one popover ("Owner & tags"): the owners and the tags as
// checkbox lists with counts (the same FacetOptions as every facet) and "Annotated: any / yes / no".
// One button rather than three, so the toolbars keep their height at 1280 px wide as filters are
// chosen; on a phone the filter sheet lists them beside the others.
import { ChevronDown, Tags } from "lucide-react";
import type { FacetCount, FacetDimension, TenantView } from "@/lib/tenants/types";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { AnnotatedFilter } from "./annotated-filter";
import { FacetOptions } from "./facet-options";
import { DIMENSION_LABELS } from "./format";

/** The facets this popover holds (the filter bar leaves them out). */
export const ANNOTATION_DIMENSIONS: readonly FacetDimension[] = ["owner", "tag"];

export function AnnotationFilters({
  dimensions,
  view,
  facets,
  onListChange,
  onAnnotatedChange,
}: {
  /** Which of owner and tag the source offers. */
  dimensions: readonly FacetDimension[];
  view: TenantView;
  facets: Record<FacetDimension, FacetCount[]> | undefined;
  onListChange: (dimension: FacetDimension, values: string[]) => void;
  /** null: the source offers no "Annotated" filter. */
  onAnnotatedChange: ((value: boolean | null) => void) | null;
}) {
  const shown = ANNOTATION_DIMENSIONS.filter((d) => dimensions.includes(d));
  if (shown.length === 0 && !onAnnotatedChange) return null;
  const chosen =
    shown.reduce((n, d) => n + view[d].length, 0) +
    (onAnnotatedChange && view.annotated !== null ? 1 : 0);
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button
          size="sm"
          variant="outline"
          data-testid="facet-annotations"
          title="Filter by owner and tags"
          className={cn(chosen > 0 && "border-sky-600 dark:border-sky-500")}
        >
          <Tags aria-hidden />
          {/* The icon alone below 2xl: the view row stays one line at 1280 px, grouped. */}
          <span className="sr-only 2xl:not-sr-only">Owner &amp; tags</span>
          {chosen > 0 ? (
            <span className="min-w-5 rounded bg-sky-100 px-1.5 text-center text-xs text-sky-900 tabular-nums dark:bg-sky-900 dark:text-sky-100">
              <span className="sr-only">: </span>
              {chosen}
              <span className="sr-only"> chosen</span>
            </span>
          ) : null}
          <ChevronDown aria-hidden className="opacity-70" />
        </Button>
      </PopoverTrigger>
      <PopoverContent
        className="flex w-[22rem] flex-col gap-1 p-0"
        aria-label="Filter by owner and tags"
        data-testid="facet-popover-annotations"
      >
        {shown.map((d) => (
          <section
            key={d}
            className="flex min-h-0 flex-col border-b border-zinc-200 dark:border-zinc-700"
          >
            <h3 className="px-3 pt-2 text-xs font-semibold text-zinc-700 dark:text-zinc-300">
              {DIMENSION_LABELS[d]}
            </h3>
            <FacetOptions
              dimension={d}
              facets={facets?.[d] ?? []}
              selected={view[d]}
              onChange={(values) => onListChange(d, values)}
              listClassName="max-h-48"
            />
          </section>
        ))}
        {onAnnotatedChange ? (
          <div className="px-3 py-2">
            <AnnotatedFilter value={view.annotated} onChange={onAnnotatedChange} />
          </div>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}
