import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { SubscriptionLabel, TenantAnnotation } from "@/lib/annotations/types";
import { normalizeTags } from "@/lib/annotations/values";
import { chunks, toIso, toMs } from "../rows";
import type {
  AnnotationChange,
  AnnotationsState,
  Storage,
  SubscriptionLabelPatch,
  SubscriptionLabelRecord,
  TenantAnnotationPatch,
  TenantAnnotationRecord,
  UpdateAnnotationsInput,
  UpdateAnnotationsResult,
} from "../types";
import type { QueryDb, RowOf } from "./db";

// Subscription names and tenant annotations: the team's own words on Qlik's data. Keyed by id and
// never touched by a sync, so they survive renames and moves, and a removed tenant keeps its own.
// Every write runs in one transaction (one writer at a time, across instances) that also bumps the
// one-row version counter, which is how every instance's overlay (lib/annotations/overlay.ts)
// notices a change with one cheap read.

type AnnotationMethods = Pick<
  Storage,
  "getAnnotationsVersion" | "loadAnnotations" | "updateAnnotations"
>;

const VERSION_ROW = 1;
const WRITE_LOCK = "annotations";
/** Rows per multi-row INSERT / IN list (at most 6 parameters a row: well under either limit). */
const CHUNK = 500;
/** Past this many ids, reading the whole (small) table beats reading it in IN-list chunks. */
const READ_ALL_OVER = 2_000;
/** A consistent read retries when a write lands in between; more than this in a row is a storm. */
const LOAD_ATTEMPTS = 5;

function parseTags(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed)
      ? normalizeTags(parsed.filter((t): t is string => typeof t === "string"))
      : [];
  } catch {
    return []; // a row written by hand: its tags are lost rather than the whole overlay
  }
}

const toTenantRecord = (row: RowOf<"tenantAnnotations">): TenantAnnotationRecord => ({
  tenantId: row.tenantId,
  owner: row.owner,
  tags: parseTags(row.tags),
  note: row.note,
  updatedAt: toIso(row.updatedAt),
  updatedBy: row.updatedBy,
});

const toLabelRecord = (row: RowOf<"subscriptionLabels">): SubscriptionLabelRecord => ({
  subscriptionId: row.subscriptionId,
  name: row.name,
  customerRef: row.customerRef,
  updatedAt: toIso(row.updatedAt),
  updatedBy: row.updatedBy,
});

const orNull = (value: string | null | undefined): string | null =>
  value === null || value === undefined || value === "" ? null : value;

/** The annotation after `patch`; null when nothing is left (no owner, no tags, no note). */
export function applyTenantPatch(
  current: TenantAnnotation | null,
  patch: Omit<TenantAnnotationPatch, "tenantId">,
): TenantAnnotation | null {
  let owner = current?.owner ?? null;
  let tags = current?.tags ?? [];
  let note = current?.note ?? null;
  if (patch.owner !== undefined) owner = orNull(patch.owner);
  if (patch.tags !== undefined) tags = normalizeTags(patch.tags);
  if (patch.addTags?.length) tags = normalizeTags([...tags, ...patch.addTags]);
  if (patch.removeTags?.length) {
    const removed = new Set(normalizeTags(patch.removeTags));
    tags = tags.filter((t) => !removed.has(t));
  }
  if (patch.note !== undefined) note = orNull(patch.note);
  if (owner === null && tags.length === 0 && note === null) return null;
  return { owner, tags, note };
}

/** The label after `patch`; null when it has no name (a customer reference alone is not kept). */
export function applyLabelPatch(
  current: SubscriptionLabel | null,
  patch: Omit<SubscriptionLabelPatch, "subscriptionId">,
): SubscriptionLabel | null {
  let name = current?.name ?? null;
  let customerRef = current?.customerRef ?? null;
  if (patch.name !== undefined) name = orNull(patch.name);
  if (patch.customerRef !== undefined) customerRef = orNull(patch.customerRef);
  return name === null ? null : { name, customerRef };
}

