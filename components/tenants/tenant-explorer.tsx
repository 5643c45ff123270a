"use client";

// The tenant explorer: toolbar, summary charts, freshness, the virtualized grid and the details
// panel, all driven by the URL.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronsDownUp, ChevronsUpDown, Lock } from "lucide-react";
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef } from "react";
import { toast } from "sonner";
import type { FacetDimension, SnapshotInfo, SortKey, TenantView } from "@/lib/tenants/types";
import { FACET_DIMENSIONS } from "@/lib/tenants/types";
import { DEFAULT_SORT, viewKey } from "@/lib/tenants/view-params";
import { ApiRequestError } from "@/lib/api-client/fetch-json";
import { syncStatusOptions } from "@/lib/api-client/sync";
import {
  tenantKeys,
  tenantsPageOptions,
  type ExplorerDataSource,
  type TenantsPage,
} from "@/lib/api-client/tenants";
import { ExportMenu } from "@/components/export/export-menu";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { DateRangeFilter } from "./date-range-filter";
import { FacetedFilter } from "./faceted-filter";
import { FirstSyncState } from "./first-sync-state";
import { formatCount } from "./format";
import { Freshness, SyncErrorBanner, SyncProgress, useRefreshNow } from "./freshness";
import { GroupSelect } from "./group-select";
import { SearchBox } from "./search-box";
import { SummaryCharts } from "./summary-charts";
import { buildTableLayout } from "./table-layout";
import { TenantDetailsSheet } from "./tenant-details-sheet";
import { TenantTable } from "./tenant-table";
import { TenantTableSkeleton } from "./tenant-table-skeleton";
import { useExplorerState } from "./use-explorer-state";
import { ViewOptions } from "./view-options";

export interface TenantExplorerProps {
  dataSource: ExplorerDataSource;
  /** No refresh, no links to pages outside the view. */
  readOnly?: boolean;
  /** Shown above the toolbar when the view is limited to a scope. */
  scope?: { label: string };
  /** The signed-in person may start a sync (admins). */
  canRefresh?: boolean;
}

const LIST_DIMENSIONS = FACET_DIMENSIONS;
/** The URL catches up with the search box once typing pauses. */
const SEARCH_URL_DEBOUNCE_MS = 400;

function hasFilters(view: TenantView): boolean {
  return (
    view.q !== "" ||
    LIST_DIMENSIONS.some((d) => view[d].length > 0) ||
    view.createdFrom !== null ||
    view.createdTo !== null
  );
}

