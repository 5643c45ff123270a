import "server-only";
import { and, desc, eq, lt, ne, type SQL } from "drizzle-orm";
import { toIso, toIsoOrNull, toMs } from "../rows";
import type { Storage, SyncMode, SyncRunRecord, SyncTrigger } from "../types";
import type { QueryDb, RowOf } from "./db";
import { clampLimit } from "./paging";

// Sync runs: one row per pass, renewed by heartbeats while it runs.

type SyncRunMethods = Pick<
  Storage,
  | "startSyncRun"
  | "heartbeatSyncRun"
  | "finishSyncRun"
  | "getSyncRun"
  | "listSyncRuns"
  | "getRunningSyncRun"
  | "failInterruptedRuns"
>;

const toRecord = (row: RowOf<"syncRuns">): SyncRunRecord => ({
  id: row.id,
  startedAt: toIso(row.startedAt),
  finishedAt: toIsoOrNull(row.finishedAt),
  outcome: row.outcome as SyncRunRecord["outcome"],
  tenants: row.tenants,
  requests: row.requests,
  retries: row.retries,
  rateLimited: row.rateLimited,
  error: row.error,
  trigger: row.trigger as SyncTrigger,
  mode: row.mode as SyncMode | null,
  instance: row.instance,
  heartbeatAt: toIso(row.heartbeatAt),
  tenantsRead: row.tenantsRead,
  expected: row.expected,
  snapshotId: row.snapshotId,
});

export function syncRunQueries({ db, t }: QueryDb): SyncRunMethods {
  const runs = t.syncRuns;
  return {
    async startSyncRun(input) {
      const now = input.startedAt ? toMs(input.startedAt) : Date.now();
      const [row] = await db
        .insert(runs)
        .values({
          startedAt: now,
          heartbeatAt: now,
          outcome: "running",
          trigger: input.trigger,
          mode: input.mode,
          instance: input.instance,
        })
        .returning();
      return toRecord(row!);
    },

    async heartbeatSyncRun(id, progress) {
      await db
        .update(runs)
        .set({
          heartbeatAt: Date.now(),
          tenantsRead: progress.tenantsRead,
          expected: progress.expected,
          ...(progress.requests === undefined ? {} : { requests: progress.requests }),
          ...(progress.retries === undefined ? {} : { retries: progress.retries }),
          ...(progress.rateLimited === undefined ? {} : { rateLimited: progress.rateLimited }),
        })
        .where(and(eq(runs.id, id), eq(runs.outcome, "running")));
    },

    async finishSyncRun(id, result) {
      const finishedAt = result.finishedAt ? toMs(result.finishedAt) : Date.now();
      const [row] = await db
        .update(runs)
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
        .where(eq(runs.id, id))
        .returning();
      return row ? toRecord(row) : null;
    },

    async getSyncRun(id) {
      const [row] = await db.select().from(runs).where(eq(runs.id, id));
      return row ? toRecord(row) : null;
    },

    async listSyncRuns(options = {}) {
      const rows = await db
        .select()
        .from(runs)
        .orderBy(desc(runs.id))
        .limit(clampLimit(options.limit, 20, 200));
      return rows.map(toRecord);
    },

    async getRunningSyncRun() {
      const [row] = await db
        .select()
        .from(runs)
        .where(eq(runs.outcome, "running"))
        .orderBy(desc(runs.id))
        .limit(1);
      return row ? toRecord(row) : null;
    },

    async failInterruptedRuns({ error, heartbeatBefore, exceptId }) {
      const conditions: SQL[] = [eq(runs.outcome, "running")];
      if (heartbeatBefore) conditions.push(lt(runs.heartbeatAt, toMs(heartbeatBefore)));
      if (exceptId !== undefined) conditions.push(ne(runs.id, exceptId));
      const marked = await db
        .update(runs)
        .set({ outcome: "failed", finishedAt: Date.now(), error })
        .where(and(...conditions))
        .returning({ id: runs.id });
      return marked.length;
    },
  };
}
