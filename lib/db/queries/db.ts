import "server-only";
import type { InferInsertModel, InferSelectModel } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type * as pgTables from "../schema/postgres";
import type * as sqliteTables from "../schema/sqlite";

// A database as the shared queries see it: a Drizzle database and its tables, typed as Drizzle's
// PostgreSQL flavour. Its builders can only be awaited, so SQLite-only `.get()/.all()/.run()`
// cannot slip into shared code. sqlite.ts hands its database over through sqliteQueryDb(), which is
// sound because Drizzle's better-sqlite3 builders are awaitable too (they run synchronously and
// resolve with the same rows) and the two schemas declare the same tables with the same row types:
// SchemaParity below stops the build when they drift apart.

export type Tables = typeof pgTables;
type SqliteTables = typeof sqliteTables;
export type TableName = keyof Tables;
/** A row of `table` as Drizzle reads it (identical in both dialects). */
export type RowOf<K extends TableName> = InferSelectModel<Tables[K]>;

export interface QueryDb {
  db: NodePgDatabase;
  t: Tables;
  /**
   * Runs `fn` in one transaction of this database: committed when it resolves, rolled back when it
   * throws. Writers that pass the same `lock` name run one at a time (PostgreSQL: an advisory
   * transaction lock across instances; SQLite: BEGIN IMMEDIATE, one writer anyway). `fn` must await
   * only queries on the QueryDb it is given (no network, no timers): on SQLite the transaction is
   * the connection's, so it must finish before other work gets the connection. Present on the
   * storage's own QueryDb (sqlite.ts, postgres.ts), not on the one `fn` receives (no nesting).
   */
  transaction?: <T>(fn: (tx: QueryDb) => Promise<T>, options?: { lock?: string }) => Promise<T>;
}

export function sqliteQueryDb(db: BetterSQLite3Database, tables: SqliteTables): QueryDb {
  return { db: db as unknown as NodePgDatabase, t: tables as unknown as Tables };
}

type Same<A, B> =
  (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type AllTrue<T extends Record<string, true>> = T;

/** Every table is in both schemas, with the same row types for reading and inserting. */
export type SchemaParity = AllTrue<{
  [K in TableName | keyof SqliteTables]: K extends TableName & keyof SqliteTables
    ? Same<
        [InferSelectModel<Tables[K]>, InferInsertModel<Tables[K]>],
        [InferSelectModel<SqliteTables[K]>, InferInsertModel<SqliteTables[K]>]
      >
    : false;
}>;
