import "server-only";
import { notFound } from "@/lib/api/errors";
import { getEnv } from "@/lib/config/env";
import { getStorage } from "@/lib/db/storage";
import type { AlertRuleRecord } from "@/lib/db/types";
import { auditAlertRule, type Actor } from "./audit";
import { channelLabel } from "./channels";
import { attemptDelivery } from "./deliver";
import { deliveriesFor, messageRule } from "./deliveries";
import { tenantJson } from "./events";
import { buildMessage } from "./message";
import { DEFAULT_RETRY_POLICY } from "./retry";
import type { AlertTestResponse } from "./types";

// "Send test": a sample message, marked as a test, to every channel of a rule at once (not through
// the worker, no retries); each try is recorded in the delivery log like any other.

/** The sample event of "Send test": an example tenant, marked as a test everywhere it shows. */
function sampleEvents(rule: AlertRuleRecord) {
  const now = new Date().toISOString();
  const tenant = {
    id: "test-tenant-id",
    name: "Example tenant (test)",
    status: "active",
    hostnames: ["example-tenant.eu.qlikcloud.com"],
    regionCode: "eu-central-1",
    countryCode: "DE",
    subscriptionId: null,
    licenseNumber: null,
    createdBy: null,
    createdAt: now,
    updatedAt: now,
    licenseStartsAt: null,
    licenseEndsAt: null,
    deletionStartsAt: null,
  };
  return [
    {
      trigger: rule.trigger.kind,
      tenant: tenantJson(tenant),
      change: null,
      daysLeft: null,
      summary: `Test message for “${rule.name}”: this is what an alert looks like`,
    },
  ];
}

/** Sends a sample message to every channel of the rule now; each try is in the delivery log. */
export async function sendTestAlert(id: string, actor: Actor): Promise<AlertTestResponse> {
  const storage = await getStorage();
  const rule = await storage.getAlertRule(id);
  if (!rule) throw notFound(`No alert rule with id ${id}.`);
  const message = buildMessage({
    kind: "test",
    rule: messageRule(rule),
    snapshot: null,
    events: sampleEvents(rule),
  });
  const queued = await storage.enqueueAlertDeliveries(
    deliveriesFor(rule, message, { nextAttemptAt: null }),
  );
  const env = getEnv();
  const settings = () => ({
    SMTP_URL: env.SMTP_URL,
    ALERTS_FROM: env.ALERTS_FROM,
    NEXTAUTH_URL: env.NEXTAUTH_URL,
  });
  const results = await Promise.all(
    queued.map(async (d) => {
      const done = await attemptDelivery(
        d,
        { storage, policy: DEFAULT_RETRY_POLICY, settings },
        { retry: false },
      );
      const channel = rule.channels[d.channelIndex]!;
      return {
        channel: {
          index: d.channelIndex,
          id: d.channelId,
          type: d.channelType,
          label: channelLabel(channel),
        },
        status: done?.status === "sent" ? ("sent" as const) : ("failed" as const),
        error: done?.status === "sent" ? null : (done?.lastError ?? "not sent"),
        deliveryId: d.id,
      };
    }),
  );
  await auditAlertRule("alert.rule.test", actor, {
    ruleId: id,
    results: results.map((r) => ({ channel: r.channel.label, status: r.status })),
  });
  return { results };
}
