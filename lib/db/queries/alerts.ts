import "server-only";
import {
  and,
  asc,
  desc,
  eq,
  inArray,
  isNotNull,
  lt,
  lte,
  min,
  or,
  type InferInsertModel,
  type SQL,
} from "drizzle-orm";
import type {
  AlertTrigger,
  DeliveryAttemptJson,
  DeliveryKind,
  DeliveryStatus,
} from "@/lib/alerts/types";
import type { ChannelType } from "@/lib/alerts/types";
import { chunks, decodeCursor, toIso, toIsoOrNull, toMs } from "../rows";
import type {
  AlertChannelConfig,
  AlertDeliveryRecord,
  AlertNotificationKey,
  AlertRuleRecord,
  NewAlertDelivery,
  Storage,
} from "../types";
import type { QueryDb, RowOf, Tables } from "./db";
import { clampLimit, toPage } from "./paging";

// Alert rules, what each has announced (the dedupe), and the outbox of deliveries with their log.
// Only the instance holding the "alerts" lease sends (lib/alerts/worker.ts), so a delivery's row is
// written by one writer at a time; notifications are recorded in one transaction with the
// deliveries they cause, so a match is either announced and enqueued, or neither.

type AlertMethods = Pick<
  Storage,
  | "createAlertRule"
  | "getAlertRule"
  | "listAlertRules"
  | "updateAlertRule"
  | "deleteAlertRule"
  | "recordAlertNotifications"
  | "enqueueAlertDeliveries"
  | "listDueAlertDeliveries"
  | "nextAlertDeliveryDue"
  | "getAlertDelivery"
  | "recordAlertDeliveryAttempt"
  | "listAlertDeliveries"
  | "purgeAlertDeliveries"
>;

/** Lock name of the transactions writing notifications (one evaluation at a time). */
const ALERTS_LOCK = "alerts";
/** Rows per INSERT and keys per IN (…), well under either database's parameter limit (32,766). */
const NOTIFICATION_ROWS = 1_000;
const DELIVERY_ROWS = 200;
const KEYS = 1_000;

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback; // a row edited by hand
  }
}

const toRule = (row: RowOf<"alertRules">): AlertRuleRecord => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  trigger: parseJson<AlertTrigger>(row.trigger, { kind: "tenantAdded" }),
  channels: parseJson<AlertChannelConfig[]>(row.channels, []),
  digest: row.digest,
  enabled: row.enabled,
  createdBy: row.createdBy,
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});

const toDelivery = (row: RowOf<"alertDeliveries">): AlertDeliveryRecord => ({
  id: row.id,
  ruleId: row.ruleId,
  ruleName: row.ruleName,
  channelIndex: row.channelIndex,
  channelId: row.channelId,
  channelType: row.channelType as ChannelType,
  channelLabel: row.channelLabel,
  kind: row.kind as DeliveryKind,
  summary: row.summary,
  eventCount: row.eventCount,
  payload: row.payload,
  status: row.status as DeliveryStatus,
  attempts: row.attempts,
  nextAttemptAt: toIsoOrNull(row.nextAttemptAt),
  lastError: row.lastError,
  sentAt: toIsoOrNull(row.sentAt),
  createdAt: toIso(row.createdAt),
  attemptLog: parseJson<DeliveryAttemptJson[]>(row.attemptLog, []),
});

function deliveryRow(
  input: NewAlertDelivery,
  now: number,
): InferInsertModel<Tables["alertDeliveries"]> {
  return {
    ruleId: input.ruleId,
    ruleName: input.ruleName,
    channelIndex: input.channelIndex,
    channelId: input.channelId,
    channelType: input.channelType,
    channelLabel: input.channelLabel,
    kind: input.kind,
    summary: input.summary,
    eventCount: input.eventCount,
    payload: input.payload,
    status: "pending",
    attempts: 0,
    nextAttemptAt:
      input.nextAttemptAt === null
        ? null
        : input.nextAttemptAt === undefined
          ? now
          : toMs(input.nextAttemptAt),
    lastError: null,
    sentAt: null,
    createdAt: input.createdAt ? toMs(input.createdAt) : now,
    attemptLog: "[]",
  };
}

