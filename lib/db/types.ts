import "server-only";
import type { ChangeKind, SyncRunSummary, Tenant, TenantChange } from "@/lib/tenants/types";

// The dialect-independent storage interface. Everything outside lib/db talks to the database
// through `Storage` (getStorage() in ./storage.ts); lib/db/sqlite.ts and lib/db/postgres.ts
// implement it. Times cross this boundary as ISO-8601 strings.
//
// Adding a table for a new feature (shares, …): declare its types and methods here and write them
// once in lib/db/queries (its header lists the steps); tests/db runs them on both databases.

export type Dialect = "sqlite" | "postgres";

export interface SnapshotMeta {
  id: number;
  /** When the pass that produced it completed. */
  takenAt: string;
  tenantCount: number;
  /** Change-feed entries recorded against the previous snapshot (0 for the first). */
  changeCount: number;
  syncRunId: number | null;
}

export interface StoredSnapshot {
  meta: SnapshotMeta;
  tenants: Tenant[];
}

export interface ReplaceSnapshotInput {
  tenants: readonly Tenant[];
  /** Default: now. */
  takenAt?: string;
  syncRunId?: number | null;
}

export interface ReplaceSnapshotResult {
  snapshot: SnapshotMeta;
  /** Change-feed entries written. The first snapshot writes none (no "added" flood). */
  changes: number;
  first: boolean;
}

export type SyncTrigger = "startup" | "schedule" | "manual";
export type SyncMode = "sequential" | "partitioned";

/** A sync run as stored: the public summary plus what the sync itself needs. */
export interface SyncRunRecord extends SyncRunSummary {
  trigger: SyncTrigger;
  mode: SyncMode | null;
  /** Which server instance ran it (host:pid:random). Internal: not sent to browsers. */
  instance: string;
  heartbeatAt: string;
  tenantsRead: number;
  expected: number | null;
  snapshotId: number | null;
}

export interface StartSyncRunInput {
  trigger: SyncTrigger;
  mode: SyncMode;
  instance: string;
  /** Default: now. */
  startedAt?: string;
}

export interface SyncRunProgress {
  tenantsRead: number;
  expected: number | null;
  requests?: number;
  retries?: number;
  rateLimited?: number;
}

export interface FinishSyncRunInput {
  outcome: "success" | "failed";
  tenants: number | null;
  requests: number;
  retries: number;
  rateLimited: number;
  /** A user-facing message (never upstream text or secrets); null on success. */
  error: string | null;
  snapshotId?: number | null;
  /** Default: now. */
  finishedAt?: string;
}

export interface ChangeQuery {
  kinds?: readonly ChangeKind[];
  /** Inclusive lower bound on detectedAt (ISO). */
  from?: string | null;
  /** Inclusive upper bound on detectedAt (ISO). */
  to?: string | null;
  tenantId?: string | null;
  /** From a previous page's nextCursor; a foreign or malformed one throws InvalidCursorError. */
  cursor?: string | null;
  /** 1–500, default 100. */
  limit?: number;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  /** Who: an email, "system", or a share/token label. */
  actor: string;
  /** Dotted verb, e.g. "export.csv", "sync.refresh", "share.create". */
  action: string;
  details: Record<string, unknown>;
}

export interface RecordAuditInput {
  actor: string;
  action: string;
  details?: Record<string, unknown>;
  /** Default: now. */
  at?: string;
}

export interface AuditQuery {
  action?: string | null;
  actor?: string | null;
  from?: string | null;
  to?: string | null;
  cursor?: string | null;
  /** 1–500, default 100. */
  limit?: number;
}

export interface Lease {
  name: string;
  holder: string;
  expiresAt: string;
}

export interface Storage {
  readonly dialect: Dialect;

  // Snapshots ---------------------------------------------------------------------------------
  /** The current snapshot's metadata (cheap: other instances poll it to notice a new snapshot). */
  getCurrentSnapshotMeta(): Promise<SnapshotMeta | null>;
  /** The current snapshot with all its tenants (one consistent read), or null before the first. */
  loadCurrentSnapshot(): Promise<StoredSnapshot | null>;
  /**
   * Replaces the current snapshot's tenants with `tenants`, computes the change feed against the
   * previous snapshot and writes both and the new snapshot row in ONE transaction: readers see the
   * old snapshot or the new one, never a mix; a failure leaves the old one untouched.
   */
  replaceSnapshot(input: ReplaceSnapshotInput): Promise<ReplaceSnapshotResult>;

  // Sync runs ---------------------------------------------------------------------------------
  startSyncRun(input: StartSyncRunInput): Promise<SyncRunRecord>;
  /** Records progress and renews the run's heartbeat. */
  heartbeatSyncRun(id: number, progress: SyncRunProgress): Promise<void>;
  finishSyncRun(id: number, result: FinishSyncRunInput): Promise<SyncRunRecord | null>;
  getSyncRun(id: number): Promise<SyncRunRecord | null>;
  /** Newest first; default 20, at most 200. */
  listSyncRuns(options?: { limit?: number }): Promise<SyncRunRecord[]>;
  /** The newest run still marked running, if any (possibly another instance's). */
  getRunningSyncRun(): Promise<SyncRunRecord | null>;
  /**
   * Marks runs still "running" as failed with `error`: those whose heartbeat is older than
   * `heartbeatBefore` (ISO), or every running run except `exceptId` when heartbeatBefore is omitted.
   * Returns how many were marked.
   */
  failInterruptedRuns(options: {
    error: string;
    heartbeatBefore?: string;
    exceptId?: number;
  }): Promise<number>;

  // Change feed -------------------------------------------------------------------------------
  /** Newest first, filtered, paged by cursor. */
  listChanges(query?: ChangeQuery): Promise<Page<TenantChange>>;
  /** One tenant's history, newest first (default 100, at most 1,000 entries). */
  listTenantChanges(tenantId: string, options?: { limit?: number }): Promise<TenantChange[]>;

  // Leases ------------------------------------------------------------------------------------
  /**
   * Takes lease `name` for `holder` until now + ttlMs when it is free, expired, already held by
   * `holder` (a renewal) or held by `takeOverFrom` (a holder known to be dead). True when taken.
   */
  acquireLease(
    name: string,
    holder: string,
    ttlMs: number,
    options?: { takeOverFrom?: string },
  ): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
  getLease(name: string): Promise<Lease | null>;

  // Audit log ---------------------------------------------------------------------------------
  recordAudit(entry: RecordAuditInput): Promise<AuditEntry>;
  /** Newest first, filtered, paged by cursor. */
  listAudit(query?: AuditQuery): Promise<Page<AuditEntry>>;

  /** Round trip to the database (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
