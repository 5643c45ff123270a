import "server-only";
import type { AlertRuleRecord, NewAlertDelivery } from "@/lib/db/types";
import { channelLabel } from "./channels";
import { scopeObject, scopeSummary } from "@/lib/shares/scope";
import { parseViewSearch } from "@/lib/tenants/view-codec";
import type { AlertMessage } from "./message";

// A message becomes one delivery per channel of its rule (the outbox rows the worker sends).

export function messageRule(rule: AlertRuleRecord): AlertMessage["rule"] {
  let summary: string;
  try {
    summary = scopeSummary(scopeObject(parseViewSearch(rule.scope).view));
  } catch {
    summary = rule.scope;
  }
  return {
    id: rule.id,
    name: rule.name,
    trigger: rule.trigger,
    scope: rule.scope,
    scopeSummary: summary,
  };
}

export function deliveriesFor(
  rule: AlertRuleRecord,
  message: AlertMessage,
  options: { nextAttemptAt?: string | null; createdAt?: string } = {},
): NewAlertDelivery[] {
  const payload = JSON.stringify(message);
  return rule.channels.map((channel, index) => ({
    ruleId: rule.id,
    ruleName: rule.name,
    channelIndex: index,
    channelId: channel.id,
    channelType: channel.type,
    channelLabel: channelLabel(channel),
    kind: message.kind,
    summary: message.summary,
    eventCount: message.eventCount,
    payload,
    nextAttemptAt: options.nextAttemptAt,
    createdAt: options.createdAt,
  }));
}
