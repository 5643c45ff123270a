import "server-only";
import { afterSyncSucceeded } from "@/lib/alerts/after-sync";
import type { Storage, SyncRunRecord, SyncTrigger } from "@/lib/db/storage";
import { createRequestStats, isQlikError, type QlikClient, type RequestStats } from "@/lib/qlik";
import { recordSyncRun } from "@/lib/observability/metrics";
import type { Tenant } from "@/lib/tenants/types";
import type { PartitionOptions } from "./partition";
import { plannedMode, readAllTenants, type PassLogger, type PassProgress } from "./pass";

// One recorded sync run: the run row is written first (outcome "running", renewed by a heartbeat
// that also carries progress for other instances), then the pass reads every tenant, and only a
// complete pass replaces the stored snapshot (one transaction, with the change feed). Whatever
// fails — Qlik, the network, the database, a shutdown — the run ends "failed" with a message a
// person can act on, and the previous snapshot stays as it was.

export interface SyncRunDeps {
  storage: Storage;
  client: QlikClient;
  /** host:pid:random of this server instance. */
  instance: string;
  logger: PassLogger & { error(obj: Record<string, unknown>, msg?: string): void };
  concurrency?: number;
  partitions?: PartitionOptions;
  /** Progress written to the run row this often. Default 2 s. */
  heartbeatMs?: number;
  /** The lease the snapshot's writer must still hold when it installs it (lease.ts). */
  lease?: { name: string; holder: string };
}

export interface SyncRunInput {
  trigger: SyncTrigger;
  previous: readonly Tenant[] | null;
  mode?: "auto" | "sequential";
  signal?: AbortSignal;
  onStarted?: (run: SyncRunRecord) => void;
  onProgress?: (progress: PassProgress, stats: RequestStats) => void;
}

export interface CompletedSnapshot {
  id: number;
  takenAt: string;
  tenants: Tenant[];
}

export interface SyncRunOutcome {
  run: SyncRunRecord;
  /** The new snapshot, when the run succeeded. */
  snapshot: CompletedSnapshot | null;
  changes: number;
}

export class SyncInterruptedError extends Error {
  constructor(readonly userMessage: string) {
    super(userMessage);
    this.name = "SyncInterruptedError";
  }
}

/** The error of a run whose server stopped (or was killed) before the run finished. */
export const INTERRUPTED_RUN_ERROR =
  "Interrupted: the server running this sync stopped before it finished; the previous snapshot is still served.";

/** The error of a run whose snapshot, or whose run record, the database did not take. */
export const DATABASE_UNAVAILABLE_ERROR =
  "The database did not answer, so the new snapshot was not saved; the previous snapshot is still served and the next sync tries again.";

/** A database failure while recording a run or saving its snapshot (not Qlik's, not ours). */
export class SyncStorageError extends Error {
  constructor(cause: unknown) {
    super(DATABASE_UNAVAILABLE_ERROR, { cause });
    this.name = "SyncStorageError";
  }
}

/** The error of a run whose instance lost the sync lease to another one before it finished. */
export const LEASE_LOST_ERROR =
  "Another Tenant Atlas instance took over the sync; its snapshot will be served.";

/**
 * The record of a run that failed before a row could be written for it (the database was down):
 * what the UI shows as the last run until a real one is recorded. `id` repeats the last known run's.
 */
export function failedRun(input: {
  id: number;
  trigger: SyncTrigger;
  instance: string;
  error: string;
  /** Start and end of the run (ISO). Default: now. */
  at?: string;
}): SyncRunRecord {
  const at = input.at ?? new Date().toISOString();
  return {
    id: input.id,
    startedAt: at,
    finishedAt: at,
    outcome: "failed",
    tenants: null,
    requests: 0,
    retries: 0,
    rateLimited: 0,
    error: input.error,
    trigger: input.trigger,
    mode: null,
    instance: input.instance,
    heartbeatAt: at,
    tenantsRead: 0,
    expected: null,
    snapshotId: null,
  };
}

/** A message for the run record and the UI: never upstream text, stack traces or secrets. */
export function describeSyncError(error: unknown): string {
  if (isQlikError(error)) return error.userMessage;
  if (error instanceof SyncInterruptedError) return error.userMessage;
  if (error instanceof Error && error.name === "LeaseLostError") return LEASE_LOST_ERROR;
  if (error instanceof SyncStorageError) return DATABASE_UNAVAILABLE_ERROR;
  if (error instanceof Error && error.name === "AbortError")
    return "The sync was interrupted before it finished; the previous snapshot is still served.";
  return "The sync failed unexpectedly (see the server log); the previous snapshot is still served.";
}

