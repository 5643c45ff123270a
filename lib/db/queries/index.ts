import "server-only";
import type { Storage } from "../types";
import { alertQueries } from "./alerts";
import { annotationQueries } from "./annotations";
import { auditQueries } from "./audit-log";
import { changeQueries } from "./changes";
import type { QueryDb } from "./db";
import { leaseQueries } from "./leases";
import { limiterQueries } from "./limiters";
import { sessionRevocationQueries } from "./session-revocations";
import { shareQueries } from "./shares";
import { snapshotQueries } from "./snapshots";
import { syncRunQueries } from "./sync-runs";

// The storage methods both dialects share, written once with Drizzle's query builder: one module
// per table (or capability), each `await`ing its queries. sqlite.ts and postgres.ts spread
// sharedQueries() into their Storage and keep only what differs: opening, migrations, the bulk
// snapshot load/replace and their transactions, ping and close.
//
// Adding a table (./shares.ts is a recent example):
//   1. declare it in lib/db/schema/sqlite.ts and lib/db/schema/postgres.ts alike (./db.ts's
//      SchemaParity and tests/db/schema-parity.test.ts fail otherwise), then generate both
//      migrations with `npm run db:generate`;
//   2. add its record types and Storage methods to ../types.ts;
//   3. write those methods in a new module here, shaped like ./leases.ts (a function of QueryDb
//      returning Pick<Storage, …>), and spread it in sharedQueries below.
// Use only builder methods both dialects have (select/insert/update/delete, returning,
// onConflictDoUpdate…): the types are PostgreSQL's, and tests/db runs every method on both.

export type { QueryDb } from "./db";
export { sqliteQueryDb } from "./db";

/** The Storage methods that are not dialect-specific. */
export type SharedQueries = Omit<
  Storage,
  "dialect" | "loadCurrentSnapshot" | "replaceSnapshot" | "watchSnapshots" | "ping" | "close"
>;

export function sharedQueries(q: QueryDb): SharedQueries {
  return {
    ...snapshotQueries(q),
    ...syncRunQueries(q),
    ...changeQueries(q),
    ...leaseQueries(q),
    ...auditQueries(q),
    ...shareQueries(q),
    ...sessionRevocationQueries(q),
    ...limiterQueries(q),
    ...alertQueries(q),
    ...annotationQueries(q),
  };
}
