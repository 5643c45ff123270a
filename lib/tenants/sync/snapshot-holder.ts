import "server-only";
import type { ApiError } from "@/lib/api/errors";
import type { SnapshotWatch, Storage, SyncRunRecord, SyncTrigger } from "@/lib/db/storage";
import { outsideRequest } from "@/lib/observability/request-context";
import type { QlikClient } from "@/lib/qlik";
import type { SnapshotInfo, SyncRunSummary, Tenant } from "@/lib/tenants/types";
import {
  failOrphanedRuns,
  holdSyncLease,
  newInstanceId,
  registerLocalInstance,
  SYNC_LEASE,
  takeSyncLease,
} from "./lease";
import type { PartitionOptions } from "./partition";
import type { PassProgress } from "./pass";
import {
  INTERRUPTED_RUN_ERROR,
  SyncInterruptedError,
  describeSyncError,
  executeSyncRun,
  failedRun,
  sortSnapshot,
  SyncStorageError,
  type SyncRunDeps,
  type SyncRunOutcome,
} from "./run";
import {
  firstSyncFailed,
  firstSyncInProgress,
  firstSyncStarting,
  snapshotStoreUnreachable,
} from "./unavailable";

// The in-memory snapshot of one server process and the loop that keeps it fresh.
//  - At start it loads the last good snapshot from the database, so a restart serves at once.
//  - Every `pollMs` it checks the database: a newer snapshot (written by another instance) is
//    loaded; when a sync is due (SYNC_INTERVAL_MINUTES since the last run) it takes the "sync"
//    lease and runs one. Only the lease holder syncs; the others see its progress in its run row.
//  - On PostgreSQL, an instance that installs a snapshot notifies the others (storage
//    watchSnapshots: LISTEN/NOTIFY), which check at once instead of at their next poll. While the
//    listening connection is down they poll every `fallbackPollMs` instead, so a new snapshot is
//    served everywhere within a few seconds either way.
//  - refreshNow() starts a pass, or joins the one running here or on another instance.
//  - Until a first snapshot exists, getSnapshot() waits for it, then answers 503 with progress.
// Taking and keeping the lease lives in lease.ts, the wording of the 503 answers in unavailable.ts.

export interface LoadedSnapshot<I> {
  id: number;
  takenAt: string;
  tenants: Tenant[];
  index: I;
}

export interface SnapshotChange {
  id: number;
  takenAt: string;
  tenantCount: number;
}

export interface RefreshResult {
  /** False when it joined a pass already running (here or on another instance). */
  started: boolean;
  /** The run that will produce the next snapshot (null if the other instance's run is not visible yet). */
  run: SyncRunSummary | null;
  /** Settles when that pass has ended, with its finished run. */
  done: Promise<SyncRunSummary | null>;
}

export interface SyncLogger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

export interface SnapshotHolderOptions<I> {
  storage: () => Promise<Storage>;
  client: () => QlikClient;
  /** Builds the query index of a snapshot (once per snapshot), taken at `takenAt` (ISO 8601). */
  buildIndex: (tenants: Tenant[], takenAt: string) => I | Promise<I>;
  /** SYNC_INTERVAL_MINUTES in ms. */
  intervalMs: number;
  logger: SyncLogger;
  /** Database checks (new snapshot from another instance, sync due). Default min(15 s, intervalMs). */
  pollMs?: number;
  /**
   * The checks' period while snapshot notifications are expected but not arriving (the listening
   * connection is down). Default 2 s: with loading, a new snapshot is served within 5 s.
   */
  fallbackPollMs?: number;
  /** Sync lease lifetime; renewed every third of it while syncing. Default 60 s. */
  leaseTtlMs?: number;
  /** How long getSnapshot() waits for a first snapshot before answering 503. Default 20 s. */
  firstSnapshotWaitMs?: number;
  /** Pause before retrying a failed first sync. Default 30 s. */
  firstSyncRetryMs?: number;
  concurrency?: number;
  partitions?: PartitionOptions;
  heartbeatMs?: number;
  /** Default host:pid:random. */
  instance?: string;
}

