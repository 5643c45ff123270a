import "server-only";
import type { AlertNotificationKey, AlertRuleRecord, Storage } from "@/lib/db/types";
import type { AnnotationSource, TenantIndex } from "@/lib/tenants/query";
import type { Tenant } from "@/lib/tenants/types";
import { deliveriesFor, messageRule } from "./deliveries";
import { prepareFacts, triggerEvents, type MatchedEvent, type SyncFacts } from "./events";
import { buildMessage, type AlertEventJson } from "./message";
import { matchScopes } from "./scope";

// Rule evaluation after a successful sync: every enabled rule's trigger against the sync's facts
// (./events.ts), narrowed to its scope (./scope.ts); what the rule has not announced before is
// recorded and enqueued in one transaction (storage.recordAlertNotifications), one message per
// tenant-event, or one per rule and sync for a digest rule. Sending is the worker's job.

/**
 * A rule that is not a digest still sends at most this many separate messages per sync; the
 * remaining events go out together in one digest message (a first evaluation of a broad rule must
 * not send thousands of emails).
 */
export const MAX_SEPARATE_MESSAGES = 50;

export interface EvaluateOptions {
  storage: Storage;
  /** The annotations scopes filter on (owner, tags, names); called only when a scope needs them. */
  annotations: () => Promise<AnnotationSource>;
  maxSeparateMessages?: number;
  /** The new snapshot's query index, when the caller has it (scopes are looked up there). */
  snapshotIndex?: TenantIndex | null;
  /** The enabled rules, when the caller has read them already. */
  rules?: AlertRuleRecord[];
  logger?: { warn(obj: Record<string, unknown>, msg?: string): void };
}

export interface RuleEvaluation {
  ruleId: string;
  /** Events the trigger found in scope. */
  matched: number;
  /** Of those, not announced before. */
  fresh: number;
  deliveries: number;
}

export interface EvaluationReport {
  rules: number;
  matched: number;
  fresh: number;
  deliveries: number;
  /** Wall time of the whole evaluation. */
  ms: number;
  perRule: RuleEvaluation[];
}

const keyOf = (k: AlertNotificationKey) => `${k.tenantId}\n${k.eventKey}`;

/** The messages for a rule's fresh events: one each (up to a limit), or one digest. */
function messagesFor(
  rule: AlertRuleRecord,
  events: readonly AlertEventJson[],
  snapshot: { id: number; takenAt: string } | null,
  maxSeparate: number,
) {
  const ruleJson = messageRule(rule);
  const digest = (list: readonly AlertEventJson[]) =>
    buildMessage({ kind: "digest", rule: ruleJson, snapshot, events: list });
  if (rule.digest) return [digest(events)];
  const separate = events.slice(0, events.length > maxSeparate ? maxSeparate - 1 : maxSeparate);
  const rest = events.slice(separate.length);
  return [
    ...separate.map((e) => buildMessage({ kind: "event", rule: ruleJson, snapshot, events: [e] })),
    ...(rest.length ? [digest(rest)] : []),
  ];
}

export async function evaluateAlerts(
  facts: SyncFacts,
  options: EvaluateOptions,
): Promise<EvaluationReport> {
  const started = performance.now();
  const { storage } = options;
  const maxSeparate = Math.max(1, options.maxSeparateMessages ?? MAX_SEPARATE_MESSAGES);
  const rules = options.rules ?? (await storage.listAlertRules({ enabled: true }));
  const report: EvaluationReport = {
    rules: rules.length,
    matched: 0,
    fresh: 0,
    deliveries: 0,
    ms: 0,
    perRule: [],
  };
  if (rules.length === 0) return { ...report, ms: performance.now() - started };

  const prepared = prepareFacts(facts);
  const found = new Map<string, MatchedEvent[]>();
  const candidates = new Map<string, Tenant[]>();
  for (const rule of rules) {
    const events = triggerEvents(rule.trigger, prepared);
    found.set(rule.id, events);
    if (rule.scope === "" || events.length === 0) continue;
    const list = candidates.get(rule.scope) ?? [];
    for (const e of events) list.push(e.tenant);
    candidates.set(rule.scope, list);
  }
  const scopes = await matchScopes({
    candidates,
    snapshotIndex: options.snapshotIndex,
    annotations: options.annotations,
    asOf: facts.takenAt,
  });
  const snapshot =
    facts.snapshotId === null ? null : { id: facts.snapshotId, takenAt: facts.takenAt };

  for (const rule of rules) {
    if (scopes.invalid.has(rule.scope)) {
      options.logger?.warn(
        { ruleId: rule.id },
        "alert rule skipped: its scope can no longer be read; edit the rule",
      );
      continue;
    }
    const inScope = found.get(rule.id)!.filter((e) => scopes.matches(rule.scope, e.tenant.id));
    const entry: RuleEvaluation = {
      ruleId: rule.id,
      matched: inScope.length,
      fresh: 0,
      deliveries: 0,
    };
    report.perRule.push(entry);
    report.matched += inScope.length;
    if (inScope.length === 0 || rule.channels.length === 0) continue;
    const byKey = new Map(
      inScope.map((e) => [keyOf({ tenantId: e.tenant.id, eventKey: e.eventKey }), e]),
    );
    const result = await storage.recordAlertNotifications({
      ruleId: rule.id,
      candidates: inScope.map((e) => ({ tenantId: e.tenant.id, eventKey: e.eventKey })),
      snapshotId: facts.snapshotId,
      at: new Date(facts.now).toISOString(),
      deliveriesFor: (fresh) => {
        const events = fresh.map((k) => byKey.get(keyOf(k))!.event());
        return messagesFor(rule, events, snapshot, maxSeparate).flatMap((m) =>
          deliveriesFor(rule, m),
        );
      },
    });
    entry.fresh = result.fresh.length;
    entry.deliveries = result.deliveries.length;
    report.fresh += entry.fresh;
    report.deliveries += entry.deliveries;
  }
  report.ms = performance.now() - started;
  return report;
}
