import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Tenant, TenantChange } from "@/lib/tenants/types";
import {
  auditRowToEntry,
  auditWhere,
  changeRowToChange,
  changeWhere,
  clampLimit,
  runRowToRecord,
} from "./queries";
import { encodeCursor, parseTenant, toIso, toMs } from "./rows";
import * as schema from "./schema/sqlite";
import { planSnapshotReplace } from "./snapshot-plan";
import type { SnapshotMeta, Storage } from "./types";

// Storage on SQLite (better-sqlite3, WAL). better-sqlite3 is synchronous: each method runs its
// statements at once and returns a settled promise. Bulk paths (loading and replacing 50,000
// tenants) use prepared statements directly; the rest goes through Drizzle.

export interface SqliteStorageOptions {
  /** File path, or ":memory:". */
  file: string;
  migrationsDir: string;
}

type Row = typeof schema.snapshots.$inferSelect;
const metaOf = (row: Row): SnapshotMeta => ({
  id: row.id,
  takenAt: toIso(row.takenAt),
  tenantCount: row.tenantCount,
  changeCount: row.changeCount,
  syncRunId: row.syncRunId,
});

export function openSqliteStorage(options: SqliteStorageOptions): Storage {
  if (options.file !== ":memory:") {
    fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  }
  const client = new Database(options.file);
  client.pragma("journal_mode = WAL");
  client.pragma("synchronous = NORMAL");
  client.pragma("busy_timeout = 5000");
  const db = drizzle(client, { schema });
  migrate(db, { migrationsFolder: options.migrationsDir });

  const t = schema;
  const currentMeta = client.prepare("SELECT * FROM snapshots ORDER BY id DESC LIMIT 1");
  const allTenantData = client.prepare("SELECT data FROM snapshot_tenants").pluck();
  const allTenantRows = client.prepare("SELECT id, data FROM snapshot_tenants").raw();
  const upsertTenant = client.prepare(
    `INSERT INTO snapshot_tenants (id, name, status, region_code, subscription_id, data)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, status = excluded.status,
       region_code = excluded.region_code, subscription_id = excluded.subscription_id,
       data = excluded.data`,
  );
  const deleteTenant = client.prepare("DELETE FROM snapshot_tenants WHERE id = ?");
  const insertChange = client.prepare(
    `INSERT INTO tenant_changes (snapshot_id, tenant_id, tenant_name, kind, before, after, detected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  const rowToMeta = (row: unknown): SnapshotMeta | null => {
    if (!row) return null;
    const r = row as Record<string, number | null>;
    return metaOf({
      id: r.id!,
      takenAt: r.taken_at!,
      tenantCount: r.tenant_count!,
      changeCount: r.change_count!,
      syncRunId: r.sync_run_id ?? null,
    });
  };

  const load = client.transaction(() => {
    const meta = rowToMeta(currentMeta.get());
    if (!meta) return null;
    // Row by row: 50,000 JSON strings never sit in memory at once (lower peak RSS than .all()).
    const tenants: Tenant[] = [];
    for (const data of allTenantData.iterate() as IterableIterator<string>) {
      tenants.push(parseTenant(data));
    }
    return { meta, tenants };
  });

  const storage: Storage = {
    dialect: "sqlite",

    async getCurrentSnapshotMeta() {
      return rowToMeta(currentMeta.get());
    },

    async loadCurrentSnapshot() {
      return load();
    },

    async replaceSnapshot(input) {
      const takenAt = input.takenAt ? toMs(input.takenAt) : Date.now();
      const replace = client.transaction(() => {
        const first = !currentMeta.get();
        const previous = allTenantRows.all() as [string, string][];
        const plan = planSnapshotReplace(previous, input.tenants, first);
        for (const id of plan.deletes) deleteTenant.run(id);
        for (const { tenant, data } of plan.upserts) {
          upsertTenant.run(
            tenant.id,
            tenant.name,
            tenant.status,
            tenant.regionCode,
            tenant.subscriptionId,
            data,
          );
        }
        const inserted = db
          .insert(t.snapshots)
          .values({
            takenAt,
            tenantCount: input.tenants.length,
            changeCount: plan.changes.length,
            syncRunId: input.syncRunId ?? null,
          })
          .returning()
          .get();
        for (const c of plan.changes) {
          insertChange.run(
            inserted.id,
            c.tenantId,
            c.tenantName,
            c.kind,
            c.before,
            c.after,
            takenAt,
          );
        }
        return { snapshot: metaOf(inserted), changes: plan.changes.length, first };
      });
      return replace.immediate();
    },

    async startSyncRun(input) {
      const now = input.startedAt ? toMs(input.startedAt) : Date.now();
      const row = db
        .insert(t.syncRuns)
        .values({
          startedAt: now,
          heartbeatAt: now,
          outcome: "running",
          trigger: input.trigger,
          mode: input.mode,
          instance: input.instance,
        })
        .returning()
        .get();
      return runRowToRecord(row);
    },

    async heartbeatSyncRun(id, progress) {
      db.update(t.syncRuns)
        .set({
          heartbeatAt: Date.now(),
          tenantsRead: progress.tenantsRead,
          expected: progress.expected,
          ...(progress.requests === undefined ? {} : { requests: progress.requests }),
          ...(progress.retries === undefined ? {} : { retries: progress.retries }),
          ...(progress.rateLimited === undefined ? {} : { rateLimited: progress.rateLimited }),
        })
        .where(and(eq(t.syncRuns.id, id), eq(t.syncRuns.outcome, "running")))
        .run();
    },

    async finishSyncRun(id, result) {
      const finishedAt = result.finishedAt ? toMs(result.finishedAt) : Date.now();
      const row = db
        .update(t.syncRuns)
        .set({
          finishedAt,
          heartbeatAt: finishedAt,
          outcome: result.outcome,
          tenants: result.tenants,
          requests: result.requests,
          retries: result.retries,
          rateLimited: result.rateLimited,
          error: result.error,
          snapshotId: result.snapshotId ?? null,
        })
        .where(eq(t.syncRuns.id, id))
        .returning()
        .get();
      return row ? runRowToRecord(row) : null;
    },

    async getSyncRun(id) {
      const row = db.select().from(t.syncRuns).where(eq(t.syncRuns.id, id)).get();
      return row ? runRowToRecord(row) : null;
    },

    async listSyncRuns(options = {}) {
      const rows = db
        .select()
        .from(t.syncRuns)
        .orderBy(desc(t.syncRuns.id))
        .limit(clampLimit(options.limit, 20, 200))
        .all();
      return rows.map(runRowToRecord);
    },

    async getRunningSyncRun() {
      const row = db
        .select()
        .from(t.syncRuns)
        .where(eq(t.syncRuns.outcome, "running"))
        .orderBy(desc(t.syncRuns.id))
        .limit(1)
        .get();
      return row ? runRowToRecord(row) : null;
    },

    async failInterruptedRuns({ error, heartbeatBefore, exceptId }) {
      const now = Date.now();
      const conditions: SQL[] = [eq(t.syncRuns.outcome, "running")];
      if (heartbeatBefore) conditions.push(lt(t.syncRuns.heartbeatAt, toMs(heartbeatBefore)));
      if (exceptId !== undefined) conditions.push(sql`${t.syncRuns.id} <> ${exceptId}`);
      const result = db
        .update(t.syncRuns)
        .set({ outcome: "failed", finishedAt: now, error })
        .where(and(...conditions))
        .run();
      return result.changes;
    },

    async listChanges(query = {}) {
      const limit = clampLimit(query.limit, 100, 500);
      const rows = db
        .select()
        .from(t.tenantChanges)
        .where(changeWhere(t.tenantChanges, query))
        .orderBy(desc(t.tenantChanges.id))
        .limit(limit + 1)
        .all();
      const items: TenantChange[] = rows.slice(0, limit).map(changeRowToChange);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor("chg", last.id) : null,
      };
    },

    async listTenantChanges(tenantId, options = {}) {
      const rows = db
        .select()
        .from(t.tenantChanges)
        .where(eq(t.tenantChanges.tenantId, tenantId))
        .orderBy(desc(t.tenantChanges.id))
        .limit(clampLimit(options.limit, 100, 1000))
        .all();
      return rows.map(changeRowToChange);
    },

    async acquireLease(name, holder, ttlMs, options = {}) {
      const now = Date.now();
      const row = client
        .prepare(
          `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
           ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
           WHERE leases.expires_at <= ? OR leases.holder = excluded.holder OR leases.holder = ?
           RETURNING holder`,
        )
        .get(name, holder, now + ttlMs, now, options.takeOverFrom ?? holder);
      return row !== undefined;
    },

    async releaseLease(name, holder) {
      db.delete(t.leases)
        .where(and(eq(t.leases.name, name), eq(t.leases.holder, holder)))
        .run();
    },

    async getLease(name) {
      const row = db.select().from(t.leases).where(eq(t.leases.name, name)).get();
      return row ? { name: row.name, holder: row.holder, expiresAt: toIso(row.expiresAt) } : null;
    },

    async recordAudit(entry) {
      const row = db
        .insert(t.auditLog)
        .values({
          at: entry.at ? toMs(entry.at) : Date.now(),
          actor: entry.actor,
          action: entry.action,
          details: JSON.stringify(entry.details ?? {}),
        })
        .returning()
        .get();
      return auditRowToEntry(row);
    },

    async listAudit(query = {}) {
      const limit = clampLimit(query.limit, 100, 500);
      const rows = db
        .select()
        .from(t.auditLog)
        .where(auditWhere(t.auditLog, query))
        .orderBy(desc(t.auditLog.id))
        .limit(limit + 1)
        .all();
      const items = rows.slice(0, limit).map(auditRowToEntry);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor("aud", last.id) : null,
      };
    },

    async ping() {
      client.prepare("SELECT 1").get();
    },

    async close() {
      if (client.open) client.close();
    },
  };
  return storage;
}
