// Rule evaluation and message rendering without a network: which events a trigger finds (time
// windows, status targets, removed tenants seen as they were), scopes applied by the explorer's
// query engine, the cap on separate messages, and the three webhook bodies and the email escaping
// what tenant names may hold. The signature is checked against an independent HMAC.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import type { SyncFacts } from "@/lib/alerts/events";
import { SMALL_SCOPE_CANDIDATES } from "@/lib/alerts/scope";
import { buildMessage, MAX_LISTED_EVENTS, type AlertEventJson } from "@/lib/alerts/message";
import { renderEmail, renderWebhookBody } from "@/lib/alerts/render";
import { nextAttemptAt, DEFAULT_RETRY_POLICY } from "@/lib/alerts/retry";
import { signWebhook, verifyWebhook } from "@/lib/alerts/signature";
import { openStorage, type Storage } from "@/lib/db/storage";
import { createTenantIndex, NO_ANNOTATIONS } from "@/lib/tenants/query";
import type { Tenant, TenantChange } from "@/lib/tenants/types";

const NOW = Date.parse("2026-12-01T12:00:00.000Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function tenant(id: string, extra: Partial<Tenant> = {}): Tenant {
  return {
    id,
    name: `Tenant ${id}`,
    status: "active",
    hostnames: [`${id}.eu.qlikcloud.com`],
    regionCode: "eu-central-1",
    countryCode: "DE",
    subscriptionId: "111",
    licenseNumber: null,
    createdBy: null,
    createdAt: "2024-01-01T00:00:00.000Z",
    updatedAt: "2024-01-01T00:00:00.000Z",
    licenseStartsAt: null,
    licenseEndsAt: null,
    deletionStartsAt: null,
    ...extra,
  };
}

let changeId = 0;
function change(
  t: Tenant,
  kind: TenantChange["kind"],
  before: string | null,
  after: string | null,
): TenantChange {
  return {
    id: ++changeId,
    tenantId: t.id,
    tenantName: t.name,
    kind,
    before,
    after,
    detectedAt: iso(NOW),
  };
}

let storage: Storage;
beforeAll(async () => {
  storage = await openStorage({ url: "file::memory:" });
});
afterAll(async () => {
  await storage.close();
});

async function rule(trigger: object, scope = "", digest = false) {
  const id = `alr_${String(Math.random()).slice(2, 18).padEnd(16, "0")}`;
  return storage.createAlertRule({
    id,
    name: `rule ${id}`,
    scope,
    trigger: trigger as never,
    channels: [{ id: "ch_AAAAAAAA", type: "email", to: ["ops@example.com"] }],
    digest,
    enabled: true,
    createdBy: "t@example.com",
  });
}

async function evaluateOnly(ruleIds: string[], facts: SyncFacts, maxSeparateMessages?: number) {
  const rules = (await storage.listAlertRules({ enabled: true })).filter((r) =>
    ruleIds.includes(r.id),
  );
  return evaluateAlerts(facts, {
    storage,
    rules,
    annotations: async () => NO_ANNOTATIONS,
    maxSeparateMessages,
  });
}

const facts = (
  tenants: Tenant[],
  changes: TenantChange[] = [],
  removed: Tenant[] = [],
): SyncFacts => ({
  snapshotId: 7,
  takenAt: iso(NOW),
  tenants,
  changes,
  removed: new Map(removed.map((t) => [t.id, t])),
  now: NOW,
});

async function summariesOf(ruleId: string) {
  return (await storage.listAlertDeliveries({ ruleId, limit: 200 })).items
    .map((d) => d.summary)
    .reverse();
}

