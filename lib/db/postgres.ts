import "server-only";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { listenForSnapshots, NOTIFY_SNAPSHOT_SQL } from "./postgres-notify";
import { sharedQueries, type QueryDb } from "./queries";
import { leaseLostError } from "./queries/leases";
import { currentSnapshotMeta, snapshotRowToMeta } from "./queries/snapshots";
import { chunks, parseTenant, toMs } from "./rows";
import * as schema from "./schema/postgres";
import { planSnapshotReplace } from "./snapshot-plan";
import type { SnapshotWatch, Storage } from "./types";

// Storage on PostgreSQL (node-postgres pool). Several app instances may share the database:
// migrations run under an advisory lock, snapshot replacement under a transaction-level advisory
// lock, and the sync lease (leases table) keeps a second instance from syncing at the same time;
// the replacement checks, in its transaction, that its writer still holds that lease. Installing a
// snapshot notifies every instance (./postgres-notify.ts). The CRUD comes from ./queries; the bulk
// paths here use plain SQL with array parameters (unnest).

export interface PostgresStorageOptions {
  url: string;
  /** Use this schema (created if missing) for the tables and the migrations journal. Tests use a fresh one. */
  schema?: string;
  migrationsDir: string;
  /** Pool size; default 5. */
  max?: number;
  /** Told about connections lost while idle (the pool replaces them) and the listener's losses. */
  onPoolError?: (error: Error) => void;
  /** Shown in pg_stat_activity; default "tenant-atlas". */
  applicationName?: string;
}

// Arbitrary, fixed keys for pg_advisory_lock: one for migrations, one for snapshot replacement.
const MIGRATION_LOCK = 0x61746c01;
const SNAPSHOT_LOCK = 0x61746c02;
const BULK_CHUNK = 5_000;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new RangeError(`invalid PostgreSQL schema name "${options.schema}"`);
  }
  const applicationName = options.applicationName ?? "tenant-atlas";
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 5,
    application_name: applicationName,
    // A server that is restarting refuses or drops connections: fail fast rather than hang.
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
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

  const t = schema;
  let closed = false;
  const watches = new Set<SnapshotWatch>();

  /** Runs `fn` in a transaction on one pooled connection, reachable raw and through Drizzle. */
  async function inTransaction<T>(
    begin: string,
    fn: (client: pg.PoolClient, tx: QueryDb) => Promise<T>,
  ): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query(begin);
      const result = await fn(client, { db: drizzle(client), t });
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
    ...sharedQueries({
      db: drizzle(pool),
      t,
      transaction: (fn, txOptions) =>
        inTransaction("BEGIN", async (client, tx) => {
          // Writers naming the same lock run one at a time, across every instance.
          if (txOptions?.lock)
            await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [txOptions.lock]);
          return fn(tx);
        }),
    }),

    async loadCurrentSnapshot() {
      const begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
      return inTransaction(begin, async (client, tx) => {
        const meta = await currentSnapshotMeta(tx);
        if (!meta) return null;
        const data = await client.query<[string]>({
          text: "SELECT data FROM snapshot_tenants",
          rowMode: "array",
        });
        return { meta, tenants: data.rows.map((r) => parseTenant(r[0])) };
      });
    },

    async replaceSnapshot(input) {
      const takenAt = input.takenAt ? toMs(input.takenAt) : Date.now();
      return inTransaction("BEGIN", async (client, tx) => {
        await client.query("SELECT pg_advisory_xact_lock($1)", [SNAPSHOT_LOCK]);
        if (input.lease) {
          // FOR UPDATE: nobody takes the lease over until this snapshot is committed.
          const held = await client.query<{ holder: string }>(
            "SELECT holder FROM leases WHERE name = $1 FOR UPDATE",
            [input.lease.name],
          );
          const holder = held.rows[0]?.holder ?? null;
          if (holder !== input.lease.holder) throw leaseLostError(input.lease, holder);
        }
        const first = (await currentSnapshotMeta(tx)) === null;
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
        const [inserted] = await tx.db
          .insert(t.snapshots)
          .values({
            takenAt,
            tenantCount: input.tenants.length,
            changeCount: plan.changes.length,
            syncRunId: input.syncRunId ?? null,
          })
          .returning();
        const snapshot = snapshotRowToMeta(inserted!);
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
        await client.query(NOTIFY_SNAPSHOT_SQL, [snapshot.id]);
        return { snapshot, changes: plan.changes.length, first };
      });
    },

    watchSnapshots(handlers) {
      const watch = listenForSnapshots({
        url: options.url,
        schema: options.schema,
        applicationName: `${applicationName} listener`,
        handlers,
        onError: options.onPoolError,
      });
      watches.add(watch);
      return {
        close: async () => {
          watches.delete(watch);
          await watch.close();
        },
      };
    },

    async ping() {
      await pool.query("SELECT 1");
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...watches].map((w) => w.close()));
      watches.clear();
      await pool.end();
    },
  };
  return storage;
}
