// SQLite tables (the default database). Kept in step with ./postgres.ts: same tables, columns and
// indexes; times are epoch milliseconds in both so the storage code converts them in one place.
// No `import "server-only"` here: drizzle-kit loads this file in plain Node to generate migrations.
// After changing it, regenerate: `npx drizzle-kit generate` (see drizzle.config.ts).
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/** One row per successful sync: the current snapshot is the row with the highest id. */
export const snapshots = sqliteTable("snapshots", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  takenAt: integer("taken_at").notNull(),
  tenantCount: integer("tenant_count").notNull(),
  changeCount: integer("change_count").notNull().default(0),
  syncRunId: integer("sync_run_id"),
});

/** The tenants of the current snapshot. `data` is the whole Tenant as JSON; the other columns are for SQL. */
export const snapshotTenants = sqliteTable(
  "snapshot_tenants",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    status: text("status").notNull(),
    regionCode: text("region_code").notNull(),
    subscriptionId: text("subscription_id"),
    data: text("data").notNull(),
  },
  (t) => [index("snapshot_tenants_subscription_idx").on(t.subscriptionId)],
);

export const syncRuns = sqliteTable(
  "sync_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at"),
    /** Renewed while the pass runs; a "running" row with an old heartbeat was left by a dead process. */
    heartbeatAt: integer("heartbeat_at").notNull(),
    outcome: text("outcome").notNull(),
    trigger: text("trigger").notNull(),
    mode: text("mode"),
    instance: text("instance").notNull(),
    tenants: integer("tenants"),
    tenantsRead: integer("tenants_read").notNull().default(0),
    expected: integer("expected"),
    requests: integer("requests").notNull().default(0),
    retries: integer("retries").notNull().default(0),
    rateLimited: integer("rate_limited").notNull().default(0),
    error: text("error"),
    snapshotId: integer("snapshot_id"),
  },
  (t) => [index("sync_runs_outcome_idx").on(t.outcome)],
);

export const tenantChanges = sqliteTable(
  "tenant_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    snapshotId: integer("snapshot_id").notNull(),
    tenantId: text("tenant_id").notNull(),
    tenantName: text("tenant_name").notNull(),
    kind: text("kind").notNull(),
    before: text("before"),
    after: text("after"),
    detectedAt: integer("detected_at").notNull(),
  },
  (t) => [
    index("tenant_changes_tenant_idx").on(t.tenantId, t.id),
    index("tenant_changes_kind_idx").on(t.kind, t.id),
    index("tenant_changes_detected_idx").on(t.detectedAt),
  ],
);

/** Named leases (one today: "sync") so only one instance syncs at a time. */
export const leases = sqliteTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    details: text("details").notNull(),
  },
  (t) => [index("audit_log_action_idx").on(t.action, t.id), index("audit_log_at_idx").on(t.at)],
);

/**
 * Read-only share links. Only the token's SHA-256 is kept (`token_hash`); `view` is the canonical
 * query string of the shared view (its filters are the link's scope), `columns` a JSON array of
 * export column ids. `expires_at` null: never expires.
 */
export const shares = sqliteTable(
  "shares",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    name: text("name").notNull(),
    view: text("view").notNull(),
    columns: text("columns").notNull(),
    access: text("access").notNull(),
    allowExport: integer("allow_export", { mode: "boolean" }).notNull(),
    createdBy: text("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    expiresAt: integer("expires_at"),
    revokedAt: integer("revoked_at"),
    lastOpenedAt: integer("last_opened_at"),
    opens: integer("opens").notNull().default(0),
    exports: integer("exports").notNull().default(0),
  },
  (t) => [
    uniqueIndex("shares_token_hash_idx").on(t.tokenHash),
    index("shares_created_by_idx").on(t.createdBy, t.createdAt),
  ],
);

/**
 * Sessions ended before their cookie expires (sign-out, or an admin ending every session of a
 * person). `kind` "session": `subject` is one session's id; "person": `subject` is an email, and
 * every session of it that signed in at or before `revoked_at` is ended. A row is kept until
 * `expires_at`, when no session it names could be accepted anyway.
 */
