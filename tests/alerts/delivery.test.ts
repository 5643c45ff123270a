// Alerts end to end: the simulator's tenants are changed through its admin endpoint, the real sync
// runs (snapshot holder → executeSyncRun → the alerts hook), the rules are evaluated, and the
// delivery worker sends to a local HTTP receiver and a real local SMTP server. Each notification
// arrives exactly once with a valid signature; scopes leave other tenants out; a second sync
// announces nothing again; a receiver that fails three times gets the message once; retries give
// up after their window with the reason. Short retry delays come from the worker's policy option.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { alertEvaluationsSettled } from "@/lib/alerts/after-sync";
import { EMAIL_NOT_CONFIGURED } from "@/lib/alerts/send/email";
import { verifyWebhook } from "@/lib/alerts/signature";
import type { AlertRuleWriteResponse, AlertTestResponse } from "@/lib/alerts/types";
import { AlertWorker } from "@/lib/alerts/worker";
import { setStorageForTests, type Storage } from "@/lib/db/storage";
import type { QlikClient } from "@/lib/qlik";
import type { SnapshotHolder } from "@/lib/tenants/sync/snapshot-holder";
import type { SimulatorHandle, Tenant as SimTenant } from "../../simulator/server";
import { useEnv } from "../auth/support";
import {
  simClient,
  startSim,
  tempSqlite,
  testHolder,
  until,
  type TempDb,
} from "../sync/support/setup";
import { alertsApi, cookies } from "./support/api";
import { startReceiver, type Receiver } from "./support/receiver";
import { startSmtpSink, type SmtpSink } from "./support/smtp";

// Parsed JSON answers and bodies, read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const APP_URL = "http://localhost:3000"; // NEXTAUTH_URL of the test environment (links point there)
const SUB_A = "900000000001";
const SUB_B = "900000000002";
const DAY = 86_400_000;
const silent = { info: () => {}, warn: () => {}, error: () => {} };

let sim: SimulatorHandle;
let client: QlikClient;
let db: TempDb;
let storage: Storage;
let holder: SnapshotHolder<number>;
let receiver: Receiver;
let smtp: SmtpSink;
let admin: string;
const workers: AlertWorker[] = [];