interface Installed<I> {
  id: number;
  takenAt: string;
  tenants: Tenant[];
  index: Promise<I> | null;
}

interface Pass {
  trigger: SyncTrigger;
  run: SyncRunRecord | null;
  /** Resolves once the run row exists (null: another instance holds the lease, nothing started). */
  started: Promise<SyncRunRecord | null>;
  done: Promise<SyncRunOutcome | null>;
  progress: PassProgress;
  abort: AbortController;
}

const toSummary = (run: SyncRunRecord): SyncRunSummary => ({
  id: run.id,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
  outcome: run.outcome,
  tenants: run.tenants,
  requests: run.requests,
  retries: run.retries,
  rateLimited: run.rateLimited,
  error: run.error,
});

export class SnapshotHolder<I> {
  readonly instance: string;
  private readonly opts: Required<
    Omit<SnapshotHolderOptions<I>, "concurrency" | "partitions" | "heartbeatMs" | "instance">
  > &
    Pick<SnapshotHolderOptions<I>, "concurrency" | "partitions" | "heartbeatMs">;
  private current: Installed<I> | null = null;
  private pass: Pass | null = null;
  /** A run of another instance, seen in the database with a fresh heartbeat. */
  private remote: SyncRunRecord | null = null;
  private lastFinished: SyncRunRecord | null = null;
  private init: Promise<Storage> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ticking: Promise<void> | null = null;
  /** A notification came while a check was running: check again right after it. */
  private recheck = false;
  private watch: SnapshotWatch | null = null;
  /** True while snapshot notifications arrive (PostgreSQL's listener is connected). */
  private listening = false;
  private stopped = false;
  private readonly listeners = new Set<(change: SnapshotChange) => void>();
  private readonly waiters = new Set<() => void>();

  constructor(options: SnapshotHolderOptions<I>) {
    this.instance = options.instance ?? newInstanceId();
    registerLocalInstance(this.instance);
    this.opts = {
      ...options,
      pollMs: options.pollMs ?? Math.min(15_000, options.intervalMs),
      fallbackPollMs: options.fallbackPollMs ?? 2_000,
      leaseTtlMs: options.leaseTtlMs ?? 60_000,
      firstSnapshotWaitMs: options.firstSnapshotWaitMs ?? 20_000,
      firstSyncRetryMs: options.firstSyncRetryMs ?? 30_000,
    };
  }

  // Public API -----------------------------------------------------------------------------------

  /** Loads the stored snapshot and starts the background loop (idempotent). */
  start(): Promise<Storage> {
    if (this.init) return this.init;
    this.stopped = false;
    // The loop outlives the request that may have started it: its lines carry no request id.
    const init = outsideRequest(async () => {
      const storage = await this.opts.storage();
      await failOrphanedRuns(storage, {
        leaseTtlMs: this.opts.leaseTtlMs,
        logger: this.opts.logger,
      });
      const stored = await storage.loadCurrentSnapshot();
      if (stored && !this.current) {
        this.install(stored.meta.id, stored.meta.takenAt, sortSnapshot(stored.tenants));
      }
      await this.readRuns(storage);
      this.watchSnapshots(storage);
      this.schedule(0);
      return storage;
    });
    this.init = init;
    init.catch((err: unknown) => {
      this.opts.logger.error({ err }, "could not open the snapshot store");
      if (this.init === init) this.init = null;
      void this.unwatch();
    });
    return init;
  }

