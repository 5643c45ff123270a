import "server-only";
import type { SubscriptionLabel, TenantAnnotation } from "@/lib/annotations/types";
import type {
  AlertTrigger,
  ChannelType,
  DeliveryAttemptJson,
  DeliveryKind,
  DeliveryStatus,
  WebhookFormat,
} from "@/lib/alerts/types";
import type { ChangeKind, SyncRunSummary, Tenant, TenantChange } from "@/lib/tenants/types";

// The dialect-independent storage interface. Everything outside lib/db talks to the database
// through `Storage` (getStorage() in ./storage.ts); lib/db/sqlite.ts and lib/db/postgres.ts
// implement it. Times cross this boundary as ISO-8601 strings.
//
// Adding a table for a new feature (as share links did): declare its types and methods here and
// write them once in lib/db/queries (its header lists the steps); tests/db runs them on both databases.

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
  /**
   * A lease the writer must still hold (the sync lease), checked in the same transaction: a pass
   * that outlived its lease while another instance took over cannot install a second snapshot.
   * Not held: nothing is written and the promise rejects with an error named "LeaseLostError".
   */
  lease?: { name: string; holder: string };
}

/** What watchSnapshots() reports. */
export interface SnapshotWatchHandlers {
  /** Some instance installed snapshot `id` (sent when its transaction commits). */
  onInstalled(id: number): void;
  /**
   * Whether notifications arrive: false when the connection that listens is lost (they may be
   * missed until it is back: poll meanwhile), true once it listens again (check once then).
   */
  onListening?(listening: boolean): void;
}

