import "server-only";
import path from "node:path";
import { dropGlobalSingleton, globalSingleton } from "@/lib/runtime/global-singleton";
import type { Storage } from "./types";

// The one entry point to the database. `getStorage()` opens it from DATABASE_URL once per process
// (cached on globalThis, so Next.js dev reloads share it) and applies the schema migrations before
// anyone uses it: SQLite for `file:<path>` (the directory is created), PostgreSQL for
// `postgres://` / `postgresql://`.

export type * from "./types";
export { InvalidCursorError } from "./rows";

export interface OpenStorageOptions {
  /** DATABASE_URL: `file:<path>`, `file::memory:`, `postgres://…` or `postgresql://…`. */
  url: string;
  /** PostgreSQL only: keep tables and the migrations journal in this schema (tests use a fresh one). */
  pgSchema?: string;
  /** Folder holding `sqlite/` and `postgres/` migrations; default lib/db/migrations under the cwd. */
  migrationsRoot?: string;
  /** Told about PostgreSQL connections lost while idle (the pool reconnects by itself). */
  onPoolError?: (error: Error) => void;
}

export class StorageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StorageConfigError";
  }
}

export function storageDialect(url: string): "sqlite" | "postgres" {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (/^file:.+/.test(url)) return "sqlite";
  throw new StorageConfigError(
    "DATABASE_URL must be file:<path> for SQLite or postgres://user@host:5432/db for PostgreSQL",
  );
}

export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  const root = options.migrationsRoot ?? path.join(process.cwd(), "lib", "db", "migrations");
  if (storageDialect(options.url) === "postgres") {
    const { openPostgresStorage } = await import("./postgres");
    return openPostgresStorage({
      url: options.url,
      schema: options.pgSchema,
      migrationsDir: path.join(root, "postgres"),
      onPoolError: options.onPoolError,
    });
  }
  const file = options.url.slice("file:".length);
  const { openSqliteStorage } = await import("./sqlite");
  return openSqliteStorage({
    file: file === ":memory:" ? ":memory:" : path.resolve(file),
    migrationsDir: path.join(root, "sqlite"),
  });
}

const KEY = "storage";

/** The app's storage, opened (and migrated) on first use. A failed open is retried on the next call. */
export function getStorage(): Promise<Storage> {
  return globalSingleton(KEY, () => {
    const opening = (async () => {
      const [{ getEnv }, { log }] = await Promise.all([
        import("@/lib/config/env"),
        import("@/lib/log"),
      ]);
      const logger = log("db");
      const url = getEnv().DATABASE_URL;
      const storage = await openStorage({
        url,
        onPoolError: (error) => logger.warn({ err: error }, "database connection lost while idle"),
      });
      logger.info({ dialect: storage.dialect }, "database ready");
      return storage;
    })();
    opening.catch(() => dropGlobalSingleton(KEY, opening));
    return opening;
  });
}

/** Tests: use `storage` as the app's storage (or forget it with null). */
export function setStorageForTests(storage: Storage | null): void {
  dropGlobalSingleton(KEY);
  if (storage) globalSingleton(KEY, () => Promise.resolve(storage));
}
