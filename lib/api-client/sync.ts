// The sync state (GET /api/sync) and the admin "Refresh now" (POST /api/sync).
import { queryOptions } from "@tanstack/react-query";
import type { SnapshotInfo, SyncRunSummary } from "@/lib/tenants/types";
import { fetchJson } from "./fetch-json";

export interface SyncStatus {
  snapshot: SnapshotInfo;
  runs: SyncRunSummary[];
}

export const SYNC_URL = "/api/sync";

export const syncKeys = { status: (url: string) => ["sync", url] as const };

export function syncStatusOptions(url = SYNC_URL) {
  return queryOptions({
    queryKey: syncKeys.status(url),
    queryFn: ({ signal }) => fetchJson<SyncStatus>(url, { signal }),
    staleTime: 0,
  });
}

export function startSync(url = SYNC_URL): Promise<unknown> {
  return fetchJson<unknown>(url, { method: "POST" });
}
