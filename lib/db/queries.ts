import "server-only";
import { and, eq, gte, inArray, lt, lte, type Column, type SQL } from "drizzle-orm";
import type { ChangeKind, TenantChange } from "@/lib/tenants/types";
import { decodeCursor, toIso, toIsoOrNull, toMs } from "./rows";
import type {
  AuditEntry,
  AuditQuery,
  ChangeQuery,
  SyncMode,
  SyncRunRecord,
  SyncTrigger,
} from "./types";

// Query pieces both dialects share: Drizzle's operators work on either dialect's columns, so the
// filters of the change feed and the audit log are written once; row → domain conversions too.

export function clampLimit(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(1, Math.trunc(value)));
}

interface ChangeColumns {
  id: Column;
  kind: Column;
  tenantId: Column;
  detectedAt: Column;
}

export function changeWhere(table: ChangeColumns, query: ChangeQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (query.kinds?.length) conditions.push(inArray(table.kind, [...query.kinds]));
  if (query.tenantId) conditions.push(eq(table.tenantId, query.tenantId));
  if (query.from) conditions.push(gte(table.detectedAt, toMs(query.from)));
  if (query.to) conditions.push(lte(table.detectedAt, toMs(query.to)));
  if (query.cursor) conditions.push(lt(table.id, decodeCursor("chg", query.cursor)));
  return and(...conditions);
}

interface AuditColumns {
  id: Column;
  action: Column;
  actor: Column;
  at: Column;
}

export function auditWhere(table: AuditColumns, query: AuditQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (query.action) conditions.push(eq(table.action, query.action));
  if (query.actor) conditions.push(eq(table.actor, query.actor));
  if (query.from) conditions.push(gte(table.at, toMs(query.from)));
  if (query.to) conditions.push(lte(table.at, toMs(query.to)));
  if (query.cursor) conditions.push(lt(table.id, decodeCursor("aud", query.cursor)));
  return and(...conditions);
}

export interface ChangeRow {
  id: number;
  tenantId: string;
  tenantName: string;
  kind: string;
  before: string | null;
  after: string | null;
  detectedAt: number;
}

export const changeRowToChange = (row: ChangeRow): TenantChange => ({
  id: row.id,
  tenantId: row.tenantId,
  tenantName: row.tenantName,
  kind: row.kind as ChangeKind,
  before: row.before,
  after: row.after,
  detectedAt: toIso(row.detectedAt),
});

export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  details: string;
}

export function auditRowToEntry(row: AuditRow): AuditEntry {
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

export interface RunRow {
  id: number;
  startedAt: number;
  finishedAt: number | null;
  heartbeatAt: number;
  outcome: string;
  trigger: string;
  mode: string | null;
  instance: string;
  tenants: number | null;
  tenantsRead: number;
  expected: number | null;
  requests: number;
  retries: number;
  rateLimited: number;
  error: string | null;
  snapshotId: number | null;
}

export const runRowToRecord = (row: RunRow): SyncRunRecord => ({
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
