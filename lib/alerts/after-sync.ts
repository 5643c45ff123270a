import "server-only";
import type { Storage } from "@/lib/db/types";
import { recordAlertEvaluation } from "@/lib/observability/metrics";
import { globalSingleton } from "@/lib/runtime/global-singleton";
import type { TenantIndex } from "@/lib/tenants/query";
import type { Tenant, TenantChange } from "@/lib/tenants/types";
import { evaluateAlerts, type EvaluationReport } from "./evaluate";
import { alertsEnqueued } from "./wake";

// The sync's one call into alerts (lib/tenants/sync/run.ts, after a successful run is recorded):
// it only queues the rule evaluation for a later turn of the event loop and returns. The
// evaluation reads the sync's change-feed entries, evaluates every enabled rule, records and
// enqueues what is new, and wakes the delivery worker. Whatever fails there is logged: alerts never
// block or fail a sync. Evaluations run one after another, in sync order.

export interface AfterSyncInput {
  storage: Storage;
  snapshot: { id: number; takenAt: string; tenants: readonly Tenant[] };
  /** The previous snapshot's tenants (removed tenants are described as they were). */
  previous: readonly Tenant[] | null;
  /** How many change-feed entries the sync wrote. */
  changes: number;
  logger: {
    info(obj: Record<string, unknown>, msg?: string): void;
    warn(obj: Record<string, unknown>, msg?: string): void;
    error(obj: Record<string, unknown>, msg?: string): void;
  };
}

/**
 * Where the evaluation finds the query index of snapshot `id`: the app's snapshot holder builds it
 * to serve the snapshot anyway (lib/tenants/snapshot.ts registers it). Null: not at hand.
 */
export type SnapshotIndexSource = (snapshotId: number) => Promise<TenantIndex | null>;

interface EvaluationQueue {
  tail: Promise<void>;
  last: EvaluationReport | null;
  indexSource: SnapshotIndexSource | null;
}

const queue = () =>
  globalSingleton<EvaluationQueue>("alerts:evaluations", () => ({
    tail: Promise.resolve(),
    last: null,
    indexSource: null,
  }));

/** Lets rule scopes be looked up in the serving index of a snapshot (null: build small ones). */
export function setAlertScopeIndexSource(source: SnapshotIndexSource | null): void {
  queue().indexSource = source;
}

/** Queues the evaluation of the alert rules against this sync; returns at once, never throws. */
export function afterSyncSucceeded(input: AfterSyncInput): void {
  try {
    const q = queue();
    q.tail = q.tail
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => evaluateSync(input))
      .then((report) => {
        q.last = report;
      })
      .catch((err: unknown) => {
        input.logger.error(
          { err, snapshotId: input.snapshot.id },
          "alert rules could not be evaluated for this sync; the sync itself is unaffected",
        );
      });
  } catch (err) {
    input.logger.error({ err }, "alert evaluation could not be queued");
  }
}

/** Resolves when every queued evaluation has finished (tests, the bench). */
export async function alertEvaluationsSettled(): Promise<EvaluationReport | null> {
  const q = queue();
  let tail: Promise<void>;
  do {
    tail = q.tail;
    await tail;
  } while (tail !== q.tail);
  return q.last;
}

/** The sync's change-feed entries (they carry the snapshot's time as detectedAt). */
async function changesOf(input: AfterSyncInput): Promise<TenantChange[]> {
  if (input.changes === 0) return [];
  const out: TenantChange[] = [];
  let cursor: string | null = null;
  do {
    const page = await input.storage.listChanges({
      from: input.snapshot.takenAt,
      to: input.snapshot.takenAt,
      cursor,
      limit: 500,
    });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out.reverse(); // oldest first: the order the sync wrote them
}

async function evaluateSync(input: AfterSyncInput): Promise<EvaluationReport> {
  const rules = await input.storage.listAlertRules({ enabled: true });
  if (rules.length === 0)
    return { rules: 0, matched: 0, fresh: 0, deliveries: 0, ms: 0, perRule: [] };
  const changes = await changesOf(input);
  const removedIds = new Set(changes.filter((c) => c.kind === "removed").map((c) => c.tenantId));
  const removed = new Map<string, Tenant>();
  if (removedIds.size > 0 && input.previous)
    for (const t of input.previous) if (removedIds.has(t.id)) removed.set(t.id, t);
  const source = queue().indexSource;
  const snapshotIndex = source
    ? await source(input.snapshot.id).catch((err: unknown) => {
        input.logger.warn({ err }, "the snapshot's index is not at hand for alert scopes");
        return null;
      })
    : null;
  const report = await evaluateAlerts(
    {
      snapshotId: input.snapshot.id,
      takenAt: input.snapshot.takenAt,
      tenants: input.snapshot.tenants,
      changes,
      removed,
      now: Date.now(),
    },
    {
      storage: input.storage,
      rules,
      snapshotIndex,
      annotations: async () => {
        const [{ currentOverlay }, { overlaySource }] = await Promise.all([
          import("@/lib/annotations/overlay"),
          import("@/lib/tenants/query"),
        ]);
        return overlaySource(await currentOverlay());
      },
      logger: input.logger,
    },
  );
  input.logger.info(
    {
      snapshotId: input.snapshot.id,
      rules: report.rules,
      matched: report.matched,
      fresh: report.fresh,
      deliveries: report.deliveries,
      ms: Math.round(report.ms),
    },
    "alert rules evaluated",
  );
  recordAlertEvaluation(report.ms);
  if (report.deliveries > 0) alertsEnqueued();
  return report;
}