describe("rule evaluation", () => {
  it("license ends within N days: inside the window only, ended licenses left out, a changed date announced again", async () => {
    const r = await rule({ kind: "licenseEndsWithin", days: 20 }, "region=eu-central-1");
    const tenants = [
      tenant("in-5", { licenseEndsAt: iso(NOW + 5 * DAY) }),
      tenant("edge-20", { licenseEndsAt: iso(NOW + 20 * DAY) }),
      tenant("out-21", { licenseEndsAt: iso(NOW + 21 * DAY) }),
      tenant("ended", { licenseEndsAt: iso(NOW - DAY) }),
      tenant("none"),
      tenant("other-region", { regionCode: "us-east-1", licenseEndsAt: iso(NOW + 3 * DAY) }),
    ];
    const first = await evaluateOnly([r.id], facts(tenants));
    expect(first).toMatchObject({ matched: 2, fresh: 2, deliveries: 2 });
    expect(await summariesOf(r.id)).toEqual([
      "Tenant in-5: license ends 2026-12-06 (in 5 days)",
      "Tenant edge-20: license ends 2026-12-21 (in 20 days)",
    ]);
    const again = await evaluateOnly([r.id], facts(tenants));
    expect(again).toMatchObject({ matched: 2, fresh: 0, deliveries: 0 });
    tenants[0] = tenant("in-5", { licenseEndsAt: iso(NOW + 9 * DAY) });
    const moved = await evaluateOnly([r.id], facts(tenants));
    expect(moved).toMatchObject({ matched: 2, fresh: 1, deliveries: 1 });
  });

  it("status changed: any change, or only to the given statuses; removed tenants are scoped as they were", async () => {
    const a = tenant("a", { status: "disabled" });
    const b = tenant("b", { status: "deleted", regionCode: "us-east-1" });
    const gone = tenant("gone", { regionCode: "eu-central-1" });
    const changes = [
      change(a, "status_changed", "active", "disabled"),
      change(b, "status_changed", "active", "deleted"),
      change(gone, "removed", "gone.eu.qlikcloud.com", null),
      change(a, "renamed", "Old name", "Tenant a"),
      change(b, "moved_region", "eu-central-1", "us-east-1"),
      change(a, "hostnames_changed", "x", "y"),
    ];
    const any = await rule({ kind: "statusChanged" });
    const toDisabled = await rule({ kind: "statusChanged", to: ["disabled"] });
    const removedInEu = await rule({ kind: "tenantRemoved" }, "region=eu-central-1");
    const removedInUs = await rule({ kind: "tenantRemoved" }, "region=us-east-1");
    const renamed = await rule({ kind: "renamedOrMoved" });
    await evaluateOnly(
      [any.id, toDisabled.id, removedInEu.id, removedInUs.id, renamed.id],
      facts([a, b], changes, [gone]),
    );
    expect(await summariesOf(any.id)).toEqual([
      "Tenant a: status active → disabled",
      "Tenant b: status active → deleted",
    ]);
    expect(await summariesOf(toDisabled.id)).toEqual(["Tenant a: status active → disabled"]);
    expect(await summariesOf(removedInEu.id)).toEqual([
      "Tenant gone: removed (gone.eu.qlikcloud.com)",
    ]);
    expect(await summariesOf(removedInUs.id)).toEqual([]);
    expect(await summariesOf(renamed.id)).toEqual([
      "Old name: renamed to Tenant a",
      "Tenant b: moved from region eu-central-1 to us-east-1",
    ]);
  });

  it("looks scopes up in the snapshot's serving index when given one, with the same result", async () => {
    const tenants = [
      tenant("s1", { status: "disabled", regionCode: "eu-west-1" }),
      tenant("s2", { status: "disabled", regionCode: "us-east-1" }),
    ];
    const gone = tenant("s3", { regionCode: "eu-west-1" });
    const changes = [
      change(tenants[0]!, "status_changed", "active", "disabled"),
      change(tenants[1]!, "status_changed", "active", "disabled"),
      change(gone, "removed", null, null),
    ];
    // Enough deletions that their scope is read from the serving index, not a small one.
    for (let i = 0; i < SMALL_SCOPE_CANDIDATES + 100; i++)
      tenants.push(
        tenant(`many-${i}`, {
          regionCode: i % 2 ? "eu-west-1" : "us-east-1",
          deletionStartsAt: iso(NOW + DAY),
        }),
      );
    const status = await rule({ kind: "statusChanged" }, "region=eu-west-1");
    const removed = await rule({ kind: "tenantRemoved" }, "region=eu-west-1");
    const deletions = await rule({ kind: "deletionScheduled" }, "region=eu-west-1", true);
    const rules = (await storage.listAlertRules()).filter((r) =>
      [status.id, removed.id, deletions.id].includes(r.id),
    );
    const report = await evaluateAlerts(facts(tenants, changes, [gone]), {
      storage,
      rules,
      snapshotIndex: createTenantIndex(tenants),
      annotations: async () => NO_ANNOTATIONS,
    });
    expect(new Map(report.perRule.map((r) => [r.ruleId, r.matched]))).toEqual(
      new Map([
        [status.id, 1],
        [removed.id, 1],
        [deletions.id, (SMALL_SCOPE_CANDIDATES + 100) / 2],
      ]),
    );
    expect(await summariesOf(status.id)).toEqual(["Tenant s1: status active → disabled"]);
    expect(await summariesOf(removed.id)).toEqual(["Tenant s3: removed"]);
  });

  it("sends at most N separate messages per sync; the rest go out as one digest", async () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      tenant(`d${String(i).padStart(2, "0")}`, { deletionStartsAt: iso(NOW + (i + 1) * DAY) }),
    );
    const separate = await rule({ kind: "deletionScheduled" });
    const digest = await rule({ kind: "deletionScheduled" }, "", true);
    const report = await evaluateOnly([separate.id, digest.id], facts(many), 5);
    expect(report.perRule).toEqual(
      expect.arrayContaining([
        { ruleId: separate.id, matched: 12, fresh: 12, deliveries: 5 },
        { ruleId: digest.id, matched: 12, fresh: 12, deliveries: 1 },
      ]),
    );
    const sent = await summariesOf(separate.id);
    expect(sent.slice(0, 4)).toEqual([
      "Tenant d00: deletion scheduled for 2026-12-02",
      "Tenant d01: deletion scheduled for 2026-12-03",
      "Tenant d02: deletion scheduled for 2026-12-04",
      "Tenant d03: deletion scheduled for 2026-12-05",
    ]);
    expect(sent[4]).toBe("8 matches: deletion scheduled");
    expect(await summariesOf(digest.id)).toEqual(["12 matches: deletion scheduled"]);
  });
});

