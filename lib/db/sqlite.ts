import "server-only";
import path from "node:path";
import Database from "better-sqlite3";
import { desc } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { ensurePrivateDirectory, restrictFile, touchPrivateFile } from "@/lib/config/private-files";
import type { Tenant } from "@/lib/tenants/types";
import { sharedQueries, sqliteQueryDb, type QueryDb } from "./queries";
import { leaseLostError } from "./queries/leases";
import { snapshotRowToMeta } from "./queries/snapshots";
import { parseTenant, toMs } from "./rows";
import * as schema from "./schema/sqlite";
import { planSnapshotReplace } from "./snapshot-plan";
import type { Storage } from "./types";

// Storage on SQLite (better-sqlite3, WAL). The CRUD comes from ./queries; this file opens the
// database and keeps the bulk paths (loading and replacing 50,000 tenants), which run in
// better-sqlite3's synchronous transactions with prepared statements.

export interface SqliteStorageOptions {
  /** File path, or ":memory:". */
  file: string;
  migrationsDir: string;
}

export function openSqliteStorage(options: SqliteStorageOptions): Storage {
  const onDisk = options.file !== ":memory:";
  if (onDisk) {
    // The directory 0700 and the file 0600 before SQLite opens it: SQLite gives the -wal and -shm
    // files it creates the database file's mode.
    ensurePrivateDirectory(path.dirname(path.resolve(options.file)));
    touchPrivateFile(options.file);
  }
  const client = new Database(options.file);
  client.pragma("journal_mode = WAL");
  client.pragma("synchronous = NORMAL");
  client.pragma("busy_timeout = 5000");
  const db = drizzle(client);
  migrate(db, { migrationsFolder: options.migrationsDir });
  // Companions left by an older version (or another tool) keep their mode until tightened here.
  if (onDisk) for (const suffix of ["", "-wal", "-shm"]) restrictFile(`${options.file}${suffix}`);

  const t = schema;
  const currentMeta = db
    .select()
    .from(t.snapshots)
    .orderBy(desc(t.snapshots.id))
    .limit(1)
    .prepare();
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
  const leaseHolder = client.prepare("SELECT holder FROM leases WHERE name = ?");
  const insertChange = client.prepare(
    `INSERT INTO tenant_changes (snapshot_id, tenant_id, tenant_name, kind, before, after, detected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  const load = client.transaction(() => {
    const row = currentMeta.get();
    if (!row) return null;
    // Row by row: 50,000 JSON strings never sit in memory at once (lower peak RSS than .all()).
    const tenants: Tenant[] = [];
    for (const data of allTenantData.iterate() as IterableIterator<string>) {
      tenants.push(parseTenant(data));
    }
    return { meta: snapshotRowToMeta(row), tenants };
  });

  // Transactions that await (QueryDb.transaction) and the snapshot replacement take turns.
  const serial = serialQueue();
  const queryDb: QueryDb = {
    ...sqliteQueryDb(db, schema),
    transaction: sqliteTransactions(client, serial, () => sqliteQueryDb(db, schema)),
  };

  const storage: Storage = {
    dialect: "sqlite",
    ...sharedQueries(queryDb),

    async loadCurrentSnapshot() {
      return load();
    },

    async replaceSnapshot(input) {
      const takenAt = input.takenAt ? toMs(input.takenAt) : Date.now();
      const replace = client.transaction(() => {
        if (input.lease) {
          const held = leaseHolder.get(input.lease.name) as { holder: string } | undefined;
          if (held?.holder !== input.lease.holder)
            throw leaseLostError(input.lease, held?.holder ?? null);
        }
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
        return { snapshot: snapshotRowToMeta(inserted), changes: plan.changes.length, first };
      });
      return serial(async () => replace.immediate());
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

/** Runs the functions given to it one after another (each starts when the previous settles). */
function serialQueue(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const result = tail.then(fn, fn);
    tail = result.catch(() => {});
    return result;
  };
}

/**
 * QueryDb.transaction on SQLite: BEGIN IMMEDIATE … COMMIT on the one connection, one at a time in
 * this process (`serial`, which the snapshot replacement shares), so two async writers never share
 * a transaction. `fn` awaits only better-sqlite3 queries, which run synchronously.
 */
function sqliteTransactions(
  client: Database.Database,
  serial: ReturnType<typeof serialQueue>,
  makeTx: () => QueryDb,
): NonNullable<QueryDb["transaction"]> {
  return <T>(fn: (tx: QueryDb) => Promise<T>) =>
    serial(async (): Promise<T> => {
      client.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(makeTx());
        client.exec("COMMIT");
        return result;
      } catch (error) {
        if (client.inTransaction) client.exec("ROLLBACK");
        throw error;
      }
    });
}