export function sameAnnotation(a: TenantAnnotation | null, b: TenantAnnotation | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.owner === b.owner &&
    a.note === b.note &&
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i])
  );
}

export function sameLabel(a: SubscriptionLabel | null, b: SubscriptionLabel | null): boolean {
  if (a === null || b === null) return a === b;
  return a.name === b.name && a.customerRef === b.customerRef;
}

/** Applies the patches, in order, to the stored values; returns the records that change. */
function plan<P, V>(
  patches: readonly P[],
  idOf: (p: P) => string,
  stored: ReadonlyMap<string, V>,
  apply: (current: V | null, patch: P) => V | null,
  same: (a: V | null, b: V | null) => boolean,
): AnnotationChange<V>[] {
  const working = new Map<string, V | null>();
  for (const patch of patches) {
    const id = idOf(patch);
    const current = working.has(id) ? working.get(id)! : (stored.get(id) ?? null);
    working.set(id, apply(current, patch));
  }
  const out: AnnotationChange<V>[] = [];
  for (const [id, after] of working) {
    const before = stored.get(id) ?? null;
    if (!same(before, after)) out.push({ id, before, after });
  }
  return out;
}

export function annotationQueries(q: QueryDb): AnnotationMethods {
  const { db, t } = q;

  async function readVersion(d: QueryDb["db"]): Promise<number> {
    const [row] = await d
      .select({ version: t.annotationVersion.version })
      .from(t.annotationVersion)
      .where(eq(t.annotationVersion.id, VERSION_ROW));
    return row?.version ?? 0;
  }

  async function storedAnnotations(
    d: QueryDb["db"],
    ids: readonly string[],
  ): Promise<Map<string, TenantAnnotation>> {
    const table = t.tenantAnnotations;
    const rows: RowOf<"tenantAnnotations">[] = [];
    if (ids.length > READ_ALL_OVER) {
      const wanted = new Set(ids);
      for (const row of await d.select().from(table)) if (wanted.has(row.tenantId)) rows.push(row);
    } else {
      for (const part of chunks(ids, CHUNK))
        rows.push(...(await d.select().from(table).where(inArray(table.tenantId, part))));
    }
    return new Map(
      rows.map((row) => {
        const { tenantId, owner, tags, note } = toTenantRecord(row);
        return [tenantId, { owner, tags, note }];
      }),
    );
  }

  async function storedLabels(
    d: QueryDb["db"],
    ids: readonly string[],
  ): Promise<Map<string, SubscriptionLabel>> {
    const table = t.subscriptionLabels;
    const out = new Map<string, SubscriptionLabel>();
    for (const part of chunks(ids, CHUNK))
      for (const row of await d.select().from(table).where(inArray(table.subscriptionId, part)))
        out.set(row.subscriptionId, { name: row.name, customerRef: row.customerRef });
    return out;
  }

  async function computeChanges(d: QueryDb["db"], input: UpdateAnnotationsInput) {
    const tenantPatches = input.tenants ?? [];
    const labelPatches = input.subscriptions ?? [];
    const tenantIds = [...new Set(tenantPatches.map((p) => p.tenantId))];
    const labelIds = [...new Set(labelPatches.map((p) => p.subscriptionId))];
    const [annotations, labels] = [
      tenantIds.length ? await storedAnnotations(d, tenantIds) : new Map(),
      labelIds.length ? await storedLabels(d, labelIds) : new Map(),
    ];
    return {
      tenants: plan(
        tenantPatches,
        (p) => p.tenantId,
        annotations,
        applyTenantPatch,
        sameAnnotation,
      ),
      subscriptions: plan(
        labelPatches,
        (p) => p.subscriptionId,
        labels,
        applyLabelPatch,
        sameLabel,
      ),
    };
  }

  async function write(
    tx: QueryDb,
    input: UpdateAnnotationsInput,
  ): Promise<UpdateAnnotationsResult> {
    const { tenants, subscriptions } = await computeChanges(tx.db, input);
    const at = input.at ? toMs(input.at) : Date.now();
    const by = input.actor;
    const ta = tx.t.tenantAnnotations;
    const sl = tx.t.subscriptionLabels;

    const upserts = tenants.filter((c) => c.after !== null);
    for (const part of chunks(upserts, CHUNK)) {
      await tx.db
        .insert(ta)
        .values(
          part.map(({ id, after }) => ({
            tenantId: id,
            owner: after!.owner,
            tags: JSON.stringify(after!.tags),
            note: after!.note,
            updatedAt: at,
            updatedBy: by,
          })),
        )
        .onConflictDoUpdate({
          target: ta.tenantId,
          set: {
            owner: sql.raw("excluded.owner"),
            tags: sql.raw("excluded.tags"),
            note: sql.raw("excluded.note"),
            updatedAt: sql.raw("excluded.updated_at"),
            updatedBy: sql.raw("excluded.updated_by"),
          },
        });
    }
    const cleared = tenants.filter((c) => c.after === null).map((c) => c.id);
    for (const part of chunks(cleared, CHUNK))
      await tx.db.delete(ta).where(inArray(ta.tenantId, part));

    for (const { id, after } of subscriptions) {
      if (after === null) {
        await tx.db.delete(sl).where(eq(sl.subscriptionId, id));
        continue;
      }
      await tx.db
        .insert(sl)
        .values({
          subscriptionId: id,
          name: after.name,
          customerRef: after.customerRef,
          updatedAt: at,
          updatedBy: by,
        })
        .onConflictDoUpdate({
          target: sl.subscriptionId,
          set: { name: after.name, customerRef: after.customerRef, updatedAt: at, updatedBy: by },
        });
    }

    const audit: { action: string; details: Record<string, unknown> }[] = [
      ...subscriptions.map((c) => ({
        action: "annotations.subscription",
        details: { subscriptionId: c.id, before: c.before, after: c.after, source: input.source },
      })),
      ...tenants.map((c) => ({
        action: "annotations.tenant",
        details: { tenantId: c.id, before: c.before, after: c.after, source: input.source },
      })),
    ];
    if (input.summary)
      audit.push({
        action: input.summary.action,
        details: {
          ...input.summary.details,
          source: input.source,
          changedTenants: tenants.length,
          changedSubscriptions: subscriptions.length,
        },
      });
    for (const part of chunks(audit, CHUNK)) {
      await tx.db.insert(tx.t.auditLog).values(
        part.map((entry) => ({
          at,
          actor: by,
          action: entry.action,
          details: JSON.stringify(entry.details),
        })),
      );
    }

    let version: number;
    if (tenants.length > 0 || subscriptions.length > 0) {
      const av = tx.t.annotationVersion;
      const [row] = await tx.db
        .insert(av)
        .values({ id: VERSION_ROW, version: 1 })
        .onConflictDoUpdate({ target: av.id, set: { version: sql`${av.version} + 1` } })
        .returning({ version: av.version });
      version = row!.version;
    } else {
      version = await readVersion(tx.db);
    }
    return { version, tenants, subscriptions };
  }

  return {
    async getAnnotationsVersion() {
      return readVersion(db);
    },

    async loadAnnotations(): Promise<AnnotationsState> {
      // Optimistic: every write bumps the version in its own transaction, so an unchanged version
      // read before and after the rows means no write landed in between.
      for (let attempt = 1; ; attempt++) {
        const version = await readVersion(db);
        const [labelRows, tenantRows] = [
          await db.select().from(t.subscriptionLabels),
          await db.select().from(t.tenantAnnotations),
        ];
        if ((await readVersion(db)) === version || attempt >= LOAD_ATTEMPTS)
          return {
            version,
            subscriptions: labelRows.map(toLabelRecord),
            tenants: tenantRows.map(toTenantRecord),
          };
      }
    },

    async updateAnnotations(input) {
      if (input.dryRun) {
        const version = await readVersion(db);
        return { version, ...(await computeChanges(db, input)) };
      }
      if (!q.transaction) throw new Error("updateAnnotations needs a storage with transactions");
      return q.transaction((tx) => write(tx, input), { lock: WRITE_LOCK });
    },
  };
}
