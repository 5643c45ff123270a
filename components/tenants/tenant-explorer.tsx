"use client";

// The tenant explorer: toolbars, summary charts, freshness, the virtualized grid (cards on a phone)
// and the details panel, all driven by the URL.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Lock } from "lucide-react";
import dynamic from "next/dynamic";
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { toast } from "sonner";
import type { FacetDimension, SnapshotInfo, SortKey, TenantView } from "@/lib/tenants/types";
import { FACET_DIMENSIONS } from "@/lib/tenants/types";
import { DEFAULT_SORT, DEFAULT_VIEW, viewKey } from "@/lib/tenants/view-codec";
import { syncStatusOptions } from "@/lib/api-client/sync";
import {
  tenantKeys,
  tenantsPageOptions,
  type ExplorerDataSource,
  type TenantsPage,
} from "@/lib/api-client/tenants";
import { BulkActionBar } from "@/components/annotations/bulk-action-bar";
import { ErrorState } from "@/components/ui/error-state";
import { useDelayedFlag } from "@/components/ui/use-delayed-flag";
import { PHONE_QUERY, useMediaQuery } from "@/components/ui/use-media-query";
import type { DateRange } from "./date-range-filter";
import {
  ALL_FIELDS,
  offeredDimensions,
  offersCreatedFilter,
  type ExplorerFields,
} from "./explorer-fields";
import { ExplorerFilterBar } from "./explorer-filter-bar";
import { EXPLORER_BODY, EXPLORER_FRAME, summaryClass } from "./explorer-frame";
import { ExplorerNotice } from "./explorer-notice";
import type { IgnoredParam } from "./explorer-url";
import { ExplorerViewBar } from "./explorer-view-bar";
import { QuickViews } from "./quick-views";
import { FirstSyncState } from "./first-sync-state";
import { formatCount } from "./format";
import { Freshness, SyncErrorBanner, SyncProgress, useRefreshNow } from "./freshness";
import { SummaryToggle } from "./summary-toggle";
import { rememberSummaryOpen } from "./summary-preference";
import { AnnotationFilters } from "./annotation-filters";
import { loadedRows } from "./loaded-rows";
import { buildTableLayout } from "./table-layout";
import { TenantTableSkeleton } from "./tenant-table-skeleton";
import { TenantCardList } from "./tenant-card-list";
import { TenantTable } from "./tenant-table";
import { TenantsEmptyState } from "./tenants-empty-state";
import { useExplorerState } from "./use-explorer-state";
import { useRowSelection } from "./use-row-selection";

// Loaded when first shown, not with the page: a phone's first load parses and runs only what its
// first screen needs (the charts start closed there; the details panel opens from a row).
const SummaryCharts = dynamic(() => import("./summary-charts").then((m) => m.SummaryCharts));
const TenantDetailsSheet = dynamic(() =>
  import("./tenant-details-sheet").then((m) => m.TenantDetailsSheet),
);

export interface TenantExplorerProps {
  dataSource: ExplorerDataSource;
  /** No refresh, no links to pages outside the view. */
  readOnly?: boolean;
  /** Shown above the toolbar when the view is limited to a scope. */
  scope?: { label: string };
  /** The signed-in person may start a sync (admins). */
  canRefresh?: boolean;
  /**
   * The signed-in person may change the team's annotations (admins): name subscriptions, edit a
   * tenant's owner, tags and note, select rows for bulk changes.
   */
  canEdit?: boolean;
  /** The fields the source offers (a share link: only its columns). Default: all. */
  fields?: ExplorerFields;
  /** The export endpoint; null hides the export. Default: the organization's export. */
  exportPath?: string | null;
  /** Offers "Share view"; only admins may make a link that never expires. */
  share?: { canNeverExpire: boolean } | null;
  /** The page's (visually hidden) heading. */
  heading?: string;
  /** A banner above the toolbar, given the data's snapshot; it replaces the freshness line. */
  banner?: (snapshot: SnapshotInfo | undefined) => ReactNode;
  /** Values of the link the server found no tenant has: left out, and said so. */
  ignoredValues?: readonly IgnoredParam[];
  /** Whether the summary charts start shown on wide screens (the browser's choice). */
  summaryOpen?: boolean;
  /** The background sync's interval: the freshness line says when the next update is due. */
  autoRefreshMinutes?: number | null;
  /**
   * The server's guess that the screen is a phone's (from the request), so that only one list is
   * rendered and hydrated; absent: both are, and CSS shows the one that fits until the width is known.
   */
  phoneGuess?: boolean;
}