/** Creation order (ObjectId order upstream): the same for a fresh pass and a snapshot loaded from the database. */
export function sortSnapshot(tenants: Tenant[]): Tenant[] {
  return tenants.sort((a, b) =>
    a.createdAt < b.createdAt
      ? -1
      : a.createdAt > b.createdAt
        ? 1
        : a.id < b.id
          ? -1
          : a.id > b.id
            ? 1
            : 0,
  );
}

export async function executeSyncRun(
  deps: SyncRunDeps,
  input: SyncRunInput,
): Promise<SyncRunOutcome> {
  const { storage, logger } = deps;
  const mode = plannedMode({
    previous: input.previous,
    mode: input.mode,
    partitions: deps.partitions,
  })
    ? "partitioned"
    : "sequential";
  const run = await storage.startSyncRun({ trigger: input.trigger, mode, instance: deps.instance });
  input.onStarted?.(run);
  const stats = createRequestStats();
  let progress: PassProgress = { tenantsRead: 0, expected: null };
  let beat: Promise<void> = Promise.resolve();
  const heartbeat = () => {
    beat = storage
      .heartbeatSyncRun(run.id, {
        ...progress,
        requests: stats.requests,
        retries: stats.retries,
        rateLimited: stats.rateLimited,
      })
      .catch((err: unknown) =>
        logger.warn({ err, runId: run.id }, "could not record sync progress"),
      );
  };
  const timer = setInterval(heartbeat, deps.heartbeatMs ?? 2_000);
  timer.unref?.();
  const started = Date.now();

  try {
    if (input.signal?.aborted) throw input.signal.reason;
    const result = await readAllTenants({
      client: deps.client,
      previous: input.previous,
      mode: input.mode,
      concurrency: deps.concurrency,
      partitions: deps.partitions,
      signal: input.signal,
      stats,
      logger,
      onProgress: (p) => {
        progress = p;
        input.onProgress?.(p, stats);
      },
    });
    if (input.signal?.aborted) throw input.signal.reason;
    const tenants = sortSnapshot(result.tenants);
    clearInterval(timer);
    await beat;
    const saved = await storage
      .replaceSnapshot({ tenants, syncRunId: run.id, lease: deps.lease })
      .catch((error: unknown) => {
        throw error instanceof Error && error.name === "LeaseLostError"
          ? error
          : new SyncStorageError(error);
      });
    const finished = await storage.finishSyncRun(run.id, {
      outcome: "success",
      tenants: tenants.length,
      requests: stats.requests,
      retries: stats.retries,
      rateLimited: stats.rateLimited,
      error: null,
      snapshotId: saved.snapshot.id,
    });
    recordSyncRun("success", Date.now() - started);
    logger.info(
      {
        runId: run.id,
        tenants: tenants.length,
        mode: result.mode,
        partitions: result.partitions,
        fallback: result.fallback,
        changes: saved.changes,
        requests: stats.requests,
        retries: stats.retries,
        rateLimited: stats.rateLimited,
        ms: Date.now() - started,
      },
      "sync finished",
    );
    // Alerts: queues the rule evaluation and returns at once; never throws (lib/alerts).
    afterSyncSucceeded({
      storage,
      snapshot: { id: saved.snapshot.id, takenAt: saved.snapshot.takenAt, tenants },
      previous: input.previous,
      changes: saved.changes,
      logger,
    });
    return {
      run: finished ?? run,
      snapshot: { id: saved.snapshot.id, takenAt: saved.snapshot.takenAt, tenants },
      changes: saved.changes,
    };
  } catch (error) {
    clearInterval(timer);
    await beat;
    const message = describeSyncError(error);
    recordSyncRun("failed", Date.now() - started);
    logger.error(
      { err: error, runId: run.id, tenantsRead: progress.tenantsRead, requests: stats.requests },
      "sync failed; the previous snapshot is kept",
    );
    const finished = await storage
      .finishSyncRun(run.id, {
        outcome: "failed",
        tenants: null,
        requests: stats.requests,
        retries: stats.retries,
        rateLimited: stats.rateLimited,
        error: message,
      })
      .catch((err: unknown) => {
        logger.error({ err, runId: run.id }, "could not record the failed sync run");
        return null;
      });
    return {
      run: finished ?? {
        ...run,
        outcome: "failed",
        error: message,
        finishedAt: new Date().toISOString(),
      },
      snapshot: null,
      changes: 0,
    };
  }
}