export interface SnapshotWatch {
  close(): Promise<void>;
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

/** Who may open a share link: anyone holding it, or only people who can sign in. */
export type ShareAccess = "anyone" | "signed-in";

/** A read-only share link as stored. Never holds the token itself, only its SHA-256 (hex). */
export interface ShareRecord {
  /** `shr_` + 16 URL-safe random characters; what logs and the audit log name. */
  id: string;
  tokenHash: string;
  name: string;
  /** Canonical query string of the shared view: its filters are the scope, sort and group the start. */
  view: string;
  /** Export column ids the link shows. */
  columns: string[];
  access: ShareAccess;
  allowExport: boolean;
  /** The creator's email, and the name shown as "Shared by". */
  createdBy: string;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  /** null: never expires. */
  expiresAt: string | null;
  revokedAt: string | null;
  lastOpenedAt: string | null;
  opens: number;
  exports: number;
}

export interface CreateShareInput {
  id: string;
  tokenHash: string;
  name: string;
  view: string;
  columns: readonly string[];
  access: ShareAccess;
  allowExport: boolean;
  createdBy: string;
  createdByName: string;
  expiresAt: string | null;
  /** Default: now. */
  createdAt?: string;
}

/** The fields a link's owner (or an admin) may change; absent ones stay as they are. */
export interface UpdateShareInput {
  name?: string;
  expiresAt?: string | null;
  allowExport?: boolean;
  /** Default: now. */
  updatedAt?: string;
}

/** One session ended by sign-out: refused until `expiresAt`, when it could not be accepted anyway. */
export interface RevokeSessionInput {
  /** The session's own id (the `sid` its cookie carries). */
  sessionId: string;
  expiresAt: string;
  /** Default: now. */
  at?: string;
}

/** Every session of a person that signed in at or before `at` is refused, until `expiresAt`. */
export interface RevokeSessionsOfInput {
  /** Lower-case email. */
  email: string;
  expiresAt: string;
  /** Default: now. */
  at?: string;
}

/** What a session cookie says about itself, as the deny-list needs it. */
export interface SessionRef {
  sessionId: string;
  email: string;
  signedInAt: string;
}

/** One limiter's rows: `scope` names the limiter (e.g. "share-lookup"), `key` what it counts (an address). */
export interface LimiterKey {
  scope: string;
  key: string;
}

/** Consecutive failures of one key, as the growing sign-in delay counts them. */
export interface LimiterStreak {
  failures: number;
  lastAt: string;
}

/** A subscription's name as stored (a row exists only while the subscription has a name). */
export interface SubscriptionLabelRecord extends SubscriptionLabel {
  subscriptionId: string;
  updatedAt: string;
  /** Who last changed it (an email). */
  updatedBy: string;
}

/** A tenant's annotation as stored (a row exists only while it has an owner, a tag or a note). */
export interface TenantAnnotationRecord extends TenantAnnotation {
  tenantId: string;
  updatedAt: string;
  updatedBy: string;
}

/** Every subscription label and tenant annotation, as of `version` (one consistent read). */
export interface AnnotationsState {
  /** The annotations version counter: 0 before the first write, +1 with every write. */
  version: number;
  subscriptions: SubscriptionLabelRecord[];
  tenants: TenantAnnotationRecord[];
}

/**
 * A change to one tenant's annotation; absent fields stay as they are. Values arrive validated and
 * normalized (lib/annotations/values.ts); null clears a field. `tags` replaces the list, `addTags`
 * and `removeTags` edit it (applied after `tags`).
 */
export interface TenantAnnotationPatch {
  tenantId: string;
  owner?: string | null;
  tags?: readonly string[];
  addTags?: readonly string[];
  removeTags?: readonly string[];
  note?: string | null;
}

/** A change to one subscription's label; a null (or empty) name clears the label. */
export interface SubscriptionLabelPatch {
  subscriptionId: string;
  name?: string | null;
  customerRef?: string | null;
}

export interface UpdateAnnotationsInput {
  tenants?: readonly TenantAnnotationPatch[];
  subscriptions?: readonly SubscriptionLabelPatch[];
  /** Who (an email): stored as updatedBy and as the actor of the audit entries. */
  actor: string;
  /** Recorded in each audit entry's details: where the change came from. */
  source: "api" | "bulk" | "import";
  /**
   * One more audit entry summing up the operation (e.g. an import), written in the same
   * transaction; its details gain `changedTenants` and `changedSubscriptions`. Not with dryRun.
   */
  summary?: { action: string; details: Record<string, unknown> };
  /** Compute the changes against the stored values without writing anything. */
  dryRun?: boolean;
  /** Default: now. */
  at?: string;
}

/** One record that changes: its value before and after (null: none). */
export interface AnnotationChange<T> {
  id: string;
  before: T | null;
  after: T | null;
}

export interface UpdateAnnotationsResult {
  /** The version after the write; unchanged when nothing changed (or on a dry run). */
  version: number;
  /** Only the tenants and subscriptions whose values change, in the order they were given. */
  tenants: AnnotationChange<TenantAnnotation>[];
  subscriptions: AnnotationChange<SubscriptionLabel>[];
}

/** A channel of an alert rule as stored: a webhook's signing secret included (server only). */
export type AlertChannelConfig =
  | { id: string; type: "webhook"; url: string; format: WebhookFormat; secret: string }
  | { id: string; type: "email"; to: string[] };

export interface AlertRuleRecord {
  /** `alr_` + 16 URL-safe characters. */
  id: string;
  name: string;
  /** Canonical filter query string of a view ("" = every tenant). */
  scope: string;
  trigger: AlertTrigger;
  channels: AlertChannelConfig[];
  digest: boolean;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateAlertRuleInput {
  id: string;
  name: string;
  scope: string;
  trigger: AlertTrigger;
  channels: readonly AlertChannelConfig[];
  digest: boolean;
  enabled: boolean;
  createdBy: string;
  /** Default: now. */
  createdAt?: string;
}

/** The fields of a rule to change; absent ones stay. `channels` replaces the list. */
export interface UpdateAlertRuleInput {
  name?: string;
  scope?: string;
  trigger?: AlertTrigger;
  channels?: readonly AlertChannelConfig[];
  digest?: boolean;
  enabled?: boolean;
  /** Default: now. */
  updatedAt?: string;
}

/** One event of one tenant as a rule announces it; at most once per (rule, tenant, eventKey). */
export interface AlertNotificationKey {
  tenantId: string;
  /** What makes the event new, e.g. `license:2026-03-01T00:00:00.000Z` or `change:1234`. */
  eventKey: string;
}

/** A message for one channel of a rule, to enqueue. */
export interface NewAlertDelivery {
  ruleId: string;
  ruleName: string;
  channelIndex: number;
  channelId: string;
  channelType: ChannelType;
  channelLabel: string;
  kind: DeliveryKind;
  summary: string;
  eventCount: number;
  /** The message as JSON (lib/alerts/message.ts), rendered per channel format when sent. */
  payload: string;
  /** Default: now. Null: never picked up by the worker (a test, sent at once by its request). */
  nextAttemptAt?: string | null;
  /** Default: now. */
  createdAt?: string;
}

export interface AlertDeliveryRecord {
  id: number;
  ruleId: string;
  ruleName: string;
  channelIndex: number;
  channelId: string;
  channelType: ChannelType;
  channelLabel: string;
  kind: DeliveryKind;
  summary: string;
  eventCount: number;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
  attemptLog: DeliveryAttemptJson[];
}

export interface RecordAlertNotificationsInput {
  ruleId: string;
  /** This evaluation's matches; those the rule announced before are left out. */
  candidates: readonly AlertNotificationKey[];
  snapshotId: number | null;
  /** Default: now. */
  at?: string;
  /**
   * The deliveries for the matches not announced before (called inside the transaction, once,
   * only when there are some; synchronous).
   */
  deliveriesFor: (fresh: AlertNotificationKey[]) => NewAlertDelivery[];
}

/** The outcome of one try at a delivery, appended to its log. */
export interface AlertDeliveryAttemptInput {
  attempt: DeliveryAttemptJson;
  status: DeliveryStatus;
  /** When to try again (status "retrying"); null otherwise. */
  nextAttemptAt: string | null;
}

export interface AlertDeliveryQuery {
  ruleId?: string | null;
  status?: DeliveryStatus | null;
  cursor?: string | null;
  /** 1–200, default 50. */
  limit?: number;
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
  /**
   * PostgreSQL only (LISTEN/NOTIFY): tells every instance as soon as one installs a snapshot.
   * Absent on SQLite, where one process owns the file.
   */
  watchSnapshots?(handlers: SnapshotWatchHandlers): SnapshotWatch;

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

