"use client";

// The explorer's first toolbar row: the search, the filters (a popover each on wider screens, one
// bottom sheet on a phone), "Clear filters" and the count, which shows when a new view is loading.
import { LoaderCircle } from "lucide-react";
import type { ReactNode } from "react";
import type { FacetCount, FacetDimension, TenantView } from "@/lib/tenants/types";
import { FACET_DIMENSIONS } from "@/lib/tenants/types";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { ANNOTATION_DIMENSIONS } from "./annotation-filters";
import { DateRangeFilter, type DateRange } from "./date-range-filter";
import { TOOLBAR_ROW } from "./explorer-frame";
import { FacetedFilter } from "./faceted-filter";
import { FilterSheet } from "./filter-sheet";
import { formatCount } from "./format";
import { SearchBox } from "./search-box";

/** Whether anything narrows the view (the search or any filter; not the sort or grouping). */
export function hasFilters(view: TenantView): boolean {
  return (
    view.q !== "" ||
    FACET_DIMENSIONS.some((d) => view[d].length > 0) ||
    view.createdFrom !== null ||
    view.createdTo !== null ||
    view.annotated !== null ||
    view.licenseEndsFrom !== null ||
    view.licenseEndsTo !== null ||
    view.deletionScheduled !== null
  );
}

export function ExplorerFilterBar({
  view,
  dimensions,
  offersDates,
  facets,
  counts,
  updating,
  showUpdating,
  onSearch,
  onListChange,
  onDatesChange,
  onAnnotatedChange,
  onClearAll,
  onClearFilters,
  phoneSummaryToggle,
}: {
  /** The view in the URL (what the controls show, ahead of the data while it loads). */
  view: TenantView;
  /** The facets offered as filters, and whether the created-date filter is. */
  dimensions: readonly FacetDimension[];
  offersDates: boolean;
  facets: Record<FacetDimension, FacetCount[]> | undefined;
  /** The data's totals; null before the first answer. */
  counts: { total: number; totalAll: number } | null;
  /** A new view is loading; `showUpdating`: long enough to show it. */
  updating: boolean;
  showUpdating: boolean;
  onSearch: (q: string) => void;
  onListChange: (dimension: FacetDimension, values: string[]) => void;
  onDatesChange: (range: DateRange) => void;
  /**
   * "Annotated: any/yes/no" in the phone's filter sheet (wider screens: the view bar's "Owner &
   * tags"); null: the source does not offer it (a link without those columns).
   */
  onAnnotatedChange: ((value: boolean | null) => void) | null;
  /** Clears the search and every filter. */
  onClearAll: () => void;
  /** Clears the filters, keeping the search (the phone's filter sheet). */
  onClearFilters: () => void;
  /** Phones: shows or hides the summary charts. */
  phoneSummaryToggle: ReactNode;
}) {
  const dates = { from: view.createdFrom, to: view.createdTo };
  // Owner and tag are in the view bar's "Owner & tags" popover on wider screens (room).
  const inline = dimensions.filter((d) => !ANNOTATION_DIMENSIONS.includes(d));
  return (
    <div className={TOOLBAR_ROW} role="search" aria-label="Filter tenants">
      <SearchBox value={view.q} onSearch={onSearch} />
      <div className="hidden sm:contents">
        {inline.map((d) => (
          <FacetedFilter
            key={d}
            dimension={d}
            facets={facets?.[d] ?? []}
            selected={view[d]}
            onChange={(values) => onListChange(d, values)}
          />
        ))}
        {offersDates ? (
          <DateRangeFilter from={dates.from} to={dates.to} onChange={onDatesChange} />
        ) : null}
      </div>
      <FilterSheet
        dimensions={dimensions}
        facets={facets}
        selected={view}
        onListChange={onListChange}
        dates={offersDates ? dates : null}
        onDatesChange={onDatesChange}
        annotated={
          onAnnotatedChange ? { value: view.annotated, onChange: onAnnotatedChange } : null
        }
        onClear={onClearFilters}
        total={counts && !updating ? counts.total : null}
      />
      {phoneSummaryToggle}
      {hasFilters(view) ? (
        <Button variant="ghost" size="sm" onClick={onClearAll} data-testid="clear-filters">
          Clear filters
        </Button>
      ) : null}
      <p
        // Takes the rest of the row and aligns right, so its box stays put when the number (or
        // its placeholder) changes width.
        className="flex-1 text-right text-sm whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300"
        aria-live="polite"
        data-testid="tenant-count"
        data-updating={showUpdating || undefined}
      >
        {showUpdating ? (
          <LoaderCircle
            aria-hidden
            className="mr-1.5 inline size-3.5 animate-spin align-[-2px] text-sky-700 motion-reduce:animate-none dark:text-sky-400"
          />
        ) : null}
        {counts ? (
          <>
            <strong className="font-semibold text-zinc-950 dark:text-white">
              {formatCount(counts.total)}
            </strong>{" "}
            of {formatCount(counts.totalAll)} tenants
          </>
        ) : (
          <Skeleton className="ml-auto h-4 w-32" />
        )}
        {updating ? <span className="sr-only"> (updating)</span> : null}
      </p>
    </div>
  );
}
