// SQLite tables (the default database). Kept in step with ./postgres.ts: same tables, columns and
// indexes; times are epoch milliseconds in both so the storage code converts them in one place.
// No `import "server-only"` here: drizzle-kit loads this file in plain Node to generate migrations.
// After changing it, regenerate: `npx drizzle-kit generate` (see drizzle.config.ts).
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
