"use client";

// The tenant grid: sticky header, sortable columns (shift-click adds a sort key), virtualized rows
// fetched by window, group headers that collapse, and keyboard navigation (use-grid-keyboard.ts).
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useId, useMemo, useRef } from "react";
import type { SortKey, TenantView } from "@/lib/tenants/types";
import { viewKey } from "@/lib/tenants/view-codec";
import type { ExplorerDataSource } from "@/lib/api-client/tenants";
import { columnTrack, TENANT_COLUMNS } from "./columns";
import type { ColumnId } from "./explorer-url";
import { LoadingBar } from "./loading-bar";
import type { TableLayout } from "./table-layout";
import { TenantTableHeader, type HeaderSelection } from "./tenant-table-header";
import { GroupRow, PlaceholderRow, ROW_HEIGHT, SELECT_TRACK, TenantRow } from "./tenant-table-row";
import { useGridKeyboard } from "./use-grid-keyboard";
import { useScrollMemory } from "./use-scroll-memory";
import { useTenantPages } from "./use-tenant-pages";

const OVERSCAN = 6;

/** Row selection (admins): the selected tenant ids and how to change them. */
export interface TableSelection {
  ids: ReadonlySet<string>;
  /** Toggles a tenant at a position of the view's row order (`range`: a shift-click). */
  onToggle: (id: string, rowIndex: number, range: boolean) => void;
  /** The header checkbox: selects every loaded row, or clears the selection. */
  onToggleAll: () => void;
}

export interface TenantTableProps {
  /** DOM id of the grid (the details panel gives focus back to it). */
  id: string;
  source: ExplorerDataSource;
  /** The view whose data is shown (may lag the URL while a new view loads). */
  view: TenantView;
  layout: TableLayout;
  columns: readonly ColumnId[];
  grouped: boolean;
  /** A new view is loading (the rows shown are the previous view's). */
  loading: boolean;
  /** The loading has lasted long enough to show: rows dimmed, a progress bar. */
  dimmed: boolean;
  onSortChange: (sort: SortKey[]) => void;
  onToggleGroup: (key: string) => void;
  onOpenTenant: (id: string) => void;
  onSnapshotMismatch: () => void;
  snapshotTakenAt: string | null;
  /** Names the grid for assistive technology. */
  label: string;
  /** Row selection with a checkbox column; absent: none (viewers, share links). */
  selection?: TableSelection | null;
}

export const TenantTable = memo(function TenantTable(props: TenantTableProps) {
  const {
    source,
    view,
    layout,
    columns,
    grouped,
    loading,
    dimmed,
    onSortChange,
    onToggleGroup,
    onOpenTenant,
  } = props;
  const gridId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);

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

  // Back to the top when the view (filters, sort, grouping) changes; back where it was when the
  // explorer is opened again on the same view (Back from a tenant's page).
  const key = viewKey(view);
  useScrollMemory(scrollRef, virtualizer, `${source.id}:grid:${key}`);

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

  const selection = props.selection ?? null;
  const selectable = selection !== null;
  const visible = useMemo(() => TENANT_COLUMNS.filter((c) => columns.includes(c.id)), [columns]);
  const template = useMemo(
    () => [...(selectable ? [SELECT_TRACK] : []), ...visible.map(columnTrack)].join(" "),
    [visible, selectable],
  );
  const minWidthRem = visible.reduce((sum, c) => sum + c.minRem, selectable ? 2.5 : 0);
  const colCount = visible.length + (selectable ? 1 : 0);

  // One handler for every row (rows are memoized): it reads the latest layout, rows and selection.
  const latest = useRef({ layout, pages, selection });
  useEffect(() => {
    latest.current = { layout, pages, selection };
  });
  const toggleRow = useCallback((index: number, range: boolean) => {
    const { layout: l, pages: p, selection: sel } = latest.current;
    const entry = l.itemAt(index);
    if (entry?.kind !== "row" || !sel) return;
    const tenant = p.rowAt(entry.rowIndex);
    if (tenant) sel.onToggle(tenant.id, entry.rowIndex, range);
  }, []);
  const headerSelection: HeaderSelection | null = useMemo(
    () =>
      selection
        ? { count: selection.ids.size, total: layout.count, onToggleAll: selection.onToggleAll }
        : null,
    [selection, layout.count],
  );

  const { activeIndex, activate, onKeyDown, onFocus } = useGridKeyboard({
    layout,
    scrollRef,
    virtualizer,
    rowHeight: ROW_HEIGHT,
    onActivate: (entry) => {
      if (entry.kind === "group") onToggleGroup(entry.key);
      else {
        const tenant = pages.rowAt(entry.rowIndex);
        if (tenant) onOpenTenant(tenant.id);
      }
    },
    onToggleGroup,
    onSelect: selectable
      ? (entry) => {
          const tenant = pages.rowAt(entry.rowIndex);
          if (tenant) selection.onToggle(tenant.id, entry.rowIndex, false);
        }
      : undefined,
  });

  const rowId = (index: number) => `${gridId}-r${index}`;
  const activeRendered =
    activeIndex !== null && items.some((item) => item.index === activeIndex) ? activeIndex : null;

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scrollRef}
        id={props.id}
        role={grouped ? "treegrid" : "grid"}
        aria-label={props.label}
        aria-rowcount={layout.count + 1}
        aria-colcount={colCount}
        aria-multiselectable={selectable || undefined}
        aria-busy={loading || undefined}
        aria-activedescendant={activeRendered === null ? undefined : rowId(activeRendered)}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        data-testid="tenant-grid"
        data-loading={loading || undefined}
        data-dimmed={dimmed || undefined}
        data-view-key={key}
        className="group/grid relative min-h-0 flex-1 overflow-auto rounded-lg border border-zinc-200 outline-none [contain:strict] focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-800"
      >
        <div style={{ minWidth: `${minWidthRem}rem` }}>
          <TenantTableHeader
            columns={visible}
            sort={view.sort}
            template={template}
            onSortChange={onSortChange}
            selection={headerSelection}
          />
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
                    colCount={colCount}
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
                    colCount={colCount}
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
                  columns={visible}
                  template={template}
                  rowId={rowId(item.index)}
                  onActivate={activate}
                  selected={selection?.ids.has(tenant.id)}
                  onSelect={selectable ? toggleRow : undefined}
                />
              );
            })}
          </div>
        </div>
      </div>
      {dimmed ? (
        <>
          {/* A veil over the grid rather than a style on the rows: showing it touches one element. */}
          <div
            aria-hidden
            className="pointer-events-none absolute inset-0 z-10 rounded-lg bg-white/50 dark:bg-zinc-950/50"
            data-testid="grid-dimmer"
          />
          <LoadingBar label="Loading the new view" />
        </>
      ) : null}
    </div>
  );
});
