// The databases the storage tests run against: a SQLite file in a temp directory, and PostgreSQL
// at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) in a schema of its own
// that is dropped afterwards. When no PostgreSQL answers, its tests are skipped with a warning.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStorage, type Storage } from "@/lib/db/storage";

export const TEST_PG_URL =
  process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

/** Null when PostgreSQL is reachable, else why not (printed once by the caller). */
export async function postgresUnavailableReason(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    const redacted = TEST_PG_URL.replace(/\/\/[^@/]*@/, "//…@");
    return `PostgreSQL storage tests skipped: no server at ${redacted} (${(error as Error).message}). Start it with \`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\` or set TEST_DATABASE_URL.`;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface TestDatabase {
  name: "sqlite" | "postgres";
  /** A fresh, migrated, empty storage. */
  open(): Promise<Storage>;
  /** A second connection to the same database (another app instance). */
  openAgain(): Promise<Storage>;
  /** Closes what open() returned and removes the database. */
  cleanup(): Promise<void>;
}

export function sqliteDatabase(): TestDatabase {
  let dir: string | undefined;
  const opened: Storage[] = [];
  const url = () => `file:${path.join(dir!, "atlas.db")}`;
  return {
    name: "sqlite",
    async open() {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-db-"));
      const s = await openStorage({ url: url() });
      opened.push(s);
      return s;
    },
    async openAgain() {
      const s = await openStorage({ url: url() });
      opened.push(s);
      return s;
    },
    async cleanup() {
      for (const s of opened.splice(0)) await s.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}

export function postgresDatabase(): TestDatabase {
  let schema: string | undefined;
  const opened: Storage[] = [];
  return {
    name: "postgres",
    async open() {
      schema = `atlas_test_${randomBytes(6).toString("hex")}`;
      const s = await openStorage({ url: TEST_PG_URL, pgSchema: schema });
      opened.push(s);
      return s;
    },
    async openAgain() {
      const s = await openStorage({ url: TEST_PG_URL, pgSchema: schema });
      opened.push(s);
      return s;
    },
    async cleanup() {
      for (const s of opened.splice(0)) await s.close();
      if (!schema) return;
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
      schema = undefined;
    },
  };
}

/**
 * The databases a storage test runs on: SQLite always, PostgreSQL when one answers (`skip` is set,
 * and the reason printed once, when none does — never otherwise).
 */
export async function testDatabases(): Promise<{ db: TestDatabase; skip: boolean }[]> {
  const reason = await postgresUnavailableReason();
  if (reason) console.warn(reason);
  return [
    { db: sqliteDatabase(), skip: false },
    { db: postgresDatabase(), skip: reason !== null },
  ];
}