  // Share links --------------------------------------------------------------------------------
  createShare(input: CreateShareInput): Promise<ShareRecord>;
  getShare(id: string): Promise<ShareRecord | null>;
  /** The link whose token hashes to `tokenHash` (an indexed lookup), whatever its status. */
  getShareByTokenHash(tokenHash: string): Promise<ShareRecord | null>;
  /** Newest first; only `createdBy`'s when given. */
  listShares(query?: { createdBy?: string | null }): Promise<ShareRecord[]>;
  /** null when there is no such link. */
  updateShare(id: string, patch: UpdateShareInput): Promise<ShareRecord | null>;
  /** Sets revokedAt (default now) unless already revoked: the first revocation's time stays. */
  revokeShare(id: string, at?: string): Promise<ShareRecord | null>;
  /** One opening: opens + 1 and lastOpenedAt (default now), in one UPDATE. */
  recordShareOpen(id: string, at?: string): Promise<void>;
  /** One export through the link: exports + 1, in one UPDATE. */
  recordShareExport(id: string): Promise<void>;

  // Session revocations ------------------------------------------------------------------------
  /** Puts one session on the deny-list; repeating it changes nothing. */
  revokeSession(input: RevokeSessionInput): Promise<void>;
  /** Ends every session of a person signed in until `at`; a later cut-off replaces an earlier one. */
  revokeSessionsOf(input: RevokeSessionsOfInput): Promise<void>;
  /** True when the session is on the deny-list, or its person was cut off after it signed in. */
  isSessionRevoked(session: SessionRef, now?: string): Promise<boolean>;
  /** Deletes the entries past their expiry; returns how many. */
  purgeSessionRevocations(now?: string): Promise<number>;

