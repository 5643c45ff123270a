import "server-only";
import { setAlertScopeIndexSource } from "@/lib/alerts/after-sync";
import { getEnv } from "@/lib/config/env";
import { getStorage } from "@/lib/db/storage";
import { log } from "@/lib/log";
import { getQlikClient } from "@/lib/qlik";
import { dropGlobalSingleton, globalSingleton } from "@/lib/runtime/global-singleton";
import type { TenantIndex } from "@/lib/tenants/query";
import type { SnapshotInfo, SyncRunSummary } from "@/lib/tenants/types";
import {
  SnapshotHolder,
  type LoadedSnapshot,
  type RefreshResult,
  type SnapshotChange,
} from "./sync/snapshot-holder";

// The app's tenant snapshot: one holder per server process (cached on globalThis so Next.js dev
// reloads share it), started on first use or by instrumentation.ts (startSnapshotSync). Every
// view, facet and export reads getSnapshot(); nothing on a request path calls Qlik.

export type { LoadedSnapshot, RefreshResult, SnapshotChange } from "./sync/snapshot-holder";
export type TenantSnapshot = LoadedSnapshot<TenantIndex>;

const KEY = "snapshot-holder";

function holder(): SnapshotHolder<TenantIndex> {
  return globalSingleton(KEY, () => {
    const env = getEnv();
    const created = new SnapshotHolder<TenantIndex>({
      storage: getStorage,
      client: getQlikClient,
      // Imported lazily: the query engine is only needed once a snapshot exists.
      buildIndex: async (tenants, takenAt) =>
        (await import("@/lib/tenants/query")).createTenantIndexAsync(tenants, { asOf: takenAt }),
      intervalMs: env.SYNC_INTERVAL_MINUTES * 60_000,
      logger: log("sync"),
    });
    // Alert rule scopes are looked up in the index built to serve the new snapshot (lib/alerts).
    setAlertScopeIndexSource(async (id) => {
      const current = await created.getSnapshot();
      return current.id === id ? current.index : null;
    });
    return created;
  });
}

/** Loads the stored snapshot and starts the background refresh (instrumentation.ts calls this). */
export async function startSnapshotSync(): Promise<void> {
  await holder().start();
}

/**
 * The current snapshot and its query index. Before the first snapshot exists it waits for it
 * (default 20 s), then throws ApiError 503 "First sync in progress: N of M tenants read".
 */
export function getSnapshot(options?: { waitMs?: number }): Promise<TenantSnapshot> {
  return holder().getSnapshot(options);
}

/** What the UI shows about the snapshot: age, size, a running pass's progress, the last error. */
export function getSnapshotInfo(): SnapshotInfo {
  return holder().getSnapshotInfo();
}

/** Starts a full pass now, or joins the running one; resolves once its run is recorded. */
export function refreshNow(): Promise<RefreshResult> {
  return holder().refreshNow();
}

/** Called with each new snapshot (from this instance's pass or loaded from another's). */
export function onSnapshotChanged(listener: (change: SnapshotChange) => void): () => void {
  return holder().onSnapshotChanged(listener);
}

/** Recent sync runs, newest first. */
export function listSyncRuns(limit?: number): Promise<SyncRunSummary[]> {
  return holder().listRuns(limit);
}

/** Tests and shutdown: stop the loop (a running pass is recorded as interrupted) and forget the holder. */
export async function stopSnapshotSync(): Promise<void> {
  setAlertScopeIndexSource(null);
  await dropGlobalSingleton<SnapshotHolder<TenantIndex>>(KEY)?.stop();
}