export function TenantExplorer({
  dataSource,
  readOnly = false,
  scope,
  canRefresh = false,
}: TenantExplorerProps) {
  const queryClient = useQueryClient();
  const gridId = useId();
  const state = useExplorerState();
  const { view, setView: setUrlView } = state;

  // Every view change starts the first window's request before React renders the change, so the
  // network and the render overlap (a keystroke's budget is 150 ms, debounce included).
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);
  const setView = useCallback(
    (update: (view: TenantView) => TenantView, options?: { urlDebounceMs?: number }) => {
      const current = viewRef.current;
      const next = update(current);
      if (viewKey(next) !== viewKey(current))
        void queryClient.prefetchQuery(tenantsPageOptions(dataSource, next, 0));
      setUrlView(update, options);
    },
    [queryClient, dataSource, setUrlView],
  );

  const head = useQuery({
    ...tenantsPageOptions(dataSource, view, 0),
    placeholderData: keepPreviousData,
    enabled: state.viewError === null,
  });
  const data = head.data;
  const shownView = data?.view ?? view;
  const grouped = shownView.group !== "none";
  const updating = head.isPlaceholderData && head.isFetching;

  const invalidateTenants = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: tenantKeys.source(dataSource.id) }),
    [queryClient, dataSource.id],
  );

  // Freshness: poll the sync state (every second while a sync runs or before the first snapshot).
  const syncUrl = readOnly ? null : dataSource.syncUrl;
  const status = useQuery({
    ...syncStatusOptions(syncUrl ?? undefined),
    enabled: syncUrl !== null,
    refetchInterval: (query) =>
      query.state.data?.snapshot.syncing || query.state.data?.snapshot.takenAt === null
        ? 1000
        : 30_000,
  });
  // Without the sync state (a read-only source), what the tenants answer says of its snapshot.
  const snapshot = status.data?.snapshot ?? (data ? snapshotOfAnswer(data) : undefined);

  // A sync finished with a new snapshot: every cached window is stale.
  const statusTakenAt = status.data?.snapshot.takenAt;
  const headTakenAt = data?.snapshot.takenAt;
  useEffect(() => {
    if (statusTakenAt && headTakenAt !== undefined && statusTakenAt !== headTakenAt)
      invalidateTenants();
  }, [statusTakenAt, headTakenAt, invalidateTenants]);

  const refreshNow = useRefreshNow(syncUrl ?? "", (run) => {
    if (run?.outcome === "success")
      toast.success(`Refreshed: ${formatCount(run.tenants ?? 0)} tenants`);
    else if (run) toast.error("The refresh failed. The previous data is still shown.");
    invalidateTenants();
  });
  const refresh =
    canRefresh && syncUrl !== null
      ? { start: () => refreshNow.mutate(), pending: refreshNow.isPending }
      : null;

  const layout = useMemo(
    () => buildTableLayout(data?.total ?? 0, data?.groups ?? [], state.collapse, grouped),
    [data?.total, data?.groups, state.collapse, grouped],
  );

  const hidden = useMemo(
    () => LIST_DIMENSIONS.filter((d) => (dataSource.hiddenFilters?.[d]?.length ?? 0) > 0),
    [dataSource.hiddenFilters],
  );
  const setList = useCallback(
    (dimension: FacetDimension, values: string[]) =>
      setView((v) => ({ ...v, [dimension]: values })),
    [setView],
  );
  const toggleValue = useCallback(
    (dimension: FacetDimension, value: string) =>
      setView((v) => ({
        ...v,
        [dimension]: v[dimension].includes(value)
          ? v[dimension].filter((x) => x !== value)
          : [...v[dimension], value],
      })),
    [setView],
  );
  const clearFilters = useCallback(
    () =>
      setView((v) => ({
        ...v,
        q: "",
        region: [],
        country: [],
        subscription: [],
        status: [],
        createdFrom: null,
        createdTo: null,
      })),
    [setView],
  );
  const onSearch = useCallback(
    (q: string) => setView((v) => ({ ...v, q }), { urlDebounceMs: SEARCH_URL_DEBOUNCE_MS }),
    [setView],
  );
  const onSortChange = useCallback(
    (sort: SortKey[]) => setView((v) => ({ ...v, sort: sort.length ? sort : [...DEFAULT_SORT] })),
    [setView],
  );

  const { region, country, subscription, status: statusFilter } = view;
  const selected = useMemo(
    () => ({ region, country, subscription, status: statusFilter }),
    [region, country, subscription, statusFilter],
  );
  const filtered = hasFilters(view);
  // The charts follow the table a frame later: a keystroke's new rows are painted first.
  const chartFacets = useDeferredValue(data?.facets);
  // Before the first snapshot the API answers 503 after a wait; the sync state knows better.
  const firstSync = status.data?.snapshot.takenAt === null;

  let body;
  if (state.viewError !== null) {
    body = (
      <ErrorState
        error={new ApiRequestError(400, "bad_request", state.viewError)}
        onReset={state.resetView}
      />
    );
  } else if (firstSync) {
    body = <FirstSyncState progress={<SyncProgress progress={snapshot?.progress ?? null} />} />;
  } else if (head.error && !data) {
    body = (
      <ErrorState
        error={head.error}
        onRetry={() => void head.refetch()}
        onReset={state.resetView}
      />
    );
  } else if (!data) {
    body = <TenantTableSkeleton />;
  } else if (layout.count === 0 && !updating) {
    body = <EmptyState filtered={filtered} onClear={clearFilters} />;
  } else {
    body = (
      <TenantTable
        id={gridId}
        source={dataSource}
        view={shownView}
        layout={layout}
        columns={state.columns}
        grouped={grouped}
        loading={updating}
        onSortChange={onSortChange}
        onToggleGroup={state.toggleGroup}
        onOpenTenant={state.openTenant}
        onSnapshotMismatch={invalidateTenants}
        snapshotTakenAt={data.snapshot.takenAt}
        label={scope ? `Tenants: ${scope.label}` : "Tenants"}
      />
    );
  }

  return (
    <div
      className="mx-auto flex h-[calc(100dvh-3.5rem)] min-h-[36rem] max-w-screen-2xl flex-col gap-3 px-4 py-3"
      data-testid="tenant-explorer"
    >
      <h1 className="sr-only">Tenants</h1>
      <button
        type="button"
        className="sr-only self-start rounded-md bg-sky-700 px-3 py-1.5 text-sm text-white focus:not-sr-only focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
        onClick={() => document.getElementById(gridId)?.focus()}
      >
        Skip to the tenant table
      </button>
      {scope ? (
        <p
          className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300"
          data-testid="explorer-scope"
        >
          <Lock aria-hidden className="size-4" />
          {scope.label}
          {readOnly ? " (read-only)" : null}
        </p>
      ) : null}
      <SyncErrorBanner snapshot={snapshot} />
      {head.error && data ? (
        <ErrorState
          error={head.error}
          onRetry={() => void head.refetch()}
          onReset={state.resetView}
          compact
        />
      ) : null}

      <div className="flex flex-wrap items-center gap-2" role="search" aria-label="Filter tenants">
        <SearchBox value={view.q} onSearch={onSearch} />
        {LIST_DIMENSIONS.filter((d) => !hidden.includes(d)).map((d) => (
          <FacetedFilter
            key={d}
            dimension={d}
            facets={data?.facets[d] ?? []}
            selected={view[d]}
            onChange={(values) => setList(d, values)}
          />
        ))}
        <DateRangeFilter
          from={view.createdFrom}
          to={view.createdTo}
          onChange={({ from, to }) => setView((v) => ({ ...v, createdFrom: from, createdTo: to }))}
        />
        {filtered ? (
          <Button variant="ghost" size="sm" onClick={clearFilters} data-testid="clear-filters">
            Clear filters
          </Button>
        ) : null}
        <p
          className="ml-auto text-sm text-zinc-700 tabular-nums dark:text-zinc-300"
          aria-live="polite"
          data-testid="tenant-count"
        >
          {data ? (
            <>
              <strong className="font-semibold text-zinc-950 dark:text-white">
                {formatCount(data.total)}
              </strong>{" "}
              of {formatCount(data.totalAll)} tenants
            </>
          ) : (
            <Skeleton className="h-4 w-32" />
          )}
          {updating ? <span className="sr-only"> (updating)</span> : null}
        </p>
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <GroupSelect value={view.group} onChange={(group) => setView((v) => ({ ...v, group }))} />
        {grouped ? (
          <>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => state.setAllCollapsed(false)}
              data-testid="expand-all"
            >
              <ChevronsUpDown aria-hidden />
              Expand all
            </Button>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => state.setAllCollapsed(true)}
              data-testid="collapse-all"
            >
              <ChevronsDownUp aria-hidden />
              Collapse all
            </Button>
          </>
        ) : null}
        <ViewOptions columns={state.columns} onChange={state.setColumns} />
        {!readOnly ? (
          <ExportMenu
            view={shownView}
            visibleColumns={state.columns}
            counts={{ view: data?.total ?? 0, all: data?.totalAll ?? 0 }}
          />
        ) : null}
        <div className="ml-auto">
          <Freshness snapshot={snapshot} refresh={refresh} />
        </div>
      </div>

      <SummaryCharts
        facets={chartFacets}
        selected={selected}
        hidden={hidden}
        onToggle={toggleValue}
      />

      <div className="flex min-h-64 flex-1 flex-col">{body}</div>

      <TenantDetailsSheet
        source={dataSource}
        tenantId={dataSource.tenantUrl ? state.tenantId : null}
        onClose={() => state.openTenant(null)}
        returnFocusTo={gridId}
        fullPageHref={readOnly ? null : (id) => `/tenants/${encodeURIComponent(id)}`}
      />
    </div>
  );
}

function snapshotOfAnswer(page: TenantsPage): SnapshotInfo {
  return {
    takenAt: page.snapshot.takenAt,
    tenantCount: page.totalAll,
    syncing: false,
    progress: null,
    lastRun: null,
    lastError: null,
  };
}
