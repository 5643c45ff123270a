import "server-only";
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import type { TenantChange } from "@/lib/tenants/types";
import {
  auditRowToEntry,
  auditWhere,
  changeRowToChange,
  changeWhere,
  clampLimit,
  runRowToRecord,
} from "./queries";
import { chunks, encodeCursor, parseTenant, toIso, toMs } from "./rows";
import * as schema from "./schema/postgres";
import { planSnapshotReplace } from "./snapshot-plan";
import type { SnapshotMeta, Storage } from "./types";

// Storage on PostgreSQL (node-postgres pool). Several app instances may share the database:
// migrations run under an advisory lock, snapshot replacement under a transaction-level advisory
// lock, and the sync lease (leases table) keeps a second instance from syncing at the same time.
// Bulk paths use plain SQL with array parameters (unnest); the rest goes through Drizzle.

export interface PostgresStorageOptions {
  url: string;
  /** Use this schema (created if missing) for the tables and the migrations journal. Tests use a fresh one. */
  schema?: string;
  migrationsDir: string;
  /** Pool size; default 5. */
  max?: number;
  onPoolError?: (error: Error) => void;
}

// Arbitrary, fixed keys for pg_advisory_lock: one for migrations, one for snapshot replacement.
const MIGRATION_LOCK = 0x61746c01;
const SNAPSHOT_LOCK = 0x61746c02;
const BULK_CHUNK = 5_000;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

interface MetaRow {
  id: number;
  taken_at: string;
  tenant_count: number;
  change_count: number;
  sync_run_id: number | null;
}

const metaOf = (row: MetaRow): SnapshotMeta => ({
  id: row.id,
  takenAt: toIso(Number(row.taken_at)),
  tenantCount: row.tenant_count,
  changeCount: row.change_count,
  syncRunId: row.sync_run_id,
});

