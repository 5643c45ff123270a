import "server-only";
import { desc } from "drizzle-orm";
import { toIso } from "../rows";
import type { SnapshotMeta, Storage } from "../types";
import type { QueryDb, RowOf } from "./db";

// Snapshot metadata. Loading and replacing a snapshot's tenants are bulk paths and stay in
// sqlite.ts and postgres.ts; they convert the snapshot rows they read and write with
// snapshotRowToMeta.

export const snapshotRowToMeta = (row: RowOf<"snapshots">): SnapshotMeta => ({
  id: row.id,
  takenAt: toIso(row.takenAt),
  tenantCount: row.tenantCount,
  changeCount: row.changeCount,
  syncRunId: row.syncRunId,
});

export async function currentSnapshotMeta({ db, t }: QueryDb): Promise<SnapshotMeta | null> {
  const [row] = await db.select().from(t.snapshots).orderBy(desc(t.snapshots.id)).limit(1);
  return row ? snapshotRowToMeta(row) : null;
}

export const snapshotQueries = (q: QueryDb): Pick<Storage, "getCurrentSnapshotMeta"> => ({
  getCurrentSnapshotMeta: () => currentSnapshotMeta(q),
});