  // Limiter counters (sign-in and share-link lookups; lib/auth/rate-limit.ts) -------------------
  /** One failure of `key` at `at` (default now). */
  recordLimiterFailure(input: LimiterKey & { at?: string }): Promise<void>;
  /** The times of `key`'s failures after `since`, newest first, at most `limit`. */
  listLimiterFailures(input: LimiterKey & { since: string; limit: number }): Promise<string[]>;
  /**
   * One more consecutive failure of `key` at `at` (default now); a streak whose last failure was
   * at or before `forgetBefore` starts again from 1. Returns the streak after it.
   */
  extendLimiterStreak(
    input: LimiterKey & { at?: string; forgetBefore: string },
  ): Promise<LimiterStreak>;
  getLimiterStreak(input: LimiterKey): Promise<LimiterStreak | null>;
  /** Forgets `key` in this scope: its failures and its streak (after a successful sign-in). */
  resetLimiterKey(input: LimiterKey): Promise<void>;
  /** Deletes this scope's failures and streaks from at or before `before`; returns how many rows. */
  purgeLimiter(input: { scope: string; before: string }): Promise<number>;

  // Subscription names and tenant annotations (lib/annotations) ------------------------------
  /** The annotations version counter (cheap: each instance polls it to notice others' writes). */
  getAnnotationsVersion(): Promise<number>;
  /** Every label and annotation with the version they belong to. */
  loadAnnotations(): Promise<AnnotationsState>;
  /**
   * Applies the patches in ONE transaction (annotation writers run one at a time, across
   * instances): compares each with the stored value, writes only real changes, one audit entry per
   * changed tenant ("annotations.tenant") or subscription ("annotations.subscription") with before
   * and after, and bumps the version once when anything changed. Several patches of one id apply
   * in order.
   */
  updateAnnotations(input: UpdateAnnotationsInput): Promise<UpdateAnnotationsResult>;

  // Alert rules, notifications and deliveries (lib/alerts) -----------------------------------
  createAlertRule(input: CreateAlertRuleInput): Promise<AlertRuleRecord>;
  getAlertRule(id: string): Promise<AlertRuleRecord | null>;
  /** Oldest first; only enabled ones with `enabled: true`. */
  listAlertRules(query?: { enabled?: boolean }): Promise<AlertRuleRecord[]>;
  /** null when there is no such rule. */
  updateAlertRule(id: string, patch: UpdateAlertRuleInput): Promise<AlertRuleRecord | null>;
  /** Deletes the rule with its notifications and deliveries (pending ones are never sent). */
  deleteAlertRule(id: string): Promise<boolean>;
  /**
   * In ONE transaction (alert writers one at a time, across instances): records the candidates
   * the rule has not announced before and enqueues `deliveriesFor(fresh)`. Returns the fresh ones
   * and the deliveries enqueued.
   */
  recordAlertNotifications(
    input: RecordAlertNotificationsInput,
  ): Promise<{ fresh: AlertNotificationKey[]; deliveries: AlertDeliveryRecord[] }>;
  /** Enqueues deliveries (status "pending"). */
  enqueueAlertDeliveries(input: readonly NewAlertDelivery[]): Promise<AlertDeliveryRecord[]>;
  /** Pending or retrying deliveries due at or before `now`, the most overdue first. */
  listDueAlertDeliveries(query: { now: string; limit: number }): Promise<AlertDeliveryRecord[]>;
  /** The earliest nextAttemptAt of a pending or retrying delivery, or null. */
  nextAlertDeliveryDue(): Promise<string | null>;
  getAlertDelivery(id: number): Promise<AlertDeliveryRecord | null>;
  /** Appends one try to the delivery's log and sets its status (sentAt when "sent"). */
  recordAlertDeliveryAttempt(
    id: number,
    input: AlertDeliveryAttemptInput,
  ): Promise<AlertDeliveryRecord | null>;
  /** Newest first, filtered, paged by cursor. */
  listAlertDeliveries(query?: AlertDeliveryQuery): Promise<Page<AlertDeliveryRecord>>;
  /** Deletes sent and failed deliveries created before `before`; returns how many. */
  purgeAlertDeliveries(before: string): Promise<number>;

  /** Round trip to the database (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