  /** The current snapshot with its index; waits for the first one (then 503 with progress). */
  async getSnapshot(options: { waitMs?: number } = {}): Promise<LoadedSnapshot<I>> {
    await this.started();
    const deadline = Date.now() + (options.waitMs ?? this.opts.firstSnapshotWaitMs);
    if (!this.current && !this.pass && !this.remote && this.isDue()) this.startPass("startup");
    while (!this.current) {
      if (!this.pass && !this.remote && this.lastFinished?.outcome === "failed") break;
      const left = deadline - Date.now();
      if (left <= 0) break;
      await this.changed(left);
    }
    const current = this.current;
    if (!current) throw this.unavailable();
    current.index ??= this.indexOf(current);
    return {
      id: current.id,
      takenAt: current.takenAt,
      tenants: current.tenants,
      index: await current.index,
    };
  }

  getSnapshotInfo(): SnapshotInfo {
    void this.start().catch(() => {});
    const running = this.pass ? this.pass.progress : this.remote;
    return {
      takenAt: this.current?.takenAt ?? null,
      tenantCount: this.current?.tenants.length ?? 0,
      syncing: Boolean(this.pass || this.remote),
      progress: running ? { tenantsRead: running.tenantsRead, expected: running.expected } : null,
      lastRun: this.lastFinished ? toSummary(this.lastFinished) : null,
      lastError: this.lastFinished?.outcome === "failed" ? this.lastFinished.error : null,
    };
  }

  /** Starts a pass now, or joins the one already running (here or on another instance). */
  async refreshNow(): Promise<RefreshResult> {
    const storage = await this.started();
    let { pass, created } = this.startPass("manual");
    let run = await pass.started;
    if (!run && !created) {
      // Joined a scheduled check that found nothing due (it started no run): start one now.
      await pass.done;
      ({ pass, created } = this.startPass("manual"));
      run = await pass.started;
    }
    const done = pass.done.then((outcome) => (outcome ? toSummary(outcome.run) : null));
    if (run) return { started: created, run: toSummary(run), done };
    // Another instance holds the lease: report its run and settle when it has ended.
    const remote = this.remote ?? (await storage.getRunningSyncRun());
    return {
      started: false,
      run: remote ? toSummary(remote) : null,
      done: remote ? this.waitForRemote(storage, remote.id) : Promise.resolve(null),
    };
  }

