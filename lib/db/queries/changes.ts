import "server-only";
import { and, desc, eq, gte, inArray, lt, lte, type SQL } from "drizzle-orm";
import type { ChangeKind, TenantChange } from "@/lib/tenants/types";
import { decodeCursor, toIso, toMs } from "../rows";
import type { ChangeQuery, Storage } from "../types";
import type { QueryDb, RowOf, Tables } from "./db";
import { clampLimit, toPage } from "./paging";

// The change feed: read here, written by the snapshot replacement (a bulk path in each dialect).

type ChangeMethods = Pick<Storage, "listChanges" | "listTenantChanges">;

const toChange = (row: RowOf<"tenantChanges">): TenantChange => ({
  id: row.id,
  tenantId: row.tenantId,
  tenantName: row.tenantName,
  kind: row.kind as ChangeKind,
  before: row.before,
  after: row.after,
  detectedAt: toIso(row.detectedAt),
});

function changeWhere(table: Tables["tenantChanges"], query: ChangeQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (query.kinds?.length) conditions.push(inArray(table.kind, [...query.kinds]));
  if (query.tenantId) conditions.push(eq(table.tenantId, query.tenantId));
  if (query.from) conditions.push(gte(table.detectedAt, toMs(query.from)));
  if (query.to) conditions.push(lte(table.detectedAt, toMs(query.to)));
  if (query.cursor) conditions.push(lt(table.id, decodeCursor("chg", query.cursor)));
  return and(...conditions);
}

export function changeQueries({ db, t }: QueryDb): ChangeMethods {
  const changes = t.tenantChanges;
  return {
    async listChanges(query = {}) {
      const limit = clampLimit(query.limit, 100, 500);
      const rows = await db
        .select()
        .from(changes)
        .where(changeWhere(changes, query))
        .orderBy(desc(changes.id))
        .limit(limit + 1);
      return toPage(rows, limit, "chg", toChange);
    },

    async listTenantChanges(tenantId, options = {}) {
      const rows = await db
        .select()
        .from(changes)
        .where(eq(changes.tenantId, tenantId))
        .orderBy(desc(changes.id))
        .limit(clampLimit(options.limit, 100, 1000));
      return rows.map(toChange);
    },
  };
}
