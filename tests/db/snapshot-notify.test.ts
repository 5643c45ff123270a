// Instances on one database learning about each other's snapshots: PostgreSQL notifies listeners
// when a replacement commits (only then, and only for the same schema), the listener comes back
// after its connection is ended, and on both dialects a writer that lost the sync lease cannot
// install a snapshot.
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresStorage } from "@/lib/db/postgres";
import type { SnapshotWatch, Storage } from "@/lib/db/storage";
import {
  postgresDatabase,
  postgresUnavailableReason,
  sqliteDatabase,
  TEST_PG_URL,
  type TestDatabase,
} from "./support/databases";
import { makeTenants } from "./support/tenants";

const pgSkipReason = await postgresUnavailableReason();
if (pgSkipReason) console.warn(pgSkipReason);

const MIGRATIONS = path.resolve(__dirname, "../../lib/db/migrations/postgres");

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

// LISTEN/NOTIFY exists only on PostgreSQL: skipped (reason printed above) when no server answers.
describe.skipIf(pgSkipReason !== null)("snapshot notifications on PostgreSQL", () => {
  const tag = randomBytes(4).toString("hex");
  const schemas = [`atlas_notify_${tag}_a`, `atlas_notify_${tag}_b`];
  const appName = `atlas-notify-test-${tag}`;
  const opened: Storage[] = [];
  const watches: SnapshotWatch[] = [];
  let admin: pg.Client;
  const open = async (schema: string) => {
    const s = await openPostgresStorage({
      url: TEST_PG_URL,
      schema,
      migrationsDir: MIGRATIONS,
      applicationName: appName,
    });
    opened.push(s);
    return s;
  };
  const watch = (storage: Storage) => {
    const seen: number[] = [];
    const states: boolean[] = [];
    const w = storage.watchSnapshots!({
      onInstalled: (id) => seen.push(id),
      onListening: (listening) => states.push(listening),
    });
    watches.push(w);
    return { seen, states, watch: w };
  };

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
  });
  afterAll(async () => {
    for (const w of watches) await w.close();
    for (const s of opened) await s.close();
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it("tells the other instances of the same schema when a snapshot is committed, only then", async () => {
    const writer = await open(schemas[0]!);
    const sameSchema = watch(await open(schemas[0]!));
    const otherSchema = watch(await open(schemas[1]!));
    await until(() => sameSchema.states.includes(true) && otherSchema.states.includes(true));

    const { snapshot } = await writer.replaceSnapshot({ tenants: makeTenants(20) });
    await until(() => sameSchema.seen.length === 1);
    expect(sameSchema.seen).toEqual([snapshot.id]);

    // A replacement that fails (the same tenant twice) rolls back: no notification.
    const twice = makeTenants(3);
    await expect(writer.replaceSnapshot({ tenants: [...twice, twice[0]!] })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 200));
    expect(sameSchema.seen).toEqual([snapshot.id]);
    expect(otherSchema.seen).toEqual([]);
  });

  it("listens again after its connection is ended (a restarting server), and says so", async () => {
    const writer = await open(schemas[0]!);
    const reader = watch(await open(schemas[0]!));
    await until(() => reader.states.includes(true));

    const ended = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = $1 AND query LIKE 'LISTEN%'`,
      [`${appName} listener`],
    );
    expect(ended.rowCount).toBeGreaterThan(0);
    await until(() => reader.states.join() === "true,false,true");

    const { snapshot } = await writer.replaceSnapshot({ tenants: makeTenants(21) });
    await until(() => reader.seen.includes(snapshot.id));
  });
});

const databases: { db: TestDatabase; skip: boolean }[] = [
  { db: sqliteDatabase(), skip: false },
  { db: postgresDatabase(), skip: pgSkipReason !== null },
];

for (const { db, skip } of databases) {
  describe.skipIf(skip)(`snapshot fencing on ${db.name}`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await db.open();
    });
    afterAll(async () => {
      await db.cleanup();
    });

    it("installs a snapshot only while its writer holds the lease", async () => {
      const lease = { name: "sync", holder: "host-a:1:a" };
      expect(await storage.acquireLease("sync", lease.holder, 60_000)).toBe(true);
      const first = await storage.replaceSnapshot({ tenants: makeTenants(5), lease });

      // Another instance took the lease over (this one stalled past its lifetime).
      await storage.releaseLease("sync", lease.holder);
      expect(await storage.acquireLease("sync", "host-b:2:b", 60_000)).toBe(true);
      const late = storage.replaceSnapshot({ tenants: makeTenants(6), lease });
      await expect(late).rejects.toMatchObject({ name: "LeaseLostError" });

      // Nobody holds it: still not this writer's.
      await storage.releaseLease("sync", "host-b:2:b");
      await expect(
        storage.replaceSnapshot({ tenants: makeTenants(6), lease }),
      ).rejects.toMatchObject({ name: "LeaseLostError" });
      expect((await storage.getCurrentSnapshotMeta())?.id).toBe(first.snapshot.id);
      expect((await storage.loadCurrentSnapshot())?.tenants).toHaveLength(5);
    });
  });
}
