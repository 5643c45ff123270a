// The change feed (GET /api/changes), newest first, paged by cursor ("Load more").
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { ChangeFeedEntry } from "@/lib/annotations/feed";
import type { ChangeKind } from "@/lib/tenants/types";
import { fetchJson } from "./fetch-json";

export const CHANGES_PAGE_SIZE = 50;

export interface ChangesFilter {
  /** Any of these kinds; empty = all. */
  kind: ChangeKind[];
  /** YYYY-MM-DD (UTC day), inclusive. */
  from: string | null;
  to: string | null;
}

export interface ChangesPage {
  changes: ChangeFeedEntry[];
  nextCursor: string | null;
}

export function changesUrl(
  filter: ChangesFilter,
  cursor: string | null,
  limit = CHANGES_PAGE_SIZE,
) {
  const params = new URLSearchParams();
  if (filter.kind.length) params.set("kind", [...filter.kind].sort().join(","));
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  if (cursor) params.set("cursor", cursor);
  params.set("limit", String(limit));
  return `/api/changes?${params}`;
}

export const changeKeys = {
  all: ["changes"] as const,
  feed: (filter: ChangesFilter) =>
    ["changes", [...filter.kind].sort().join(","), filter.from ?? "", filter.to ?? ""] as const,
};

export function changesFeedOptions(filter: ChangesFilter) {
  return infiniteQueryOptions({
    queryKey: changeKeys.feed(filter),
    queryFn: ({ pageParam, signal }) =>
      fetchJson<ChangesPage>(changesUrl(filter, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * The newest change of any kind (or null) as of the snapshot taken at `takenAt`: with that time it
 * tells whether the last check found anything, since a change is stamped with the time of the
 * snapshot that found it. Keyed by the snapshot, so a new check asks again.
 */
export function latestChangeOptions(takenAt: string | null) {
  return queryOptions({
    queryKey: [...changeKeys.all, "latest", takenAt ?? ""] as const,
    queryFn: async ({ signal }) => {
      const page = await fetchJson<ChangesPage>(
        changesUrl({ kind: [], from: null, to: null }, null, 1),
        { signal },
      );
      return page.changes[0] ?? null;
    },
  });
}
