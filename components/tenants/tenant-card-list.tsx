"use client";

// Phones: the tenants as a list of cards (name, status, region, subscription, license end), one
// per line and nothing wider than the screen. Virtualized and fetched by window like the table,
// from the same layout, so grouping and collapsed groups work the same way.
import { useVirtualizer } from "@tanstack/react-virtual";
import { ChevronDown, ChevronRight } from "lucide-react";
import { memo, useCallback, useEffect, useMemo, useRef } from "react";
import type { TenantRow, TenantView } from "@/lib/tenants/types";
import { viewKey } from "@/lib/tenants/view-codec";
import type { ExplorerDataSource } from "@/lib/api-client/tenants";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";
import { TENANT_COLUMNS, type TenantColumn } from "./columns";
import { DeletionCountdown } from "./deletion-countdown";
import { DIMENSION_LABELS, displayName, facetLabel, plural } from "./format";
import { LoadingBar } from "./loading-bar";
import { TagChips } from "./tag-chips";
import type { LayoutItem, TableLayout } from "./table-layout";
import { useScrollMemory } from "./use-scroll-memory";
import { useTenantPages } from "./use-tenant-pages";

const CARD_HEIGHT = 108;
/** A card with the line of the team's annotations (owner, tags, note) when those columns are on. */
const ANNOTATED_CARD_HEIGHT = 128;
const GROUP_HEIGHT = 48;
const OVERSCAN = 4;

const column = (id: TenantColumn["id"]) => TENANT_COLUMNS.find((c) => c.id === id);
const STATUS = column("status");
const REGION = column("regionCode");
const SUBSCRIPTION = column("subscriptionId");
const LICENSE = column("licenseEndsAt");

/** Which of the optional annotation columns the person turned on (shown on a card's extra line). */
export interface CardExtras {
  owner: boolean;
  tags: boolean;
  note: boolean;
}

const TenantCard = memo(function TenantCard({
  tenant,
  onOpen,
  extras,
}: {
  tenant: TenantRow;
  onOpen: (id: string) => void;
  extras: CardExtras | null;
}) {
  return (
    <button
      type="button"
      onClick={() => onOpen(tenant.id)}
      data-tenant-id={tenant.id}
      className={cn(
        extras ? "h-[120px]" : "h-[100px]",
        "flex w-full flex-col justify-center gap-0.5 overflow-hidden rounded-lg border border-zinc-200 bg-white px-3 text-left text-sm hover:bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950 dark:hover:bg-zinc-900",
        focusRing,
      )}
    >
      <span className="flex h-6 min-w-0 items-center gap-2">
        <span className="min-w-0 flex-1 truncate font-medium" data-field="name">
          {displayName(tenant.name)}
        </span>
        <span className="shrink-0" data-field="status">
          {STATUS?.render(tenant)}
        </span>
      </span>
      <span className="truncate text-zinc-800 dark:text-zinc-200" data-field="region">
        {REGION?.render(tenant)}
      </span>
      <span
        className="truncate text-xs leading-5 text-zinc-700 dark:text-zinc-300"
        data-field="subscription"
      >
        Subscription{" "}
        {tenant.subscriptionName ? (
          tenant.subscriptionName
        ) : (
          <span className="font-mono">{SUBSCRIPTION?.render(tenant)}</span>
        )}
      </span>
      <span
        className="truncate text-xs leading-5 text-zinc-700 dark:text-zinc-300"
        data-field="license"
      >
        License ends {LICENSE?.render(tenant)}
        {tenant.deletionStartsAt ? (
          <span className="font-medium text-rose-800 dark:text-rose-300" data-field="deletion">
            {" "}
            · Deletion <DeletionCountdown iso={tenant.deletionStartsAt} />
          </span>
        ) : null}
      </span>
      {extras ? (
        <span
          className="flex h-5 min-w-0 items-center gap-2 text-xs text-zinc-700 dark:text-zinc-300"
          data-field="annotations"
        >
          {extras.owner ? (
            <span className="shrink-0 truncate">{tenant.owner ?? "No owner"}</span>
          ) : null}
          {extras.tags && tenant.tags.length ? (
            <TagChips tags={tenant.tags} className="overflow-hidden" />
          ) : null}
          {extras.note && tenant.note ? (
            <span className="min-w-0 truncate italic">{tenant.note}</span>
          ) : null}
        </span>
      ) : null}
    </button>
  );
});

function GroupHeader({
  entry,
  onToggle,
}: {
  entry: Extract<LayoutItem, { kind: "group" }>;
  onToggle: (key: string) => void;
}) {
  const label = entry.group.label || facetLabel(entry.group.field, entry.group.value);
  const Chevron = entry.collapsed ? ChevronRight : ChevronDown;
  return (
    <button
      type="button"
      aria-expanded={!entry.collapsed}
      onClick={() => onToggle(entry.key)}
      data-group={entry.key}
      className={cn(
        "flex h-10 w-full items-center gap-2 rounded-md px-2 text-left text-sm",
        entry.level === 1
          ? "bg-zinc-100 dark:bg-zinc-900"
          : "ml-4 w-[calc(100%-1rem)] bg-zinc-50 dark:bg-zinc-900/60",
        focusRing,
      )}
    >
      <Chevron aria-hidden className="size-4 shrink-0" />
      <span className="min-w-0 flex-1 truncate font-semibold">
        <span className="sr-only">{`${DIMENSION_LABELS[entry.group.field]} `}</span>
        {label}
      </span>
      <span className="shrink-0 text-zinc-700 dark:text-zinc-300">
        {plural(entry.group.count, "tenant")}
      </span>
    </button>
  );
}