  onSnapshotChanged(listener: (change: SnapshotChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Recent runs, newest first (for GET /api/sync). */
  async listRuns(limit = 20): Promise<SyncRunSummary[]> {
    const storage = await this.started();
    return (await storage.listSyncRuns({ limit })).map(toSummary);
  }

  /** Stops the loop and interrupts a running pass (recorded as failed); for shutdown and tests. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pass = this.pass;
    pass?.abort.abort(new SyncInterruptedError(INTERRUPTED_RUN_ERROR));
    await pass?.done;
    await this.ticking;
    await this.unwatch();
    this.init = null;
  }

  // Internals ------------------------------------------------------------------------------------

  private async started(): Promise<Storage> {
    try {
      return await this.start();
    } catch (cause) {
      throw snapshotStoreUnreachable(cause);
    }
  }

  private indexOf(current: Installed<I>): Promise<I> {
    // On the next turn of the event loop: whoever installed the snapshot finishes first.
    const index = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.opts.buildIndex(current.tenants, current.takenAt),
    );
    index.catch((err: unknown) => {
      this.opts.logger.error({ err, snapshotId: current.id }, "could not index the snapshot");
      if (current.index === index) current.index = null;
    });
    return index;
  }

  private install(id: number, takenAt: string, tenants: Tenant[]): void {
    const installed: Installed<I> = { id, takenAt, tenants, index: null };
    this.current = installed;
    // Index in the background so the first request after a sync does not pay for it.
    installed.index = this.indexOf(installed);
    installed.index.catch(() => {});
    this.wake();
    const change = { id, takenAt, tenantCount: tenants.length };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        this.opts.logger.warn({ err }, "a snapshot listener failed");
      }
    }
  }

  private wake(): void {
    for (const resolve of this.waiters) resolve();
    this.waiters.clear();
  }

  /** Resolves on the next snapshot or pass end, or after `ms`. */
  private changed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.add(done);
    });
  }

  private unavailable(): ApiError {
    const running = this.pass ? this.pass.progress : this.remote;
    if (running) return firstSyncInProgress(running);
    if (this.lastFinished?.outcome === "failed")
      return firstSyncFailed(this.lastFinished.error, this.opts.firstSyncRetryMs);
    return firstSyncStarting();
  }

  private watchSnapshots(storage: Storage): void {
    if (this.watch || !storage.watchSnapshots) return;
    this.watch = storage.watchSnapshots({
      onInstalled: () => this.checkNow(),
      onListening: (listening) => {
        this.listening = listening;
        // Back: notifications may have been missed meanwhile. Lost: poll faster from now on.
        if (listening) this.checkNow();
        else if (!this.ticking) this.schedule(this.nextCheckMs());
        this.opts.logger[listening ? "info" : "warn"](
          { instance: this.instance },
          listening
            ? "listening for snapshots installed by other instances"
            : `snapshot notifications lost; checking every ${this.opts.fallbackPollMs} ms until they are back`,
        );
      },
    });
  }

  private async unwatch(): Promise<void> {
    const watch = this.watch;
    this.watch = null;
    this.listening = false;
    await watch?.close();
  }

  /** Until the next database check: the poll period, shorter while notifications are missing. */
  private nextCheckMs(): number {
    if (!this.watch || this.listening) return this.opts.pollMs;
    return Math.min(this.opts.pollMs, this.opts.fallbackPollMs);
  }

  /** A check now, or right after the one running (which may have read too early). */
  private checkNow(): void {
    if (this.ticking) this.recheck = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.recheck = false;
      this.ticking = this.tick()
        .catch((err: unknown) => this.opts.logger.warn({ err }, "snapshot check failed"))
        .finally(() => {
          this.ticking = null;
          this.schedule(this.recheck ? 0 : this.nextCheckMs());
        });
    }, ms);
    this.timer.unref?.();
  }

  /** One look at the database: load a newer snapshot, note other instances' runs, sync if due. */
  private async tick(): Promise<void> {
    const storage = await this.opts.storage();
    if (!this.pass) await this.reloadIfNewer(storage);
    await this.readRuns(storage);
    if (!this.pass && !this.remote && this.isDue())
      this.startPass(this.current ? "schedule" : "startup");
  }

  private async reloadIfNewer(storage: Storage): Promise<boolean> {
    const meta = await storage.getCurrentSnapshotMeta();
    if (!meta || meta.id === this.current?.id) return false;
    const stored = await storage.loadCurrentSnapshot();
    if (!stored || stored.meta.id === this.current?.id || this.pass?.run) return false;
    this.install(stored.meta.id, stored.meta.takenAt, sortSnapshot(stored.tenants));
    this.opts.logger.info(
      { snapshotId: stored.meta.id },
      "loaded a newer snapshot from the database",
    );
    return true;
  }

  private async readRuns(storage: Storage): Promise<void> {
    const runs = await storage.listSyncRuns({ limit: 5 });
    const finished = runs.find((r) => r.outcome !== "running");
    if (finished && (!this.lastFinished || finished.id >= this.lastFinished.id))
      this.lastFinished = finished;
    const freshAfter = Date.now() - this.opts.leaseTtlMs;
    const remote = runs.find(
      (r) =>
        r.outcome === "running" &&
        r.instance !== this.instance &&
        Date.parse(r.heartbeatAt) > freshAfter,
    );
    const wasRemote = this.remote;
    this.remote = remote ?? null;
    if (wasRemote && !remote) this.wake();
  }

  private isDue(): boolean {
    const now = Date.now();
    const last = this.lastFinished;
    if (!this.current) {
      if (!last || last.outcome === "success") return true;
      return now - Date.parse(last.finishedAt ?? last.startedAt) >= this.opts.firstSyncRetryMs;
    }
    if (now - Date.parse(this.current.takenAt) < this.opts.intervalMs) return false;
    return !last || now - Date.parse(last.startedAt) >= this.opts.intervalMs;
  }

  private startPass(trigger: SyncTrigger): { pass: Pass; created: boolean } {
    if (this.pass) return { pass: this.pass, created: false };
    let resolveStarted!: (run: SyncRunRecord | null) => void;
    const pass: Pass = {
      trigger,
      run: null,
      started: new Promise((resolve) => (resolveStarted = resolve)),
      done: Promise.resolve(null),
      progress: { tenantsRead: 0, expected: null },
      abort: new AbortController(),
    };
    this.pass = pass;
    pass.done = this.runPass(pass, resolveStarted)
      .catch((err: unknown) => {
        this.opts.logger.error({ err }, "the sync could not run");
        return null;
      })
      .finally(() => {
        resolveStarted(null);
        if (this.pass === pass) this.pass = null;
        this.wake();
      });
    return { pass, created: true };
  }

  private async runPass(
    pass: Pass,
    onStarted: (run: SyncRunRecord | null) => void,
  ): Promise<SyncRunOutcome | null> {
    const storage = await this.opts.storage();
    const taken = await takeSyncLease(storage, this.instance, this.opts.leaseTtlMs).catch(
      (error: unknown) => {
        this.noteUnrecordedFailure(pass, error);
        throw error;
      },
    );
    if (!taken) {
      await this.readRuns(storage);
      return null;
    }
    const lease = holdSyncLease(storage, {
      instance: this.instance,
      ttlMs: this.opts.leaseTtlMs,
      abort: pass.abort,
      logger: this.opts.logger,
    });
    try {
      // Holding the lease, no other pass can be alive: a "running" row is a dead process's.
      await storage.failInterruptedRuns({ error: INTERRUPTED_RUN_ERROR });
      if (pass.trigger !== "manual") {
        // Another instance may have finished a pass while we waited for the lease.
        await this.reloadIfNewer(storage);
        await this.readRuns(storage);
        if (!this.isDue()) return null;
      }
      const deps: SyncRunDeps = {
        storage,
        client: this.opts.client(),
        instance: this.instance,
        logger: this.opts.logger,
        concurrency: this.opts.concurrency,
        partitions: this.opts.partitions,
        heartbeatMs: this.opts.heartbeatMs,
        lease: { name: SYNC_LEASE, holder: this.instance },
      };
      const outcome = await executeSyncRun(deps, {
        trigger: pass.trigger,
        previous: this.current?.tenants ?? null,
        signal: pass.abort.signal,
        onStarted: (run) => {
          pass.run = run;
          onStarted(run);
        },
        onProgress: (progress) => {
          pass.progress = progress;
        },
      });
      this.lastFinished = outcome.run;
      if (outcome.snapshot) {
        this.install(outcome.snapshot.id, outcome.snapshot.takenAt, outcome.snapshot.tenants);
      }
      return outcome;
    } catch (error) {
      this.noteUnrecordedFailure(pass, error);
      throw error;
    } finally {
      await lease.release();
    }
  }

  /** A pass the database kept from being recorded at all: the UI shows it as the last run. */
  private noteUnrecordedFailure(pass: Pass, error: unknown): void {
    this.opts.logger.error({ err: error }, "sync run could not be recorded");
    this.lastFinished = failedRun({
      id: this.lastFinished?.id ?? 0,
      trigger: pass.trigger,
      instance: this.instance,
      // Everything outside the pass itself is the database's work (lease, run row).
      error: describeSyncError(new SyncStorageError(error)),
    });
  }

  private async waitForRemote(storage: Storage, runId: number): Promise<SyncRunSummary | null> {
    for (;;) {
      await new Promise((r) => setTimeout(r, Math.min(1_000, this.opts.pollMs)));
      const run = await storage.getSyncRun(runId);
      if (!run || run.outcome !== "running") {
        await this.reloadIfNewer(storage).catch(() => false);
        return run ? toSummary(run) : null;
      }
    }
  }
}