export const sessionRevocations = sqliteTable(
  "session_revocations",
  {
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    revokedAt: integer("revoked_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.subject] }),
    index("session_revocations_expires_idx").on(t.expiresAt),
  ],
);

/**
 * Failed attempts counted by the sliding-window limiters (sign-in per address, share-link lookups
 * per address), one row per failure, so every instance counts the same failures. `scope` names the
 * limiter; rows older than its window are deleted as it goes.
 */
export const limiterFailures = sqliteTable(
  "limiter_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [
    index("limiter_failures_key_idx").on(t.scope, t.key, t.at),
    index("limiter_failures_at_idx").on(t.scope, t.at),
  ],
);

/** Consecutive failures per key (the sign-in delay that grows with each), forgotten after a while. */
export const limiterStreaks = sqliteTable(
  "limiter_streaks",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    failures: integer("failures").notNull(),
    lastAt: integer("last_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index("limiter_streaks_last_idx").on(t.scope, t.lastAt),
  ],
);

/**
 * What admins call a subscription (Qlik gives only an id). A row exists only while it has a name;
 * clearing the name deletes it.
 */
export const subscriptionLabels = sqliteTable("subscription_labels", {
  subscriptionId: text("subscription_id").primaryKey(),
  name: text("name").notNull(),
  customerRef: text("customer_ref"),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});

/**
 * What the team records about a tenant, keyed by tenant id and never touched by syncs (it survives
 * renames and moves; a removed tenant keeps it). `tags` is a JSON array of normalized tags. A row
 * with no owner, no tags and no note is deleted.
 */
export const tenantAnnotations = sqliteTable("tenant_annotations", {
  tenantId: text("tenant_id").primaryKey(),
  owner: text("owner"),
  tags: text("tags").notNull(),
  note: text("note"),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});

/**
 * One row (id 1): bumped in the same transaction as every change to the two tables above, so each
 * instance notices another's writes with one cheap read.
 */
export const annotationVersion = sqliteTable("annotation_version", {
  id: integer("id").primaryKey().default(1),
  version: integer("version").notNull(),
});

/**
 * Alert rules (lib/alerts). `scope` is the canonical filter query string of a view; `trigger` and
 * `channels` are JSON (a webhook channel's signing secret lives in `channels` and never leaves the
 * server).
 */
export const alertRules = sqliteTable("alert_rules", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  scope: text("scope").notNull(),
  trigger: text("trigger").notNull(),
  channels: text("channels").notNull(),
  digest: integer("digest", { mode: "boolean" }).notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * What each rule has announced: one row per rule, tenant and event. The unique index is the
 * dedupe that announces a license ending in 20 days once, not after every sync; `event_key` holds
 * what makes an event new (the license end date, the deletion date, a change-feed id).
 */
export const alertNotifications = sqliteTable(
  "alert_notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ruleId: text("rule_id").notNull(),
    tenantId: text("tenant_id").notNull(),
    eventKey: text("event_key").notNull(),
    snapshotId: integer("snapshot_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("alert_notifications_event_idx").on(t.ruleId, t.tenantId, t.eventKey)],
);

/**
 * The alerts outbox and its log: one row per message to one channel of a rule. `payload` is the
 * message (JSON, rendered per channel format when sent); `attempt_log` a JSON array of every try.
 */
export const alertDeliveries = sqliteTable(
  "alert_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ruleId: text("rule_id").notNull(),
    ruleName: text("rule_name").notNull(),
    channelIndex: integer("channel_index").notNull(),
    channelId: text("channel_id").notNull(),
    channelType: text("channel_type").notNull(),
    channelLabel: text("channel_label").notNull(),
    kind: text("kind").notNull(),
    summary: text("summary").notNull(),
    eventCount: integer("event_count").notNull(),
    payload: text("payload").notNull(),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    lastError: text("last_error"),
    sentAt: integer("sent_at"),
    createdAt: integer("created_at").notNull(),
    attemptLog: text("attempt_log").notNull(),
  },
  (t) => [
    index("alert_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("alert_deliveries_rule_idx").on(t.ruleId, t.id),
  ],
);
