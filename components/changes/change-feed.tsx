"use client";

// /changes: what changed between snapshots, newest first; filter by kind and detection date (in
// the URL), 50 at a time with "Load more".
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { parseAsArrayOf, parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { useId } from "react";
import type { ChangeKind } from "@/lib/tenants/types";
import { changesFeedOptions, type ChangesFilter } from "@/lib/api-client/changes";
import { displayName } from "@/components/tenants/format";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { focusRing } from "@/components/ui/focus";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { CHANGE_KINDS, changeKindLabel } from "./change-kinds";
import { ChangeValue } from "./change-value";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const changeFeedParsers = {
  kind: parseAsArrayOf(parseAsStringLiteral(CHANGE_KINDS), ",").withDefault([]),
  from: parseAsString,
  to: parseAsString,
};

export function filterFrom(values: {
  kind: ChangesFilter["kind"];
  from: string | null;
  to: string | null;
}): ChangesFilter {
  return {
    kind: values.kind,
    from: values.from && DAY.test(values.from) ? values.from : null,
    to: values.to && DAY.test(values.to) ? values.to : null,
  };
}

export function ChangeFeed() {
  const [params, setParams] = useQueryStates(changeFeedParsers, {
    history: "replace",
    shallow: true,
  });
  const filter = filterFrom(params);
  const feed = useInfiniteQuery(changesFeedOptions(filter));
  const ids = { kind: useId(), from: useId(), to: useId() };
  const items = feed.data?.pages.flatMap((p) => p.changes) ?? [];
  const filtered = filter.kind.length > 0 || filter.from !== null || filter.to !== null;
  const clear = () => void setParams({ kind: null, from: null, to: null });
  const toggleKind = (k: ChangeKind) =>
    void setParams({
      kind: filter.kind.includes(k) ? filter.kind.filter((x) => x !== k) : [...filter.kind, k],
    });

  return (
    <div className="grid gap-4" data-testid="change-feed">
      <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter changes">
        <fieldset className="grid gap-1">
          <legend id={ids.kind} className="mb-1 text-xs text-zinc-700 dark:text-zinc-300">
            Kind
          </legend>
          <div className="flex flex-wrap gap-1.5" data-testid="change-kinds">
            {CHANGE_KINDS.map((k) => {
              const on = filter.kind.includes(k);
              return (
                <button
                  key={k}
                  type="button"
                  aria-pressed={on}
                  onClick={() => toggleKind(k)}
                  data-kind={k}
                  className={cn(
                    "h-8 rounded-full border px-3 text-sm",
                    on
                      ? "border-sky-700 bg-sky-700 text-white dark:border-sky-400 dark:bg-sky-700"
                      : "border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800",
                    focusRing,
                  )}
                >
                  {changeKindLabel(k)}
                </button>
              );
            })}
          </div>
        </fieldset>
        <div className="grid gap-1">
          <label htmlFor={ids.from} className="text-xs text-zinc-700 dark:text-zinc-300">
            Detected from (UTC)
          </label>
          <Input
            id={ids.from}
            type="date"
            value={filter.from ?? ""}
            max={filter.to ?? undefined}
            onChange={(e) => void setParams({ from: e.target.value || null })}
            data-testid="change-from"
          />
        </div>
        <div className="grid gap-1">
          <label htmlFor={ids.to} className="text-xs text-zinc-700 dark:text-zinc-300">
            to (inclusive)
          </label>
          <Input
            id={ids.to}
            type="date"
            value={filter.to ?? ""}
            min={filter.from ?? undefined}
            onChange={(e) => void setParams({ to: e.target.value || null })}
            data-testid="change-to"
          />
        </div>
        {filtered ? (
          <Button variant="ghost" onClick={clear} data-testid="clear-change-filters">
            Clear filters
          </Button>
        ) : null}
      </div>

      {feed.error && items.length === 0 ? (
        <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />
      ) : feed.isPending ? (
        <div className="grid gap-2" aria-busy="true">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-8" />
          ))}
        </div>
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No change matches these filters"
            advice="Changes of other kinds or dates are hidden. Clear the filters to see every change."
          >
            <Button variant="primary" size="sm" onClick={clear}>
              Clear filters
            </Button>
          </EmptyState>
        ) : (
          <p
            className="py-12 text-center text-sm text-zinc-700 dark:text-zinc-300"
            data-testid="changes-empty"
          >
            No changes yet. Changes appear after the second sync compares two snapshots.
          </p>
        )
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Tenant changes, newest first</caption>
            <thead className="bg-zinc-50 text-xs font-semibold text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Detected
                </th>
                <th scope="col" className="px-3 py-2">
                  Tenant
                </th>
                <th scope="col" className="px-3 py-2">
                  Change
                </th>
                <th scope="col" className="px-3 py-2">
                  Details
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
              {items.map((c) => (
                <tr key={c.id} data-testid="change-row" data-kind={c.kind}>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <RelativeTime iso={c.detectedAt} />
                  </td>
                  <td className="max-w-64 px-3 py-2">
                    <Link
                      href={`/tenants/${encodeURIComponent(c.tenantId)}`}
                      className={cn(
                        "block truncate font-medium text-sky-800 hover:underline dark:text-sky-300",
                        focusRing,
                      )}
                      title={c.tenantName}
                    >
                      {displayName(c.tenantName)}
                    </Link>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{changeKindLabel(c.kind)}</td>
                  <td className="px-3 py-2">
                    <ChangeValue change={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {feed.error && items.length > 0 ? (
        <ErrorState error={feed.error} onRetry={() => void feed.fetchNextPage()} compact />
      ) : null}
      {feed.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            onClick={() => void feed.fetchNextPage()}
            disabled={feed.isFetchingNextPage}
            data-testid="load-more"
          >
            {feed.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : items.length > 0 ? (
        <p className="text-center text-xs text-zinc-700 dark:text-zinc-300">
          That is every change{filtered ? " matching the filters" : ""}.
        </p>
      ) : null}
    </div>
  );
}