const rule0 = {
  id: "alr_aaaaaaaaaaaaaaaa",
  name: "Evil <rule>",
  trigger: { kind: "tenantAdded" as const },
  scope: "",
  scopeSummary: "Everything",
};
const evil = "<!channel> & [click](https://evil.example) <script>alert(1)</script>";
const event = (name: string, i = 0): AlertEventJson => ({
  trigger: "tenantAdded",
  tenant: {
    id: `t${i}`,
    name,
    status: "active",
    hostname: null,
    regionCode: "eu-central-1",
    countryCode: "DE",
    subscriptionId: null,
    licenseEndsAt: null,
    deletionStartsAt: null,
  },
  change: null,
  daysLeft: null,
  summary: `${name}: added`,
});
const ctx = { deliveryId: 42, sentAt: iso(NOW), appUrl: "https://atlas.example.com/" };

describe("rendering", () => {
  const message = buildMessage({
    kind: "event",
    rule: rule0,
    snapshot: { id: 3, takenAt: iso(NOW) },
    events: [event(evil)],
  });

  it("JSON: the documented body with the delivery id and a link per tenant", () => {
    const body = JSON.parse(renderWebhookBody("json", message, ctx));
    expect(body).toMatchObject({
      type: "tenant-atlas.alert",
      version: 1,
      deliveryId: 42,
      sentAt: iso(NOW),
      kind: "event",
      test: false,
      summary: `${evil}: added`,
      snapshot: { id: 3, takenAt: iso(NOW) },
      eventCount: 1,
      truncated: false,
    });
    expect(body.events[0].url).toBe("https://atlas.example.com/?q=t0");
  });

  it("Slack: no mention or link can be forged from a name", () => {
    const text = renderWebhookBody("slack", message, ctx);
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("&lt;!channel&gt; &amp; [click](https://evil.example)");
    expect(text).toContain("<https://atlas.example.com/?q=t0|open>");
  });

  it("Teams: an Adaptive Card whose text cannot become a link", () => {
    const body = JSON.parse(renderWebhookBody("teams", message, ctx));
    const text = JSON.stringify(body.attachments[0].content.body);
    expect(text).toContain("\\\\[click\\\\]\\\\(https://evil.example\\\\)");
    expect(body.attachments[0].content.actions[0].url).toBe("https://atlas.example.com/alerts");
  });

  it("email: HTML escaped, a one-line subject, links in both parts", () => {
    const mail = renderEmail(
      buildMessage({
        kind: "event",
        rule: { ...rule0, name: "Line\r\nBcc: x@y" },
        snapshot: null,
        events: [event(evil)],
      }),
      ctx,
    );
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).toContain('href="https://atlas.example.com/?q=t0"');
    expect(mail.text).toContain(evil);
  });

  it("lists at most MAX_LISTED_EVENTS events and says how many more", () => {
    const events = Array.from({ length: MAX_LISTED_EVENTS + 5 }, (_, i) => event(`T${i}`, i));
    const big = buildMessage({ kind: "digest", rule: rule0, snapshot: null, events });
    expect(big).toMatchObject({ eventCount: MAX_LISTED_EVENTS + 5, truncated: true });
    expect(big.events).toHaveLength(MAX_LISTED_EVENTS);
    expect(renderEmail(big, ctx).text).toContain("… and 5 more");
    expect(renderWebhookBody("slack", big, ctx)).toContain("… and 5 more");
    expect(JSON.parse(renderWebhookBody("slack", big, ctx)).blocks.length).toBeLessThanOrEqual(50);
  });
});

