import "server-only";
import type { AlertDeliveryRecord, AlertRuleRecord } from "@/lib/db/types";
import { scopeObject, scopeSummary } from "@/lib/shares/scope";
import type { ShareScope } from "@/lib/shares/types";
import { parseViewSearch } from "@/lib/tenants/view-codec";
import { channelJson } from "./channels";
import type { AlertDeliveryJson, AlertRuleJson } from "./types";

// Stored rules and deliveries as the API answers them: no secret, no payload.

function scopeOf(scope: string): { filters: ShareScope; summary: string } {
  try {
    const filters = scopeObject(parseViewSearch(scope).view);
    return { filters, summary: scopeSummary(filters) };
  } catch {
    // Stored scopes were valid when written; a filter retired since then is shown, not hidden.
    return { filters: {}, summary: `Unreadable scope: ${scope}` };
  }
}

export function toRuleJson(rule: AlertRuleRecord): AlertRuleJson {
  const scope = scopeOf(rule.scope);
  return {
    id: rule.id,
    name: rule.name,
    scope: rule.scope,
    scopeFilters: scope.filters,
    scopeSummary: scope.summary,
    trigger: rule.trigger,
    channels: rule.channels.map(channelJson),
    digest: rule.digest,
    enabled: rule.enabled,
    createdBy: rule.createdBy,
    createdAt: rule.createdAt,
    updatedAt: rule.updatedAt,
  };
}

export function toDeliveryJson(d: AlertDeliveryRecord): AlertDeliveryJson {
  return {
    id: d.id,
    ruleId: d.ruleId,
    ruleName: d.ruleName,
    channel: { index: d.channelIndex, id: d.channelId, type: d.channelType, label: d.channelLabel },
    kind: d.kind,
    summary: d.summary,
    eventCount: d.eventCount,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    nextAttemptAt: d.status === "pending" || d.status === "retrying" ? d.nextAttemptAt : null,
    sentAt: d.sentAt,
    createdAt: d.createdAt,
    attemptLog: d.attemptLog,
  };
}