async function insertDeliveries(
  { db, t }: QueryDb,
  input: readonly NewAlertDelivery[],
  now: number,
): Promise<AlertDeliveryRecord[]> {
  const out: AlertDeliveryRecord[] = [];
  for (const part of chunks(input, DELIVERY_ROWS)) {
    if (part.length === 0) continue;
    const rows = await db
      .insert(t.alertDeliveries)
      .values(part.map((d) => deliveryRow(d, now)))
      .returning();
    out.push(...rows.map(toDelivery));
  }
  return out;
}

const keyOf = (k: AlertNotificationKey) => `${k.tenantId}\n${k.eventKey}`;

/** The candidates `ruleId` has not announced yet, and records them (inside a transaction). */
async function freshNotifications(
  { db, t }: QueryDb,
  ruleId: string,
  candidates: readonly AlertNotificationKey[],
  snapshotId: number | null,
  at: number,
): Promise<AlertNotificationKey[]> {
  const n = t.alertNotifications;
  const unique = new Map<string, AlertNotificationKey>();
  for (const c of candidates) unique.set(keyOf(c), c);
  // What was announced before: looked up by event key (few distinct values: dates, change ids).
  const announced = new Set<string>();
  const eventKeys = [...new Set([...unique.values()].map((c) => c.eventKey))];
  for (const part of chunks(eventKeys, KEYS)) {
    const rows = await db
      .select({ tenantId: n.tenantId, eventKey: n.eventKey })
      .from(n)
      .where(and(eq(n.ruleId, ruleId), inArray(n.eventKey, part)));
    for (const row of rows) announced.add(keyOf(row));
  }
  const todo = [...unique.entries()].filter(([key]) => !announced.has(key)).map(([, c]) => c);
  const fresh: AlertNotificationKey[] = [];
  for (const part of chunks(todo, NOTIFICATION_ROWS)) {
    if (part.length === 0) continue;
    const rows = await db
      .insert(n)
      .values(
        part.map((c) => ({
          ruleId,
          tenantId: c.tenantId,
          eventKey: c.eventKey,
          snapshotId,
          createdAt: at,
        })),
      )
      .onConflictDoNothing()
      .returning({ tenantId: n.tenantId, eventKey: n.eventKey });
    fresh.push(...rows);
  }
  // In the candidates' order (RETURNING's order is not promised).
  const inserted = new Set(fresh.map(keyOf));
  return todo.filter((c) => inserted.has(keyOf(c)));
}

function deliveryWhere(
  table: Tables["alertDeliveries"],
  query: { ruleId?: string | null; status?: DeliveryStatus | null; cursor?: string | null },
): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (query.ruleId) conditions.push(eq(table.ruleId, query.ruleId));
  if (query.status) conditions.push(eq(table.status, query.status));
  if (query.cursor) conditions.push(lt(table.id, decodeCursor("dlv", query.cursor)));
  return and(...conditions);
}

