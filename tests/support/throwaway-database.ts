// A PostgreSQL database of its own on the test server (TEST_DATABASE_URL's), for tests that run app
// processes against it or end every connection to it: `atlas_<purpose>_<random>`, dropped after.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The test server, as tests/db/support/databases.ts names it (no app module imported here). */
export const TEST_PG_URL =
  process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

export interface ThrowawayDatabase {
  name: string;
  /** TEST_DATABASE_URL with this database. */
  url: string;
  /**
   * A restart as the app sees it: every connection to the database is ended and new ones are
   * refused for `downMs`, then accepted again.
   */
  restart(downMs: number): Promise<void>;
  /** Ends every connection and drops the database. */
  drop(): Promise<void>;
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function createThrowawayDatabase(purpose: string): Promise<ThrowawayDatabase> {
  const name = `atlas_${purpose}_${randomBytes(5).toString("hex")}`;
  await onServer((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const endConnections = (c: pg.Client) =>
    c.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [name],
    );
  return {
    name,
    url: url.toString(),
    async restart(downMs) {
      await onServer(async (c) => {
        await c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
        try {
          await endConnections(c);
          await new Promise((r) => setTimeout(r, downMs));
        } finally {
          await c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
        }
      });
    },
    async drop() {
      await onServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
