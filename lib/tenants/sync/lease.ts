import "server-only";
import os from "node:os";
import { randomBytes } from "node:crypto";
import type { Storage } from "@/lib/db/storage";
import { globalSingleton } from "@/lib/runtime/global-singleton";
import { INTERRUPTED_RUN_ERROR, LEASE_LOST_ERROR, SyncInterruptedError } from "./run";

// Several server instances may share one database, but only one of them may sync at a time: it
// holds the "sync" lease, renews it while the pass runs and releases it afterwards. A holder that
// died (a killed process, a restarted container) must not block syncing until its lease expires,
// nor leave its run "running" forever, so the instance ids, which are host:pid:random, are checked
// against the processes alive on this machine (a holder on another machine is waited out: its
// lease expires). A holder that only stalled past its lease (a long GC pause, a network partition)
// cannot write a second snapshot either: the snapshot is installed only while its writer still
// holds the lease, checked in the same transaction (SyncRunDeps.lease).

export const SYNC_LEASE = "sync";

interface LeaseLogger {
  warn(obj: Record<string, unknown>, msg?: string): void;
}

// Instance ids of holders created in this process: a lease held under this process's pid but by
// none of them was left by an earlier process that had the same pid (a restarted container).
const localInstances = globalSingleton("sync-instances", () => new Set<string>());

/** A fresh id for a holder in this process: host:pid:random. */
export function newInstanceId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/** Records `instance` as a holder living in this process (so it is never taken for a dead one). */
export function registerLocalInstance(instance: string): void {
  localInstances.add(instance);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True for an instance id (host:pid:random) of a process on this machine that no longer runs. */
export function isDeadLocalInstance(instance: string): boolean {
  const [host, pidText] = instance.split(":");
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  return pid === process.pid ? !localInstances.has(instance) : !pidAlive(pid);
}

/** Takes the sync lease for `instance`, or takes it over from a dead holder on this machine. */
export async function takeSyncLease(
  storage: Storage,
  instance: string,
  ttlMs: number,
): Promise<boolean> {
  if (await storage.acquireLease(SYNC_LEASE, instance, ttlMs)) return true;
  // A holder on this machine whose process is gone (killed mid-pass) need not be waited out.
  const lease = await storage.getLease(SYNC_LEASE);
  if (!lease) return storage.acquireLease(SYNC_LEASE, instance, ttlMs);
  if (!isDeadLocalInstance(lease.holder)) return false;
  return storage.acquireLease(SYNC_LEASE, instance, ttlMs, { takeOverFrom: lease.holder });
}

export interface HeldSyncLease {
  /** Stops renewing and gives the lease up (never throws: an unreleased lease just expires). */
  release(): Promise<void>;
}

/**
 * Renews the taken sync lease every third of its lifetime until released; when another instance
 * has taken it meanwhile, aborts `abort` so the pass stops instead of writing a second snapshot.
 */
export function holdSyncLease(
  storage: Storage,
  options: { instance: string; ttlMs: number; abort: AbortController; logger: LeaseLogger },
): HeldSyncLease {
  const { instance, ttlMs, abort, logger } = options;
  const renew = setInterval(
    () => {
      storage
        .acquireLease(SYNC_LEASE, instance, ttlMs)
        .then((kept) => {
          if (!kept) abort.abort(new SyncInterruptedError(LEASE_LOST_ERROR));
        })
        .catch((err: unknown) => logger.warn({ err }, "could not renew the sync lease"));
    },
    Math.max(1_000, Math.floor(ttlMs / 3)),
  );
  renew.unref?.();
  return {
    async release() {
      clearInterval(renew);
      await storage.releaseLease(SYNC_LEASE, instance).catch(() => {});
    },
  };
}

/**
 * Marks as interrupted the runs left "running" by a process that is gone: on this machine, one
 * whose pid no longer runs; anywhere, one whose heartbeat is older than the lease (its lease has
 * expired too).
 */
export async function failOrphanedRuns(
  storage: Storage,
  options: { leaseTtlMs: number; logger: LeaseLogger },
): Promise<void> {
  await storage.failInterruptedRuns({
    error: INTERRUPTED_RUN_ERROR,
    heartbeatBefore: new Date(Date.now() - options.leaseTtlMs).toISOString(),
  });
  for (const run of await storage.listSyncRuns({ limit: 20 })) {
    if (run.outcome !== "running" || !isDeadLocalInstance(run.instance)) continue;
    await storage.finishSyncRun(run.id, {
      outcome: "failed",
      tenants: null,
      requests: run.requests,
      retries: run.retries,
      rateLimited: run.rateLimited,
      error: INTERRUPTED_RUN_ERROR,
    });
    options.logger.warn({ runId: run.id }, "a sync run was interrupted by a server stop");
  }
}