export function alertQueries(q: QueryDb): AlertMethods {
  const { db, t } = q;
  const rules = t.alertRules;
  const deliveries = t.alertDeliveries;
  const oneRule = async (id: string) => {
    const [row] = await db.select().from(rules).where(eq(rules.id, id));
    return row ? toRule(row) : null;
  };
  const oneDelivery = async (id: number) => {
    const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id));
    return row ? toDelivery(row) : null;
  };
  const inTransaction = <T>(fn: (tx: QueryDb) => Promise<T>): Promise<T> =>
    q.transaction ? q.transaction(fn, { lock: ALERTS_LOCK }) : fn(q);

  return {
    async createAlertRule(input) {
      const now = input.createdAt ? toMs(input.createdAt) : Date.now();
      const [row] = await db
        .insert(rules)
        .values({
          id: input.id,
          name: input.name,
          scope: input.scope,
          trigger: JSON.stringify(input.trigger),
          channels: JSON.stringify(input.channels),
          digest: input.digest,
          enabled: input.enabled,
          createdBy: input.createdBy,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return toRule(row!);
    },

    getAlertRule: oneRule,

    async listAlertRules(query = {}) {
      const rows = await db
        .select()
        .from(rules)
        .where(query.enabled === undefined ? undefined : eq(rules.enabled, query.enabled))
        .orderBy(asc(rules.createdAt), asc(rules.id));
      return rows.map(toRule);
    },

    async updateAlertRule(id, patch) {
      const set: Partial<RowOf<"alertRules">> = {
        updatedAt: patch.updatedAt ? toMs(patch.updatedAt) : Date.now(),
      };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.scope !== undefined) set.scope = patch.scope;
      if (patch.trigger !== undefined) set.trigger = JSON.stringify(patch.trigger);
      if (patch.channels !== undefined) set.channels = JSON.stringify(patch.channels);
      if (patch.digest !== undefined) set.digest = patch.digest;
      if (patch.enabled !== undefined) set.enabled = patch.enabled;
      const [row] = await db.update(rules).set(set).where(eq(rules.id, id)).returning();
      return row ? toRule(row) : null;
    },

    async deleteAlertRule(id) {
      return inTransaction(async (tx) => {
        const gone = await tx.db
          .delete(tx.t.alertRules)
          .where(eq(tx.t.alertRules.id, id))
          .returning({ id: tx.t.alertRules.id });
        await tx.db.delete(tx.t.alertNotifications).where(eq(tx.t.alertNotifications.ruleId, id));
        await tx.db.delete(tx.t.alertDeliveries).where(eq(tx.t.alertDeliveries.ruleId, id));
        return gone.length > 0;
      });
    },

    async recordAlertNotifications(input) {
      const at = input.at ? toMs(input.at) : Date.now();
      if (input.candidates.length === 0) return { fresh: [], deliveries: [] };
      return inTransaction(async (tx) => {
        const fresh = await freshNotifications(
          tx,
          input.ruleId,
          input.candidates,
          input.snapshotId,
          at,
        );
        if (fresh.length === 0) return { fresh, deliveries: [] };
        const made = await insertDeliveries(tx, input.deliveriesFor(fresh), at);
        return { fresh, deliveries: made };
      });
    },

    async enqueueAlertDeliveries(input) {
      return insertDeliveries(q, input, Date.now());
    },

    async listDueAlertDeliveries(query) {
      const rows = await db
        .select()
        .from(deliveries)
        .where(
          and(
            or(eq(deliveries.status, "pending"), eq(deliveries.status, "retrying")),
            isNotNull(deliveries.nextAttemptAt),
            lte(deliveries.nextAttemptAt, toMs(query.now)),
          ),
        )
        .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
        .limit(clampLimit(query.limit, 20, 500));
      return rows.map(toDelivery);
    },

    async nextAlertDeliveryDue() {
      const [row] = await db
        .select({ at: min(deliveries.nextAttemptAt) })
        .from(deliveries)
        .where(or(eq(deliveries.status, "pending"), eq(deliveries.status, "retrying")));
      // PostgreSQL answers MIN(bigint) as a string.
      return row?.at === null || row?.at === undefined ? null : toIso(Number(row.at));
    },

    getAlertDelivery: oneDelivery,

    async recordAlertDeliveryAttempt(id, input) {
      return inTransaction(async (tx) => {
        const d = tx.t.alertDeliveries;
        const [row] = await tx.db
          .select({ attempts: d.attempts, attemptLog: d.attemptLog })
          .from(d)
          .where(eq(d.id, id));
        if (!row) return null;
        const log = parseJson<DeliveryAttemptJson[]>(row.attemptLog, []);
        log.push(input.attempt);
        const [updated] = await tx.db
          .update(d)
          .set({
            status: input.status,
            attempts: row.attempts + 1,
            attemptLog: JSON.stringify(log),
            lastError: input.attempt.ok ? null : (input.attempt.error ?? "failed"),
            nextAttemptAt: input.nextAttemptAt === null ? null : toMs(input.nextAttemptAt),
            sentAt: input.status === "sent" ? toMs(input.attempt.at) : null,
          })
          .where(eq(d.id, id))
          .returning();
        return updated ? toDelivery(updated) : null;
      });
    },

    async listAlertDeliveries(query = {}) {
      const limit = clampLimit(query.limit, 50, 200);
      const rows = await db
        .select()
        .from(deliveries)
        .where(deliveryWhere(deliveries, query))
        .orderBy(desc(deliveries.id))
        .limit(limit + 1);
      return toPage(rows, limit, "dlv", toDelivery);
    },

    async purgeAlertDeliveries(before) {
      const gone = await db
        .delete(deliveries)
        .where(
          and(
            or(eq(deliveries.status, "sent"), eq(deliveries.status, "failed")),
            lt(deliveries.createdAt, toMs(before)),
          ),
        )
        .returning({ id: deliveries.id });
      return gone.length;
    },
  };
}