async function mutate(body: unknown): Promise<SimTenant> {
  const res = await fetch(`${sim.url}/__sim/tenants`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as SimTenant;
  if (res.status >= 300) throw new Error(`mutation failed: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function sync(): Promise<void> {
  const result = await holder.refreshNow();
  const run = await result.done;
  expect(run?.outcome).toBe("success");
  await alertEvaluationsSettled();
}

function startWorker(policy = { delaysMs: [40], giveUpAfterMs: 60_000 }): AlertWorker {
  const worker = new AlertWorker({
    storage: async () => storage,
    settings: () => ({
      SMTP_URL: smtp.url,
      ALERTS_FROM: "Tenant Atlas <alerts@example.com>",
      NEXTAUTH_URL: APP_URL,
    }),
    logger: silent,
    policy,
    pollMs: 25,
  });
  workers.push(worker);
  worker.start();
  return worker;
}

async function createRule(body: Record<string, unknown>): Promise<AlertRuleWriteResponse> {
  const res = await alertsApi.create(body, admin);
  const json = (await res.json()) as AlertRuleWriteResponse;
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json;
}

const bodyOf = (r: { body: string }) => JSON.parse(r.body) as Json;

/** Waits `ms`, for "nothing more arrives" checks. */
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  useEnv({ NEXTAUTH_URL: APP_URL, LOG_LEVEL: "silent" });
  sim = await startSim();
  receiver = await startReceiver();
  smtp = await startSmtpSink();
  db = tempSqlite();
  storage = await db.open();
  setStorageForTests(storage);
  client = simClient(sim);
  holder = testHolder(storage, client);
  await holder.getSnapshot(); // the first snapshot: nothing to compare with yet
  await alertEvaluationsSettled();
  ({ admin } = await cookies());
});

afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  for (const rule of await storage.listAlertRules()) await storage.deleteAlertRule(rule.id);
  receiver.reset();
  smtp.mails.length = 0;
});

afterAll(async () => {
  await holder.stop();
  await client.close();
  await receiver.close();
  await smtp.close();
  setStorageForTests(null);
  await db.cleanup();
  await sim.close();
});

describe("alerts after a sync", () => {
  it("delivers each notification once, signed, to webhooks (JSON, Slack, Teams) and email, within each rule's scope", async () => {
    const tenants = sim.tenants();
    const x = tenants.find((t) => t.status === "active" && t.subscriptionId)!;
    const y = tenants.find(
      (t) => t.status === "active" && t.subscriptionId && t.subscriptionId !== x.subscriptionId,
    )!;

    const statusRule = await createRule({
      name: "Disabled in X's subscription",
      scope: `subscription=${x.subscriptionId}`,
      trigger: { kind: "statusChanged", to: ["disabled"] },
      channels: [{ type: "webhook", url: receiver.url("/json"), format: "json" }],
    });
    const generated = statusRule.secrets?.[0]?.secret;
    expect(generated).toMatch(/^whsec_/);
    const deletedOnly = await createRule({
      name: "Only deletions",
      trigger: { kind: "statusChanged", to: ["deleted"] },
      channels: [{ type: "webhook", url: receiver.url("/deleted"), format: "json" }],
    });
    expect(deletedOnly.rule.id).toMatch(/^alr_/);
    await createRule({
      name: "License soon",
      scope: `?subscription=${SUB_A}&sort=-name`,
      trigger: { kind: "licenseEndsWithin", days: 20 },
      channels: [{ type: "email", to: ["ops@example.com", "Lead@Example.com"] }],
    });
    const slackSecret = "slack-channel-secret-0123456789";
    await createRule({
      name: "New tenants",
      scope: `subscription=${SUB_A}`,
      trigger: { kind: "tenantAdded" },
      channels: [
        { type: "webhook", url: receiver.url("/slack"), format: "slack", secret: slackSecret },
      ],
    });
    const teamsSecret = "teams-channel-secret-0123456789";
    await createRule({
      name: "Deletions planned",
      scope: `subscription=${SUB_A}`,
      trigger: { kind: "deletionScheduled" },
      digest: true,
      channels: [
        { type: "webhook", url: receiver.url("/teams"), format: "teams", secret: teamsSecret },
      ],
    });

    const now = Date.now();
    const alpha = await mutate({
      op: "add",
      tenant: {
        name: "Alpha <b>&</b> Co",
        subscriptionId: SUB_A,
        licenseEndsAt: new Date(now + 10 * DAY).toISOString(),
      },
    });
    const beta = await mutate({
      op: "add",
      tenant: {
        name: "Beta",
        subscriptionId: SUB_A,
        licenseEndsAt: new Date(now + 100 * DAY).toISOString(),
      },
    });
    // Outside every scope: another subscription.
    const gamma = await mutate({
      op: "add",
      tenant: {
        name: "Gamma",
        subscriptionId: SUB_B,
        licenseEndsAt: new Date(now + 5 * DAY).toISOString(),
      },
    });
    await mutate({ op: "set-status", id: x.id, status: "disabled" });
    await mutate({ op: "set-status", id: y.id, status: "disabled" }); // other subscription
    const deletion = new Date(now + 30 * DAY).toISOString();
    for (const id of [alpha.id, beta.id, gamma.id])
      await mutate({ op: "schedule-deletion", id, deletionStartsAt: deletion });

    startWorker();
    await sync();
    await until(
      () =>
        receiver.delivered("/json").length >= 1 &&
        receiver.delivered("/slack").length >= 2 &&
        receiver.delivered("/teams").length >= 1 &&
        smtp.mails.length >= 1,
      15_000,
    );
    await settle();

    // Status changed to disabled, in X's subscription only; the "deleted" rule stays silent.
    const [json] = receiver.delivered("/json");
    expect(receiver.requests.filter((r) => r.path === "/json")).toHaveLength(1);
    expect(receiver.requests.filter((r) => r.path === "/deleted")).toHaveLength(0);
    const signature = json!.headers["x-atlas-signature"] as string;
    const timestamp = json!.headers["x-atlas-timestamp"] as string;
    expect(verifyWebhook({ secret: generated!, body: json!.body, signature, timestamp })).toBe(
      true,
    );
    expect(
      verifyWebhook({ secret: "wrong-secret-0123456789", body: json!.body, signature, timestamp }),
    ).toBe(false);
    expect(json!.headers["content-type"]).toContain("application/json");
    const body = bodyOf(json!);
    expect(body).toMatchObject({
      type: "tenant-atlas.alert",
      version: 1,
      kind: "event",
      test: false,
      eventCount: 1,
      truncated: false,
      rule: { id: statusRule.rule.id, name: "Disabled in X's subscription" },
    });
    expect(String(body.deliveryId)).toBe(json!.headers["x-atlas-delivery"]);
    expect(body.events).toEqual([
      expect.objectContaining({
        trigger: "statusChanged",
        tenant: expect.objectContaining({ id: x.id, status: "disabled" }),
        change: expect.objectContaining({
          kind: "status_changed",
          before: "active",
          after: "disabled",
        }),
        url: `${APP_URL}/?q=${encodeURIComponent(x.id)}`,
      }),
    ]);

    // Tenants added in SUB_A: one Slack message each (not a digest), names escaped; not Gamma.
    const slack = receiver.delivered("/slack");
    expect(slack).toHaveLength(2);
    for (const r of slack)
      expect(
        verifyWebhook({
          secret: slackSecret,
          body: r.body,
          signature: r.headers["x-atlas-signature"] as string,
          timestamp: r.headers["x-atlas-timestamp"] as string,
        }),
      ).toBe(true);
    const slackTexts = slack.map((r) => bodyOf(r).text as string).sort();
    expect(slackTexts[0]).toContain("Alpha &lt;b&gt;&amp;&lt;/b&gt; Co: added");
    expect(slackTexts[1]).toContain("Beta: added");
    expect(slack.every((r) => Array.isArray(bodyOf(r).blocks))).toBe(true);
    expect(slack.map((r) => r.body).join()).not.toContain("Gamma");

    // Deletion scheduled: ONE Teams digest listing Alpha and Beta, not Gamma.
    const teams = receiver.delivered("/teams");
    expect(teams).toHaveLength(1);
    const card = bodyOf(teams[0]!);
    expect(card.type).toBe("message");
    expect(card.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    const cardText = JSON.stringify(card.attachments[0].content);
    expect(cardText).toContain("2 matches: deletion scheduled");
    expect(cardText).toContain("Beta: deletion scheduled for");
    expect(cardText).not.toContain("Gamma");
    expect(
      verifyWebhook({
        secret: teamsSecret,
        body: teams[0]!.body,
        signature: teams[0]!.headers["x-atlas-signature"] as string,
        timestamp: teams[0]!.headers["x-atlas-timestamp"] as string,
      }),
    ).toBe(true);

    // License within 20 days in SUB_A: Alpha only (Beta's is in 100 days, Gamma is out of scope).
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.from).toBe("alerts@example.com");
    expect(mail.to.sort()).toEqual(["lead@example.com", "ops@example.com"]);
    expect(mail.subject).toMatch(
      /^\[Tenant Atlas\] License soon: Alpha <b>&<\/b> Co: license ends \d{4}-\d\d-\d\d \(in 10 days\)$/,
    );
    expect(mail.text).toContain("Alpha <b>&</b> Co: license ends");
    expect(mail.text).toContain(`${APP_URL}/?q=${encodeURIComponent(alpha.id)}`);
    expect(mail.html).toContain("Alpha &lt;b&gt;&amp;&lt;/b&gt; Co: license ends");
    expect(mail.html).not.toContain("<b>&</b>");

    // The delivery log has them all as sent, once each.
    const log = await storage.listAlertDeliveries({ limit: 200 });
    expect(log.items.map((d) => d.status)).toEqual(Array(5).fill("sent"));

    // A second sync with nothing new announces nothing again.
    const requestsBefore = receiver.requests.length;
    await sync();
    await settle();
    expect(receiver.requests.length).toBe(requestsBefore);
    expect(smtp.mails).toHaveLength(1);
    expect((await storage.listAlertDeliveries({ limit: 200 })).items).toHaveLength(5);

    // A license end moved to another date is a new event: announced once more.
    await mutate({
      op: "set-license",
      id: alpha.id,
      licenseEndsAt: new Date(now + 15 * DAY).toISOString(),
    });
    await sync();
    await until(() => smtp.mails.length >= 2);
    await settle();
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails[1]!.subject).toContain("(in 15 days)");
  });

  it("a receiver that fails three times then recovers gets the message once", async () => {
    const { rule, secrets } = await createRule({
      name: "Removed tenants",
      trigger: { kind: "tenantRemoved" },
      channels: [{ type: "webhook", url: receiver.url("/flaky"), format: "json" }],
    });
    const victim = sim.tenants().find((t) => t.status === "active")!;
    await mutate({ op: "delete", id: victim.id });
    receiver.failNext(3);
    startWorker({ delaysMs: [30, 60], giveUpAfterMs: 60_000 });
    await sync();
    await until(() => receiver.delivered("/flaky").length >= 1, 15_000);
    await settle();

    const tries = receiver.requests.filter((r) => r.path === "/flaky");
    expect(tries.map((r) => r.status)).toEqual([503, 503, 503, 204]);
    // The same delivery (id, body) each time, freshly signed.
    expect(new Set(tries.map((r) => r.headers["x-atlas-delivery"])).size).toBe(1);
    const last = tries[3]!;
    expect(
      verifyWebhook({
        secret: secrets![0]!.secret,
        body: last.body,
        signature: last.headers["x-atlas-signature"] as string,
        timestamp: last.headers["x-atlas-timestamp"] as string,
      }),
    ).toBe(true);
    expect(bodyOf(last).events[0]).toMatchObject({
      trigger: "tenantRemoved",
      tenant: { id: victim.id, name: victim.name },
      change: { kind: "removed" },
    });

    const res = await alertsApi.deliveries(`rule=${rule.id}`, admin);
    const { deliveries } = (await res.json()) as { deliveries: Json[] };
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      status: "sent",
      attempts: 4,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(deliveries[0].attemptLog.map((a: Json) => [a.ok, a.httpStatus])).toEqual([
      [false, 503],
      [false, 503],
      [false, 503],
      [true, 204],
    ]);
    expect(deliveries[0].attemptLog[0].error).toBe(
      `127.0.0.1:${new URL(receiver.url()).port} answered HTTP 503 Service Unavailable: receiver is down`,
    );
  });

  it("gives up after the retry window and marks the delivery failed with the reason", async () => {
    const { rule } = await createRule({
      name: "Renames",
      trigger: { kind: "renamedOrMoved" },
      channels: [{ type: "webhook", url: receiver.url("/down"), format: "json" }],
    });
    const target = sim.tenants().find((t) => t.status === "active")!;
    await mutate({ op: "rename", id: target.id, name: "Renamed for alerts" });
    receiver.alwaysAnswer(500);
    startWorker({ delaysMs: [20], giveUpAfterMs: 300 });
    await sync();
    await until(async () => {
      const page = await storage.listAlertDeliveries({ ruleId: rule.id });
      return page.items[0]?.status === "failed";
    }, 15_000);
    const [d] = (await storage.listAlertDeliveries({ ruleId: rule.id })).items;
    // Tried every 20 ms until 300 ms after it was made (how often depends on the machine's load).
    expect(d!.attempts).toBeGreaterThanOrEqual(1);
    expect(d!.lastError).toContain(`(gave up after ${d!.attempts} tries over`);
    expect(d!.lastError).toMatch(
      /answered HTTP 500 .*\(gave up after \d+ tries over \d+ (s|min|h)\)$/,
    );
    expect(d!.nextAttemptAt).toBeNull();
    const count = receiver.requests.length;
    await settle(200);
    expect(receiver.requests.length).toBe(count);
  });

  it("Send test reaches every channel now and records it; email without SMTP_URL says it is not configured", async () => {
    const { rule } = await createRule({
      name: "Test me",
      trigger: { kind: "tenantAdded" },
      channels: [
        {
          type: "webhook",
          url: receiver.url("/test"),
          format: "slack",
          secret: "test-channel-secret-0123456789",
        },
        { type: "email", to: ["ops@example.com"] },
      ],
    });
    useEnv({ NEXTAUTH_URL: APP_URL, SMTP_URL: smtp.url, ALERTS_FROM: "alerts@example.com" });
    let res = await alertsApi.test(rule.id, admin);
    expect(res.status).toBe(200);
    let answer = (await res.json()) as AlertTestResponse;
    expect(answer.results.map((r) => [r.channel.index, r.channel.type, r.status, r.error])).toEqual(
      [
        [0, "webhook", "sent", null],
        [1, "email", "sent", null],
      ],
    );
    expect(receiver.delivered("/test")).toHaveLength(1);
    expect(bodyOf(receiver.delivered("/test")[0]!).text).toContain("(test)");
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.subject).toContain("Test me");

    useEnv({ NEXTAUTH_URL: APP_URL });
    res = await alertsApi.test(rule.id, admin);
    answer = (await res.json()) as AlertTestResponse;
    expect(answer.results[1]).toMatchObject({ status: "failed", error: EMAIL_NOT_CONFIGURED });

    const log = await alertsApi.deliveries(`rule=${rule.id}`, admin);
    const { deliveries } = (await log.json()) as { deliveries: Json[] };
    expect(deliveries.map((d) => [d.kind, d.channel.type, d.status])).toEqual([
      ["test", "email", "failed"],
      ["test", "webhook", "sent"],
      ["test", "email", "sent"],
      ["test", "webhook", "sent"],
    ]);
    expect(deliveries[0].lastError).toBe(EMAIL_NOT_CONFIGURED);
    useEnv({ NEXTAUTH_URL: APP_URL, LOG_LEVEL: "silent" });
  });
});
