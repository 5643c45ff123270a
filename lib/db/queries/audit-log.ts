import "server-only";
import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import { decodeCursor, toIso, toMs } from "../rows";
import type { AuditEntry, AuditQuery, Storage } from "../types";
import type { QueryDb, RowOf, Tables } from "./db";
import { clampLimit, toPage } from "./paging";

// The audit log: who did what, when. `details` is stored as JSON text.

type AuditMethods = Pick<Storage, "recordAudit" | "listAudit">;

function toEntry(row: RowOf<"auditLog">): AuditEntry {
  let details: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.details);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      details = parsed as Record<string, unknown>;
  } catch {
    // A row written by hand; show it without details rather than failing the whole list.
  }
  return { id: row.id, at: toIso(row.at), actor: row.actor, action: row.action, details };
}

function auditWhere(table: Tables["auditLog"], query: AuditQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (query.action) conditions.push(eq(table.action, query.action));
  if (query.actor) conditions.push(eq(table.actor, query.actor));
  if (query.from) conditions.push(gte(table.at, toMs(query.from)));
  if (query.to) conditions.push(lte(table.at, toMs(query.to)));
  if (query.cursor) conditions.push(lt(table.id, decodeCursor("aud", query.cursor)));
  return and(...conditions);
}

export function auditQueries({ db, t }: QueryDb): AuditMethods {
  const log = t.auditLog;
  return {
    async recordAudit(entry) {
      const [row] = await db
        .insert(log)
        .values({
          at: entry.at ? toMs(entry.at) : Date.now(),
          actor: entry.actor,
          action: entry.action,
          details: JSON.stringify(entry.details ?? {}),
        })
        .returning();
      return toEntry(row!);
    },

    async listAudit(query = {}) {
      const limit = clampLimit(query.limit, 100, 500);
      const rows = await db
        .select()
        .from(log)
        .where(auditWhere(log, query))
        .orderBy(desc(log.id))
        .limit(limit + 1);
      return toPage(rows, limit, "aud", toEntry);
    },
  };
}