export interface TenantCardListProps {
  /** DOM id of the list (the details panel gives focus back to it). */
  id: string;
  source: ExplorerDataSource;
  view: TenantView;
  layout: TableLayout;
  loading: boolean;
  dimmed: boolean;
  label: string;
  onToggleGroup: (key: string) => void;
  onOpenTenant: (id: string) => void;
  onSnapshotMismatch: () => void;
  snapshotTakenAt: string | null;
  /** The optional columns turned on: owner, tags and note get a line of their own. */
  columns?: readonly string[];
}

export const TenantCardList = memo(function TenantCardList(props: TenantCardListProps) {
  const {
    id,
    source,
    view,
    layout,
    loading,
    dimmed,
    label,
    onToggleGroup,
    onOpenTenant,
    onSnapshotMismatch,
    snapshotTakenAt,
    columns,
  } = props;
  const owner = columns?.includes("owner") ?? false;
  const tags = columns?.includes("tags") ?? false;
  const note = columns?.includes("note") ?? false;
  const extras = useMemo(
    () => (owner || tags || note ? { owner, tags, note } : null),
    [owner, tags, note],
  );
  const cardHeight = extras ? ANNOTATED_CARD_HEIGHT : CARD_HEIGHT;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Group headers and cards differ in height. The virtualizer lays all `count` items out again
  // whenever its key function changes, so a new layout (a group collapsed) gets a new one; the key
  // itself is the plain index and the size a set lookup: no allocation per item, which matters at
  // 50,000 items on a phone's CPU.
  const getItemKey = useCallback((index: number) => index, [layout, cardHeight]); // eslint-disable-line react-hooks/exhaustive-deps
  const estimateSize = useCallback(
    (index: number) => (layout.isGroupAt(index) ? GROUP_HEIGHT : cardHeight),
    [layout, cardHeight],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer keeps its state outside React and re-renders this component itself
  const virtualizer = useVirtualizer({
    count: layout.count,
    getScrollElement: () => scrollRef.current,
    getItemKey,
    estimateSize,
    overscan: OVERSCAN,
    useFlushSync: false,
    // Server render: a phone's first screenful.
    initialRect: { width: 390, height: 700 },
  });
  const items = virtualizer.getVirtualItems();
  const key = viewKey(view);
  useScrollMemory(scrollRef, virtualizer, `${source.id}:cards:${key}`);

  const rowIndices = useMemo(() => {
    const out: number[] = [];
    for (const item of items) {
      const entry = layout.itemAt(item.index);
      if (entry?.kind === "row") out.push(entry.rowIndex);
    }
    return out;
  }, [items, layout]);
  const pages = useTenantPages(source, view, rowIndices);
  useEffect(() => {
    if (pages.snapshots.some((s) => s !== snapshotTakenAt)) onSnapshotMismatch();
  }, [pages.snapshots, snapshotTakenAt, onSnapshotMismatch]);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scrollRef}
        id={id}
        tabIndex={-1}
        aria-busy={loading || undefined}
        data-testid="tenant-cards"
        data-loading={loading || undefined}
        data-dimmed={dimmed || undefined}
        data-view-key={key}
        className="min-h-0 flex-1 overflow-y-auto overscroll-contain outline-none"
      >
        <ul
          aria-label={label}
          className="relative w-full"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const entry = layout.itemAt(item.index);
            if (!entry) return null;
            const tenant = entry.kind === "row" ? pages.rowAt(entry.rowIndex) : undefined;
            return (
              <li
                key={
                  entry.kind === "group" ? `g:${entry.key}` : `t:${item.index}:${tenant?.id ?? ""}`
                }
                aria-setsize={layout.count}
                aria-posinset={item.index + 1}
                className="absolute top-0 left-0 w-full [contain:strict]"
                style={{ transform: `translateY(${item.start}px)`, height: item.size }}
              >
                {entry.kind === "group" ? (
                  <GroupHeader entry={entry} onToggle={onToggleGroup} />
                ) : tenant ? (
                  <TenantCard tenant={tenant} onOpen={onOpenTenant} extras={extras} />
                ) : (
                  <div
                    aria-busy="true"
                    className="h-[100px] rounded-lg border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900"
                    data-placeholder
                  >
                    <span className="sr-only">Loading…</span>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      {dimmed ? (
        <>
          <div
            aria-hidden
            className="pointer-events-none absolute inset-0 z-10 bg-white/50 dark:bg-zinc-950/50"
            data-testid="grid-dimmer"
          />
          <LoadingBar label="Loading the new view" />
        </>
      ) : null}
    </div>
  );
});
