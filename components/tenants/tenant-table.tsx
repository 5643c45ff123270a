"use client";

// The tenant grid: sticky header, sortable columns (shift-click adds a sort key), virtualized rows
// fetched by window, group headers that collapse, and keyboard navigation (arrows, Home/End,
// PageUp/PageDown, Enter). Focus stays on the grid; the active row is aria-activedescendant, so
// virtualization never takes focus away.
import {
  getCoreRowModel,
  useReactTable,
  type SortingState,
  type Updater,
  type VisibilityState,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import type { SortKey, Tenant, TenantView } from "@/lib/tenants/types";
import { viewKey } from "@/lib/tenants/view-params";
import type { ExplorerDataSource } from "@/lib/query/tenants";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { columnTrack, TENANT_COLUMNS } from "./columns";
import { COLUMN_IDS, type ColumnId } from "./explorer-url";
import { GroupRowContent } from "./group-row";
import type { LayoutItem, TableLayout } from "./table-layout";
import { useTenantPages } from "./use-tenant-pages";

export const ROW_HEIGHT = 36;
const OVERSCAN = 6;

export interface TenantTableProps {
  /** DOM id of the grid (the details panel gives focus back to it). */
  id: string;
  source: ExplorerDataSource;
  /** The view whose data is shown (may lag the URL while a new view loads). */
  view: TenantView;
  layout: TableLayout;
  columns: readonly ColumnId[];
  grouped: boolean;
  loading: boolean;
  onSortChange: (sort: SortKey[]) => void;
  onToggleGroup: (key: string) => void;
  onOpenTenant: (id: string) => void;
  onSnapshotMismatch: () => void;
  snapshotTakenAt: string | null;
  /** Names the grid for assistive technology. */
  label: string;
}

const toSorting = (sort: readonly SortKey[]): SortingState =>
  sort.map((k) => ({ id: k.field, desc: k.desc }));

interface RowColumn {
  id: string;
  render: (tenant: Tenant) => ReactNode;
  className: string;
}

// Rows are size-contained layout roots: mounting one while scrolling never re-lays out the page.
const rowBase =
  "absolute top-0 left-0 w-full border-b border-zinc-100 [contain:strict] dark:border-zinc-900";
const activeRing =
  "group-focus-visible/grid:outline-2 group-focus-visible/grid:-outline-offset-2 group-focus-visible/grid:outline-sky-600";

/**
 * One tenant row. Memoized on plain props, so scrolling renders only rows that come into view
 * (positions are per display index and never move).
 */
const TenantRow = memo(function TenantRow({
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
}: {
  tenant: Tenant;
  index: number;
  start: number;
  level: number;
  grouped: boolean;
  active: boolean;
  columns: readonly RowColumn[];
  template: string;
  rowId: string;
  onActivate: (index: number) => void;
}) {
  return (
    <div
      id={rowId}
      role="row"
      aria-rowindex={index + 2}
      aria-level={grouped ? level : undefined}
      data-tenant-id={tenant.id}
      data-active={active || undefined}
      className={cn(
        rowBase,
        "grid cursor-pointer text-sm hover:bg-zinc-50 dark:hover:bg-zinc-900",
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
      {columns.map((column) => (
        <div
          key={column.id}
          role="gridcell"
          data-column={column.id}
          title={column.id === "name" ? tenant.name : undefined}
          className={cn(
            "min-w-0 truncate px-2",
            column.className,
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

const GroupRow = memo(function GroupRow({
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
const PlaceholderRow = memo(function PlaceholderRow({
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

const NO_ROWS: Tenant[] = [];

export const TenantTable = memo(function TenantTable(props: TenantTableProps) {
  const {
    source,
    view,
    layout,
    columns,
    grouped,
    loading,
    onSortChange,
    onToggleGroup,
    onOpenTenant,
  } = props;
  const gridId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<number | null>(null);
  const activeIndex = active === null ? null : Math.min(active, layout.count - 1);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is built to re-render
  const virtualizer = useVirtualizer({
    count: layout.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // Render scroll updates with React's scheduling rather than one synchronous render per event.
    useFlushSync: false,
    // Server render: lay out a first screenful so the HTML already shows rows.
    initialRect: { width: 1280, height: 720 },
  });
  const items = virtualizer.getVirtualItems();

  // Back to the top when the view (filters, sort, grouping) changes. The virtualizer knows the
  // offset from scroll events, so an unscrolled table costs no forced layout.
  const key = viewKey(view);
  useEffect(() => {
    if (virtualizer.scrollOffset) virtualizer.scrollToOffset(0);
  }, [key, virtualizer]);

  const rowIndices = useMemo(() => {
    const out: number[] = [];
    for (const item of items) {
      const entry = layout.itemAt(item.index);
      if (entry?.kind === "row") out.push(entry.rowIndex);
    }
    return out;
  }, [items, layout]);
  const pages = useTenantPages(source, view, rowIndices);

  const { snapshotTakenAt, onSnapshotMismatch } = props;
  useEffect(() => {
    if (pages.snapshots.some((s) => s !== snapshotTakenAt)) onSnapshotMismatch();
  }, [pages.snapshots, snapshotTakenAt, onSnapshotMismatch]);

  const sorting = useMemo(() => toSorting(view.sort), [view.sort]);
  const columnVisibility = useMemo<VisibilityState>(
    () => Object.fromEntries(COLUMN_IDS.map((id) => [id, columns.includes(id)])),
    [columns],
  );
  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      onSortChange(next.map((s) => ({ field: s.id as SortKey["field"], desc: s.desc })));
    },
    [sorting, onSortChange],
  );

  // TanStack Table owns the column model (headers, sorting, visibility); rows come from `pages`.
  const table = useReactTable({
    data: NO_ROWS,
    columns: TENANT_COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    state: { sorting, columnVisibility },
    onSortingChange,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: true,
    isMultiSortEvent: (e) => (e as { shiftKey?: boolean }).shiftKey === true,
    sortDescFirst: false,
  });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const visibleKey = headers.map((h) => h.column.id).join(",");
  const rowColumns = useMemo<RowColumn[]>(
    () =>
      TENANT_COLUMNS.filter((c) => c.id && visibleKey.split(",").includes(c.id)).map((c) => ({
        id: c.id as string,
        render: c.meta?.render ?? (() => null),
        className: c.meta?.cellClass ?? "",
      })),
    [visibleKey],
  );
  const template = headers.map((h) => columnTrack(h.column.columnDef.meta)).join(" ");
  const minWidthRem = headers.reduce((sum, h) => sum + (h.column.columnDef.meta?.minRem ?? 10), 0);

  const moveTo = useCallback(
    (index: number) => {
      if (layout.count === 0) return;
      const next = Math.max(0, Math.min(layout.count - 1, index));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: "auto" });
    },
    [layout.count, virtualizer],
  );

  // Row callbacks read the latest layout/pages through a ref, so memoized rows keep one handler.
  const latest = useRef({ layout, pages, onToggleGroup, onOpenTenant });
  useEffect(() => {
    latest.current = { layout, pages, onToggleGroup, onOpenTenant };
  });
  const activate = useCallback((index: number) => {
    const { layout: l, pages: p, onToggleGroup: toggle, onOpenTenant: open } = latest.current;
    const entry = l.itemAt(index);
    if (!entry) return;
    setActive(index);
    if (entry.kind === "group") toggle(entry.key);
    else {
      const tenant = p.rowAt(entry.rowIndex);
      if (tenant) open(tenant.id);
    }
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.target !== e.currentTarget) return; // keys on header buttons are theirs
    const current = activeIndex ?? -1;
    const pageRows = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2,
    );
    const entry = activeIndex === null ? null : layout.itemAt(activeIndex);
    switch (e.key) {
      case "ArrowDown":
        moveTo(current + 1);
        break;
      case "ArrowUp":
        moveTo(current <= 0 ? 0 : current - 1);
        break;
      case "PageDown":
        moveTo(current + pageRows);
        break;
      case "PageUp":
        moveTo(current - pageRows);
        break;
      case "Home":
        moveTo(0);
        break;
      case "End":
        moveTo(layout.count - 1);
        break;
      case "Enter":
      case " ":
        if (activeIndex === null) return;
        if (e.key === " " && entry?.kind !== "group") return;
        activate(activeIndex);
        break;
      case "ArrowRight":
        if (entry?.kind === "group" && entry.collapsed) onToggleGroup(entry.key);
        else return;
        break;
      case "ArrowLeft":
        if (entry?.kind === "group" && !entry.collapsed) onToggleGroup(entry.key);
        else return;
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  const rowId = (index: number) => `${gridId}-r${index}`;
  const activeRendered =
    activeIndex !== null && items.some((item) => item.index === activeIndex) ? activeIndex : null;
  const primarySort = view.sort[0];

  return (
    <div
      ref={scrollRef}
      id={props.id}
      role={grouped ? "treegrid" : "grid"}
      aria-label={props.label}
      aria-rowcount={layout.count + 1}
      aria-colcount={headers.length}
      aria-busy={loading || undefined}
      aria-activedescendant={activeRendered === null ? undefined : rowId(activeRendered)}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && activeIndex === null && layout.count > 0) setActive(0);
      }}
      data-testid="tenant-grid"
      data-loading={loading || undefined}
      data-view-key={key}
      className="group/grid relative min-h-0 flex-1 overflow-auto rounded-lg border border-zinc-200 outline-none [contain:strict] focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-800"
    >
      <div style={{ minWidth: `${minWidthRem}rem` }}>
        <div role="rowgroup" className="sticky top-0 z-10">
          <div
            role="row"
            aria-rowindex={1}
            className="grid border-b border-zinc-200 bg-zinc-50 text-left text-xs font-semibold text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
            style={{ gridTemplateColumns: template }}
          >
            {headers.map((header, colIndex) => {
              const column = header.column;
              const sorted = column.getIsSorted();
              const sortIndex = column.getSortIndex();
              const label = column.columnDef.meta?.label ?? column.id;
              const isPrimary = primarySort?.field === column.id;
              return (
                <div
                  key={header.id}
                  role="columnheader"
                  aria-colindex={colIndex + 1}
                  aria-sort={
                    isPrimary && sorted
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
                    onClick={column.getToggleSortingHandler()}
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
                    {sorted && view.sort.length > 1 ? (
                      <span className="text-[0.65rem] tabular-nums" aria-hidden>
                        {sortIndex + 1}
                      </span>
                    ) : null}
                    {sorted ? (
                      <span className="sr-only">
                        {`, sorted ${sorted === "desc" ? "descending" : "ascending"}${view.sort.length > 1 ? `, sort key ${sortIndex + 1}` : ""}`}
                      </span>
                    ) : null}
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const entry = layout.itemAt(item.index);
            if (!entry) return null;
            const isActive = item.index === activeIndex;
            if (entry.kind === "group")
              return (
                <GroupRow
                  key={`g:${entry.key}`}
                  entry={entry}
                  index={item.index}
                  start={item.start}
                  active={isActive}
                  colCount={headers.length}
                  rowId={rowId(item.index)}
                  onActivate={activate}
                />
              );
            const tenant = pages.rowAt(entry.rowIndex);
            if (!tenant)
              return (
                <PlaceholderRow
                  key={`p:${item.index}`}
                  index={item.index}
                  start={item.start}
                  colCount={headers.length}
                  rowId={rowId(item.index)}
                />
              );
            return (
              <TenantRow
                key={`t:${item.index}:${tenant.id}`}
                tenant={tenant}
                index={item.index}
                start={item.start}
                level={entry.level}
                grouped={grouped}
                active={isActive}
                columns={rowColumns}
                template={template}
                rowId={rowId(item.index)}
                onActivate={activate}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
});

/** Placeholder rows while the first window loads. */
export function TenantTableSkeleton() {
  return (
    <div
      aria-busy="true"
      aria-label="Loading tenants"
      role="status"
      className="min-h-0 flex-1 overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800"
      data-testid="tenant-grid-skeleton"
    >
      <div className="h-9 border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900" />
      {Array.from({ length: 14 }, (_, i) => (
        <div
          key={i}
          className="flex h-9 items-center gap-6 border-b border-zinc-100 px-2 dark:border-zinc-900"
        >
          <Skeleton className="h-3 w-56" />
          <Skeleton className="h-3 w-16" />
          <Skeleton className="h-3 w-48" />
          <Skeleton className="h-3 w-32" />
          <Skeleton className="h-3 w-56" />
        </div>
      ))}
    </div>
  );
}
