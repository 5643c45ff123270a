import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { toIso, toIsoOrNull, toMs } from "../rows";
import type { ShareAccess, ShareRecord, Storage } from "../types";
import type { QueryDb, RowOf } from "./db";

// Read-only share links. Counters move with single `SET n = n + 1` updates, so two instances
// recording an opening at the same moment both count.

type ShareMethods = Pick<
  Storage,
  | "createShare"
  | "getShare"
  | "getShareByTokenHash"
  | "listShares"
  | "updateShare"
  | "revokeShare"
  | "recordShareOpen"
  | "recordShareExport"
>;

function parseColumns(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === "string") : [];
  } catch {
    return []; // a row written by hand: the link then shows only id and name
  }
}

const toRecord = (row: RowOf<"shares">): ShareRecord => ({
  id: row.id,
  tokenHash: row.tokenHash,
  name: row.name,
  view: row.view,
  columns: parseColumns(row.columns),
  access: row.access as ShareAccess,
  allowExport: row.allowExport,
  createdBy: row.createdBy,
  createdByName: row.createdByName,
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
  expiresAt: toIsoOrNull(row.expiresAt),
  revokedAt: toIsoOrNull(row.revokedAt),
  lastOpenedAt: toIsoOrNull(row.lastOpenedAt),
  opens: row.opens,
  exports: row.exports,
});

export function shareQueries({ db, t }: QueryDb): ShareMethods {
  const shares = t.shares;
  const one = async (id: string) => {
    const [row] = await db.select().from(shares).where(eq(shares.id, id));
    return row ? toRecord(row) : null;
  };
  return {
    async createShare(input) {
      const now = input.createdAt ? toMs(input.createdAt) : Date.now();
      const [row] = await db
        .insert(shares)
        .values({
          id: input.id,
          tokenHash: input.tokenHash,
          name: input.name,
          view: input.view,
          columns: JSON.stringify(input.columns),
          access: input.access,
          allowExport: input.allowExport,
          createdBy: input.createdBy,
          createdByName: input.createdByName,
          createdAt: now,
          updatedAt: now,
          expiresAt: input.expiresAt === null ? null : toMs(input.expiresAt),
        })
        .returning();
      return toRecord(row!);
    },

    getShare: one,

    async getShareByTokenHash(tokenHash) {
      const [row] = await db.select().from(shares).where(eq(shares.tokenHash, tokenHash));
      return row ? toRecord(row) : null;
    },

    async listShares(query = {}) {
      const rows = await db
        .select()
        .from(shares)
        .where(query.createdBy ? eq(shares.createdBy, query.createdBy) : undefined)
        .orderBy(desc(shares.createdAt), desc(shares.id));
      return rows.map(toRecord);
    },

    async updateShare(id, patch) {
      const set: Partial<RowOf<"shares">> = {
        updatedAt: patch.updatedAt ? toMs(patch.updatedAt) : Date.now(),
      };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.allowExport !== undefined) set.allowExport = patch.allowExport;
      if (patch.expiresAt !== undefined)
        set.expiresAt = patch.expiresAt === null ? null : toMs(patch.expiresAt);
      const [row] = await db.update(shares).set(set).where(eq(shares.id, id)).returning();
      return row ? toRecord(row) : null;
    },

    async revokeShare(id, at) {
      const when = at ? toMs(at) : Date.now();
      await db
        .update(shares)
        .set({ revokedAt: when, updatedAt: when })
        .where(and(eq(shares.id, id), isNull(shares.revokedAt)));
      return one(id);
    },

    async recordShareOpen(id, at) {
      await db
        .update(shares)
        .set({ opens: sql`${shares.opens} + 1`, lastOpenedAt: at ? toMs(at) : Date.now() })
        .where(eq(shares.id, id));
    },

    async recordShareExport(id) {
      await db
        .update(shares)
        .set({ exports: sql`${shares.exports} + 1` })
        .where(eq(shares.id, id));
    },
  };
}