export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new RangeError(`invalid PostgreSQL schema name "${options.schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 5,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", (error) => options.onPoolError?.(error));

  const migrator = await pool.connect();
  try {
    await migrator.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      if (options.schema) await migrator.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
      await migrate(drizzle(migrator), {
        migrationsFolder: options.migrationsDir,
        ...(options.schema ? { migrationsSchema: options.schema } : {}),
      });
    } finally {
      await migrator.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } catch (error) {
    migrator.release();
    await pool.end();
    throw error;
  }
  migrator.release();

  const db = drizzle(pool, { schema });
  const t = schema;
  let closed = false;

  async function inTransaction<T>(
    begin: string,
    fn: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query(begin);
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  const storage: Storage = {
    dialect: "postgres",

    async getCurrentSnapshotMeta() {
      const { rows } = await pool.query<MetaRow>(
        "SELECT * FROM snapshots ORDER BY id DESC LIMIT 1",
      );
      return rows[0] ? metaOf(rows[0]) : null;
    },

    async loadCurrentSnapshot() {
      return inTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", async (client) => {
        const meta = await client.query<MetaRow>(
          "SELECT * FROM snapshots ORDER BY id DESC LIMIT 1",
        );
        if (!meta.rows[0]) return null;
        const data = await client.query<[string]>({
          text: "SELECT data FROM snapshot_tenants",
          rowMode: "array",
        });
        return { meta: metaOf(meta.rows[0]), tenants: data.rows.map((r) => parseTenant(r[0])) };
      });
    },

    async replaceSnapshot(input) {
      const takenAt = input.takenAt ? toMs(input.takenAt) : Date.now();
      return inTransaction("BEGIN", async (client) => {
        await client.query("SELECT pg_advisory_xact_lock($1)", [SNAPSHOT_LOCK]);
        const current = await client.query("SELECT id FROM snapshots ORDER BY id DESC LIMIT 1");
        const first = current.rowCount === 0;
        const previous = await client.query<[string, string]>({
          text: "SELECT id, data FROM snapshot_tenants",
          rowMode: "array",
        });
        const plan = planSnapshotReplace(previous.rows, input.tenants, first);
        for (const ids of chunks(plan.deletes, BULK_CHUNK)) {
          await client.query("DELETE FROM snapshot_tenants WHERE id = ANY($1::text[])", [ids]);
        }
        for (const part of chunks(plan.upserts, BULK_CHUNK)) {
          await client.query(
            `INSERT INTO snapshot_tenants (id, name, status, region_code, subscription_id, data)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status,
               region_code = excluded.region_code, subscription_id = excluded.subscription_id,
               data = excluded.data`,
            [
              part.map((u) => u.tenant.id),
              part.map((u) => u.tenant.name),
              part.map((u) => u.tenant.status),
              part.map((u) => u.tenant.regionCode),
              part.map((u) => u.tenant.subscriptionId),
              part.map((u) => u.data),
            ],
          );
        }
        const inserted = await client.query<MetaRow>(
          `INSERT INTO snapshots (taken_at, tenant_count, change_count, sync_run_id)
           VALUES ($1, $2, $3, $4) RETURNING *`,
          [takenAt, input.tenants.length, plan.changes.length, input.syncRunId ?? null],
        );
        const snapshot = metaOf(inserted.rows[0]!);
        for (const part of chunks(plan.changes, BULK_CHUNK)) {
          // WITH ORDINALITY keeps the feed's order in the ids (newest first = reverse of this).
          await client.query(
            `INSERT INTO tenant_changes (snapshot_id, tenant_id, tenant_name, kind, before, after, detected_at)
             SELECT $1, c.tenant_id, c.tenant_name, c.kind, c.before, c.after, $2
             FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
               WITH ORDINALITY AS c(tenant_id, tenant_name, kind, before, after, n)
             ORDER BY c.n`,
            [
              snapshot.id,
              takenAt,
              part.map((c) => c.tenantId),
              part.map((c) => c.tenantName),
              part.map((c) => c.kind),
              part.map((c) => c.before),
              part.map((c) => c.after),
            ],
          );
        }
        return { snapshot, changes: plan.changes.length, first };
      });
    },

    async startSyncRun(input) {
      const now = input.startedAt ? toMs(input.startedAt) : Date.now();
      const [row] = await db
        .insert(t.syncRuns)
        .values({
          startedAt: now,
          heartbeatAt: now,
          outcome: "running",
          trigger: input.trigger,
          mode: input.mode,
          instance: input.instance,
        })
        .returning();
      return runRowToRecord(row!);
    },

    async heartbeatSyncRun(id, progress) {
      await db
        .update(t.syncRuns)
        .set({
          heartbeatAt: Date.now(),
          tenantsRead: progress.tenantsRead,
          expected: progress.expected,
          ...(progress.requests === undefined ? {} : { requests: progress.requests }),
          ...(progress.retries === undefined ? {} : { retries: progress.retries }),
          ...(progress.rateLimited === undefined ? {} : { rateLimited: progress.rateLimited }),
        })
        .where(and(eq(t.syncRuns.id, id), eq(t.syncRuns.outcome, "running")));
    },

    async finishSyncRun(id, result) {
      const finishedAt = result.finishedAt ? toMs(result.finishedAt) : Date.now();
      const [row] = await db
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
        .returning();
      return row ? runRowToRecord(row) : null;
    },

    async getSyncRun(id) {
      const [row] = await db.select().from(t.syncRuns).where(eq(t.syncRuns.id, id));
      return row ? runRowToRecord(row) : null;
    },

    async listSyncRuns(options = {}) {
      const rows = await db
        .select()
        .from(t.syncRuns)
        .orderBy(desc(t.syncRuns.id))
        .limit(clampLimit(options.limit, 20, 200));
      return rows.map(runRowToRecord);
    },

    async getRunningSyncRun() {
      const [row] = await db
        .select()
        .from(t.syncRuns)
        .where(eq(t.syncRuns.outcome, "running"))
        .orderBy(desc(t.syncRuns.id))
        .limit(1);
      return row ? runRowToRecord(row) : null;
    },

    async failInterruptedRuns({ error, heartbeatBefore, exceptId }) {
      const conditions: SQL[] = [eq(t.syncRuns.outcome, "running")];
      if (heartbeatBefore) conditions.push(lt(t.syncRuns.heartbeatAt, toMs(heartbeatBefore)));
      if (exceptId !== undefined) conditions.push(sql`${t.syncRuns.id} <> ${exceptId}`);
      const rows = await db
        .update(t.syncRuns)
        .set({ outcome: "failed", finishedAt: Date.now(), error })
        .where(and(...conditions))
        .returning({ id: t.syncRuns.id });
      return rows.length;
    },

    async listChanges(query = {}) {
      const limit = clampLimit(query.limit, 100, 500);
      const rows = await db
        .select()
        .from(t.tenantChanges)
        .where(changeWhere(t.tenantChanges, query))
        .orderBy(desc(t.tenantChanges.id))
        .limit(limit + 1);
      const items: TenantChange[] = rows.slice(0, limit).map(changeRowToChange);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor("chg", last.id) : null,
      };
    },

    async listTenantChanges(tenantId, options = {}) {
      const rows = await db
        .select()
        .from(t.tenantChanges)
        .where(eq(t.tenantChanges.tenantId, tenantId))
        .orderBy(desc(t.tenantChanges.id))
        .limit(clampLimit(options.limit, 100, 1000));
      return rows.map(changeRowToChange);
    },

    async acquireLease(name, holder, ttlMs, options = {}) {
      const now = Date.now();
      const { rowCount } = await pool.query(
        `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.expires_at <= $4 OR leases.holder = excluded.holder OR leases.holder = $5
         RETURNING holder`,
        [name, holder, now + ttlMs, now, options.takeOverFrom ?? holder],
      );
      return rowCount === 1;
    },

    async releaseLease(name, holder) {
      await db.delete(t.leases).where(and(eq(t.leases.name, name), eq(t.leases.holder, holder)));
    },

    async getLease(name) {
      const [row] = await db.select().from(t.leases).where(eq(t.leases.name, name));
      return row ? { name: row.name, holder: row.holder, expiresAt: toIso(row.expiresAt) } : null;
    },

    async recordAudit(entry) {
      const [row] = await db
        .insert(t.auditLog)
        .values({
          at: entry.at ? toMs(entry.at) : Date.now(),
          actor: entry.actor,
          action: entry.action,
          details: JSON.stringify(entry.details ?? {}),
        })
        .returning();
      return auditRowToEntry(row!);
    },

    async listAudit(query = {}) {
      const limit = clampLimit(query.limit, 100, 500);
      const rows = await db
        .select()
        .from(t.auditLog)
        .where(auditWhere(t.auditLog, query))
        .orderBy(desc(t.auditLog.id))
        .limit(limit + 1);
      const items = rows.slice(0, limit).map(auditRowToEntry);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor("aud", last.id) : null,
      };
    },

    async ping() {
      await pool.query("SELECT 1");
    },

    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  return storage;
}
