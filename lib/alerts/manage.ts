import "server-only";
import { notFound } from "@/lib/api/errors";
import { getStorage } from "@/lib/db/storage";
import type { AlertRuleRecord, UpdateAlertRuleInput } from "@/lib/db/types";
import { log } from "@/lib/log";
import { auditAlertRule, type Actor } from "./audit";
import { auditChannels, resolveChannels, type ChannelRequest } from "./channels";
import { toRuleJson } from "./json";
import { newAlertRuleId } from "./ids";
import type { AlertRuleWriteResponse, AlertTrigger } from "./types";

export type { Actor } from "./audit";

// Managing alert rules (the /api/alerts/rules routes, admins only): create, list, change, delete.
// Every write leaves an audit entry (./audit.ts). "Send test" is ./send-test.ts, the delivery log
// ./delivery-log.ts.

export interface NewRule {
  name: string;
  scope: string;
  trigger: AlertTrigger;
  channels: ChannelRequest[];
  digest: boolean;
  enabled: boolean;
}

export type RuleChanges = Partial<NewRule>;

const NO_RULE = (id: string) => notFound(`No alert rule with id ${id}.`);

const auditRule = (rule: AlertRuleRecord) => ({
  name: rule.name,
  scope: rule.scope,
  trigger: rule.trigger,
  channels: auditChannels(rule.channels),
  digest: rule.digest,
  enabled: rule.enabled,
});

export async function createAlertRule(
  input: NewRule,
  actor: Actor,
): Promise<AlertRuleWriteResponse> {
  const { channels, secrets } = resolveChannels(input.channels);
  const rule = await (
    await getStorage()
  ).createAlertRule({
    id: newAlertRuleId(),
    name: input.name,
    scope: input.scope,
    trigger: input.trigger,
    channels,
    digest: input.digest,
    enabled: input.enabled,
    createdBy: actor.user.email,
  });
  await auditAlertRule("alert.rule.create", actor, { ruleId: rule.id, ...auditRule(rule) });
  log("alerts").info({ event: "alert_rule_created", ruleId: rule.id }, "alert rule created");
  return secrets.length ? { rule: toRuleJson(rule), secrets } : { rule: toRuleJson(rule) };
}

export async function listAlertRules() {
  return (await (await getStorage()).listAlertRules()).map(toRuleJson);
}

export async function updateAlertRule(
  id: string,
  changes: RuleChanges,
  actor: Actor,
): Promise<AlertRuleWriteResponse> {
  const storage = await getStorage();
  const before = await storage.getAlertRule(id);
  if (!before) throw NO_RULE(id);
  const patch: UpdateAlertRuleInput = {
    name: changes.name,
    scope: changes.scope,
    trigger: changes.trigger,
    digest: changes.digest,
    enabled: changes.enabled,
  };
  let secrets: AlertRuleWriteResponse["secrets"] = [];
  if (changes.channels) {
    const resolved = resolveChannels(changes.channels, before.channels);
    patch.channels = resolved.channels;
    secrets = resolved.secrets;
  }
  const rule = await storage.updateAlertRule(id, patch);
  if (!rule) throw NO_RULE(id);
  const rotated = changes.channels
    ? changes.channels
        .map((c, index) => (c.type === "webhook" && c.secret !== undefined ? index : -1))
        .filter((i) => i >= 0)
    : [];
  await auditAlertRule("alert.rule.update", actor, {
    ruleId: id,
    before: auditRule(before),
    after: auditRule(rule),
    ...(rotated.length ? { secretsSet: rotated } : {}),
  });
  return secrets.length ? { rule: toRuleJson(rule), secrets } : { rule: toRuleJson(rule) };
}

export async function deleteAlertRule(id: string, actor: Actor): Promise<void> {
  const storage = await getStorage();
  const before = await storage.getAlertRule(id);
  if (!before || !(await storage.deleteAlertRule(id))) throw NO_RULE(id);
  await auditAlertRule("alert.rule.delete", actor, { ruleId: id, ...auditRule(before) });
}