const LIST_DIMENSIONS = FACET_DIMENSIONS;
/** The URL catches up with the search box once typing pauses. */
const SEARCH_URL_DEBOUNCE_MS = 400;
/** A view that answers faster than this shows no loading cue (no flicker). */
const LOADING_CUE_AFTER_MS = 150;
const NO_IGNORED: readonly IgnoredParam[] = [];
/** The columns of the team's annotations: a source showing none offers no "Annotated" filter. */
const ANNOTATION_COLUMNS = ["owner", "tags", "note"] as const;

/**
 * False in the server render and the render that hydrates it, true after; `known` makes it true
 * from the start (no second render of the whole explorer after hydration just to learn it).
 */
const useHydrated = (known: boolean) =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => known,
  );
const noSubscription = () => () => {};

export function TenantExplorer({
  dataSource,
  readOnly = false,
  scope,
  canRefresh = false,
  canEdit = false,
  fields = ALL_FIELDS,
  exportPath,
  share = null,
  heading = "Tenants",
  banner,
  ignoredValues = NO_IGNORED,
  summaryOpen = true,
  autoRefreshMinutes = null,
  phoneGuess,
}: TenantExplorerProps) {
  const queryClient = useQueryClient();
  const gridId = useId();
  const columnChoice = useMemo(
    () => ({ offered: fields.columns, defaults: fields.defaultColumns }),
    [fields.columns, fields.defaultColumns],
  );
  const state = useExplorerState(columnChoice, ignoredValues);
  // The details panel mounts with the first tenant opened and stays (its closing animation and
  // focus return need it).
  const [detailsUsed, setDetailsUsed] = useState(state.tenantId !== null);
  if (state.tenantId !== null && !detailsUsed) setDetailsUsed(true);
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
  });
  const data = head.data;
  const shownView = data?.view ?? view;
  const grouped = shownView.group !== "none";
  const updating = head.isPlaceholderData && head.isFetching;
  const showUpdating = useDelayedFlag(updating, LOADING_CUE_AFTER_MS);

  // One list is mounted: the table, or the cards on a phone. Until the width is known it is the
  // server's guess, or without one both (CSS shows the one that fits).
  const phone = useMediaQuery(PHONE_QUERY, phoneGuess ?? false);
  // Only without the server's guess does the explorer need to know that it has hydrated.
  const guessing = !useHydrated(phoneGuess !== undefined);
  // data-hydrated: the controls answer from here on (browser tests wait for it before acting). Set
  // on the element rather than rendered, so hydrating costs no second render of the explorer.
  const frameRef = useRef<HTMLDivElement>(null);
  useEffect(() => frameRef.current?.setAttribute("data-hydrated", "true"), []);
  const showTable = guessing || !phone;
  const showCards = guessing || phone;
  const cardsId = useId();

  // The summary charts: closed on a phone until asked for; on wider screens as the browser chose.
  const summaryId = useId();
  const [summaryPhone, setSummaryPhone] = useState(false);
  const [summaryWide, setSummaryWide] = useState(summaryOpen);
  const toggleSummaryWide = useCallback(() => {
    rememberSummaryOpen(!summaryWide);
    setSummaryWide(!summaryWide);
  }, [summaryWide]);

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

  const dimensions = useMemo(() => offeredDimensions(fields), [fields]);
  const hidden = useMemo(
    () => LIST_DIMENSIONS.filter((d) => !dimensions.includes(d)),
    [dimensions],
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
  // Every filter back to "any", keeping the sort and the grouping (and, for the phone's filter
  // sheet, the search).
  const clearFilters = useCallback(
    () => setView((v) => ({ ...DEFAULT_VIEW, sort: v.sort, group: v.group })),
    [setView],
  );
  const clearListsAndDates = useCallback(
    () => setView((v) => ({ ...DEFAULT_VIEW, q: v.q, sort: v.sort, group: v.group })),
    [setView],
  );
  const setAnnotated = useCallback(
    (annotated: boolean | null) => setView((v) => ({ ...v, annotated })),
    [setView],
  );
  const offersAnnotated = ANNOTATION_COLUMNS.some((c) => fields.columns.includes(c));

  // Admins select rows for bulk changes (not through a link, which is read-only).
  const editable = canEdit && !readOnly;
  const shownKey = viewKey(shownView);
  const loaded = useCallback(
    () => loadedRows(queryClient, dataSource, shownView),
    [queryClient, dataSource, shownView],
  );
  const rowSelection = useRowSelection(shownKey, loaded);
  const tableSelection = useMemo(
    () => ({
      ids: rowSelection.ids,
      onToggle: rowSelection.toggle,
      onToggleAll: () =>
        rowSelection.ids.size > 0
          ? rowSelection.clear()
          : rowSelection.toggleAll([...new Set(loaded().values())]),
    }),
    [rowSelection, loaded],
  );
  const selectedIds = useMemo(() => [...rowSelection.ids], [rowSelection.ids]);
  const setDates = useCallback(
    ({ from, to }: DateRange) => setView((v) => ({ ...v, createdFrom: from, createdTo: to })),
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

  const { region, country, subscription, status: statusFilter, owner, tag } = view;
  const selected = useMemo(
    () => ({ region, country, subscription, status: statusFilter, owner, tag }),
    [region, country, subscription, statusFilter, owner, tag],
  );
  // The charts follow the table a frame later: a keystroke's new rows are painted first.
  const chartFacets = useDeferredValue(data?.facets);
  // Before the first snapshot the API answers 503 after a wait; the sync state knows better.
  const firstSync = status.data?.snapshot.takenAt === null;

  const listLabel = scope ? `Tenants: ${scope.label}` : "Tenants";
  let body;
  if (firstSync) {
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
    body = (
      <TenantsEmptyState
        view={shownView}
        facets={data.facets}
        onChange={setView}
        onClear={clearFilters}
      />
    );
  } else {
    body = (
      <>
        {showTable ? (
          <div className="hidden min-h-0 flex-1 flex-col sm:flex">
            <TenantTable
              id={gridId}
              source={dataSource}
              view={shownView}
              layout={layout}
              columns={state.columns}
              grouped={grouped}
              loading={updating}
              dimmed={showUpdating}
              onSortChange={onSortChange}
              onToggleGroup={state.toggleGroup}
              onOpenTenant={state.openTenant}
              onSnapshotMismatch={invalidateTenants}
              snapshotTakenAt={data.snapshot.takenAt}
              label={listLabel}
              selection={editable ? tableSelection : null}
            />
          </div>
        ) : null}
        {showCards ? (
          <div className="flex min-h-0 flex-1 flex-col sm:hidden">
            <TenantCardList
              id={cardsId}
              source={dataSource}
              view={shownView}
              layout={layout}
              loading={updating}
              dimmed={showUpdating}
              label={listLabel}
              onToggleGroup={state.toggleGroup}
              onOpenTenant={state.openTenant}
              onSnapshotMismatch={invalidateTenants}
              snapshotTakenAt={data.snapshot.takenAt}
              columns={state.columns}
            />
          </div>
        ) : null}
      </>
    );
  }

  return (
    <div ref={frameRef} className={EXPLORER_FRAME} data-testid="tenant-explorer">
      <h1 className="sr-only">{heading}</h1>
      <button
        type="button"
        className="sr-only self-start rounded-md bg-sky-700 px-3 py-1.5 text-sm text-white focus:not-sr-only focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
        onClick={() => document.getElementById(phone ? cardsId : gridId)?.focus()}
      >
        Skip to the tenant list
      </button>
      {banner ? banner(snapshot) : null}
      {scope ? (
        <p
          className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300"
          data-testid="explorer-scope"
        >
          <Lock aria-hidden className="size-4 shrink-0" />
          <span className="min-w-0 break-words">
            {scope.label}
            {readOnly ? " (read-only)" : null}
          </span>
        </p>
      ) : null}
      <ExplorerNotice ignored={state.ignored} onDismiss={state.dismissIgnored} />
      <SyncErrorBanner snapshot={snapshot} />
      {head.error && data ? (
        <ErrorState
          error={head.error}
          onRetry={() => void head.refetch()}
          onReset={state.resetView}
          compact
        />
      ) : null}

      <ExplorerFilterBar
        view={view}
        dimensions={dimensions}
        offersDates={offersCreatedFilter(fields)}
        facets={data?.facets}
        counts={data ? { total: data.total, totalAll: data.totalAll } : null}
        updating={updating}
        showUpdating={showUpdating}
        onSearch={onSearch}
        onListChange={setList}
        onDatesChange={setDates}
        onAnnotatedChange={offersAnnotated ? setAnnotated : null}
        onClearAll={clearFilters}
        onClearFilters={clearListsAndDates}
        phoneSummaryToggle={
          <SummaryToggle
            where="phone"
            open={summaryPhone}
            onToggle={() => setSummaryPhone((open) => !open)}
            controls={summaryId}
            className="sm:hidden"
          />
        }
      />

      <ExplorerViewBar
        quickViews={
          <QuickViews
            view={view}
            onViewChange={setView}
            columns={state.columns}
            offeredColumns={fields.columns}
            onColumnsChange={state.setColumns}
            // Admins (who may refresh) may also make alert rules.
            showAlertLink={canRefresh && !readOnly}
          />
        }
        group={view.group}
        grouped={grouped}
        onGroupChange={(group) => setView((v) => ({ ...v, group }))}
        onCollapseAll={state.setAllCollapsed}
        columns={state.columns}
        onColumnsChange={state.setColumns}
        fields={fields}
        filters={
          <AnnotationFilters
            dimensions={dimensions}
            view={view}
            facets={data?.facets}
            onListChange={setList}
            onAnnotatedChange={offersAnnotated ? setAnnotated : null}
          />
        }
        summaryToggle={
          <SummaryToggle
            where="wide"
            open={summaryWide}
            onToggle={toggleSummaryWide}
            controls={summaryId}
            className="hidden sm:inline-flex"
          />
        }
        exportMenu={
          exportPath === null
            ? null
            : {
                path: exportPath,
                view: shownView,
                counts: { view: data?.total ?? 0, all: data?.totalAll ?? 0 },
                allLabel: scope ? "All tenants in scope" : undefined,
              }
        }
        share={share ? { ...share, view: shownView, tenantCount: data?.total ?? null } : null}
        freshness={
          banner ? null : (
            <Freshness
              snapshot={snapshot}
              refresh={refresh}
              autoRefreshMinutes={autoRefreshMinutes}
              showAdminNote={!readOnly}
            />
          )
        }
      />
      <div
        id={summaryId}
        className={summaryClass({ phone: summaryPhone, wide: summaryWide })}
        data-testid="summary-panel"
      >
        {/* A phone renders the charts only once asked for. */}
        {phone && !summaryPhone ? null : (
          <SummaryCharts
            facets={chartFacets}
            selected={selected}
            hidden={hidden}
            onToggle={toggleValue}
          />
        )}
      </div>
      {editable ? (
        <BulkActionBar
          selectedIds={selectedIds}
          viewQuery={shownKey}
          viewTotal={data?.total ?? 0}
          onClear={rowSelection.clear}
        />
      ) : null}

      <div className={EXPLORER_BODY}>{body}</div>

      {detailsUsed ? (
        <TenantDetailsSheet
          source={dataSource}
          tenantId={dataSource.tenantUrl ? state.tenantId : null}
          onClose={() => state.openTenant(null)}
          returnFocusTo={phone ? cardsId : gridId}
          fields={fields === ALL_FIELDS ? undefined : fields.details}
          fullPageHref={readOnly ? null : (id) => `/tenants/${encodeURIComponent(id)}`}
          annotations={readOnly ? null : { canEdit: editable }}
        />
      ) : null}
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