describe("signature and retries", () => {
  it("signs timestamp.body with HMAC-SHA256 and verifies only fresh, untouched requests", () => {
    const body = '{"a":1}';
    const ts = Math.floor(NOW / 1000);
    const expected = createHmac("sha256", "s3cret-0123456789")
      .update(`${ts}.${body}`)
      .digest("hex");
    const signature = signWebhook("s3cret-0123456789", ts, body);
    expect(signature).toBe(`sha256=${expected}`);
    const check = (over: Partial<Parameters<typeof verifyWebhook>[0]>) =>
      verifyWebhook({
        secret: "s3cret-0123456789",
        body,
        signature,
        timestamp: String(ts),
        now: NOW,
        ...over,
      });
    expect(check({})).toBe(true);
    expect(check({ body: '{"a":2}' })).toBe(false);
    expect(check({ timestamp: String(ts + 1) })).toBe(false);
    expect(check({ now: NOW + 301_000 })).toBe(false); // a replay five minutes later
    expect(check({ signature: null })).toBe(false);
  });

  it("retries after 1, 5, 15 and then every 60 minutes, giving up after 24 h", () => {
    const created = NOW;
    const min = 60_000;
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 1, created, NOW)).toBe(NOW + min);
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 2, created, NOW)).toBe(NOW + 5 * min);
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 3, created, NOW)).toBe(NOW + 15 * min);
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 4, created, NOW)).toBe(NOW + 60 * min);
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 9, created, NOW + 10 * 60 * min)).toBe(
      NOW + 11 * 60 * min,
    );
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 30, created, NOW + 23.5 * 60 * min)).toBeNull();
  });
});
