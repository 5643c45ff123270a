// PostgreSQL tables (DATABASE_URL=postgres://…). Kept in step with ./sqlite.ts: same tables, columns
// and indexes; times are epoch milliseconds (bigint) in both so the storage code converts them in
// one place. No foreign keys: drizzle-kit writes them schema-qualified ("public"."…"), which would
// tie the migrations to one schema (tests run each in a schema of their own).
// No `import "server-only"` here: drizzle-kit loads this file in plain Node to generate migrations.
// After changing it, regenerate: `DB_DIALECT=postgres npx drizzle-kit generate` (see drizzle.config.ts).
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const ms = (name: string) => bigint(name, { mode: "number" });

export const snapshots = pgTable("snapshots", {
  id: serial("id").primaryKey(),
  takenAt: ms("taken_at").notNull(),
  tenantCount: integer("tenant_count").notNull(),
  changeCount: integer("change_count").notNull().default(0),
  syncRunId: integer("sync_run_id"),
});

export const snapshotTenants = pgTable(
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

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: serial("id").primaryKey(),
    startedAt: ms("started_at").notNull(),
    finishedAt: ms("finished_at"),
    heartbeatAt: ms("heartbeat_at").notNull(),
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

export const tenantChanges = pgTable(
  "tenant_changes",
  {
    id: serial("id").primaryKey(),
    snapshotId: integer("snapshot_id").notNull(),
    tenantId: text("tenant_id").notNull(),
    tenantName: text("tenant_name").notNull(),
    kind: text("kind").notNull(),
    before: text("before"),
    after: text("after"),
    detectedAt: ms("detected_at").notNull(),
  },
  (t) => [
    index("tenant_changes_tenant_idx").on(t.tenantId, t.id),
    index("tenant_changes_kind_idx").on(t.kind, t.id),
    index("tenant_changes_detected_idx").on(t.detectedAt),
  ],
);

export const leases = pgTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: ms("expires_at").notNull(),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    at: ms("at").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    details: text("details").notNull(),
  },
  (t) => [index("audit_log_action_idx").on(t.action, t.id), index("audit_log_at_idx").on(t.at)],
);

export const shares = pgTable(
  "shares",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    name: text("name").notNull(),
    view: text("view").notNull(),
    columns: text("columns").notNull(),
    access: text("access").notNull(),
    allowExport: boolean("allow_export").notNull(),
    createdBy: text("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
    expiresAt: ms("expires_at"),
    revokedAt: ms("revoked_at"),
    lastOpenedAt: ms("last_opened_at"),
    opens: integer("opens").notNull().default(0),
    exports: integer("exports").notNull().default(0),
  },
  (t) => [
    uniqueIndex("shares_token_hash_idx").on(t.tokenHash),
    index("shares_created_by_idx").on(t.createdBy, t.createdAt),
  ],
);

export const sessionRevocations = pgTable(
  "session_revocations",
  {
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    revokedAt: ms("revoked_at").notNull(),
    expiresAt: ms("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.subject] }),
    index("session_revocations_expires_idx").on(t.expiresAt),
  ],
);

export const limiterFailures = pgTable(
  "limiter_failures",
  {
    id: serial("id").primaryKey(),
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    at: ms("at").notNull(),
  },
  (t) => [
    index("limiter_failures_key_idx").on(t.scope, t.key, t.at),
    index("limiter_failures_at_idx").on(t.scope, t.at),
  ],
);

export const limiterStreaks = pgTable(
  "limiter_streaks",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    failures: integer("failures").notNull(),
    lastAt: ms("last_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index("limiter_streaks_last_idx").on(t.scope, t.lastAt),
  ],
);

export const subscriptionLabels = pgTable("subscription_labels", {
  subscriptionId: text("subscription_id").primaryKey(),
  name: text("name").notNull(),
  customerRef: text("customer_ref"),
  updatedAt: ms("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});

export const tenantAnnotations = pgTable("tenant_annotations", {
  tenantId: text("tenant_id").primaryKey(),
  owner: text("owner"),
  tags: text("tags").notNull(),
  note: text("note"),
  updatedAt: ms("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});

export const annotationVersion = pgTable("annotation_version", {
  id: integer("id").primaryKey().default(1),
  version: integer("version").notNull(),
});

export const alertRules = pgTable("alert_rules", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  scope: text("scope").notNull(),
  trigger: text("trigger").notNull(),
  channels: text("channels").notNull(),
  digest: boolean("digest").notNull(),
  enabled: boolean("enabled").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: ms("created_at").notNull(),
  updatedAt: ms("updated_at").notNull(),
});

export const alertNotifications = pgTable(
  "alert_notifications",
  {
    id: serial("id").primaryKey(),
    ruleId: text("rule_id").notNull(),
    tenantId: text("tenant_id").notNull(),
    eventKey: text("event_key").notNull(),
    snapshotId: integer("snapshot_id"),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [uniqueIndex("alert_notifications_event_idx").on(t.ruleId, t.tenantId, t.eventKey)],
);

export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    id: serial("id").primaryKey(),
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
    nextAttemptAt: ms("next_attempt_at"),
    lastError: text("last_error"),
    sentAt: ms("sent_at"),
    createdAt: ms("created_at").notNull(),
    attemptLog: text("attempt_log").notNull(),
  },
  (t) => [
    index("alert_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("alert_deliveries_rule_idx").on(t.ruleId, t.id),
  ],
);
