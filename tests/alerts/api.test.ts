// The alert rules API as admins and viewers call it: admins only; every bad input a 400 naming the
// field; a scope stored as the view's canonical filters; webhook secrets write-only (generated
// ones answered once, kept across edits of the channel list, never in a GET or the audit log);
// every write audited; the delivery log filtered by rule with cursor paging.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertRuleJson, AlertRuleWriteResponse } from "@/lib/alerts/types";
import { setStorageForTests, type Storage } from "@/lib/db/storage";
import { useMemoryStorage } from "../shares/support/app";
import { useEnv } from "../auth/support";
import { alertsApi, cookies } from "./support/api";

// Parsed JSON answers and bodies, read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let storage: Storage;
let admin: string;
let viewer: string;

beforeAll(async () => {
  useEnv();
  storage = await useMemoryStorage();
  ({ admin, viewer } = await cookies());
});
afterAll(async () => {
  setStorageForTests(null);
  await storage.close();
});

const valid = {
  name: "Licenses ending",
  scope: "?region=eu-central-1&status=active&sort=-name&group=region&limit=50",
  trigger: { kind: "licenseEndsWithin", days: 30 },
  channels: [
    { type: "webhook", url: "https://hooks.example.com/services/T0/B0/xyz", format: "slack" },
    { type: "email", to: ["Ops@Example.com", "ops@example.com", "lead@example.com"] },
  ],
};

async function errorOf(res: Response) {
  return {
    status: res.status,
    ...((await res.json()) as { error: { code: string; message: string } }).error,
  };
}

describe("alert rules API", () => {
  it("is for admins: viewers get 403, anonymous callers 401", async () => {
    const id = "alr_aaaaaaaaaaaaaaaa";
    for (const res of [
      await alertsApi.list(viewer),
      await alertsApi.create(valid, viewer),
      await alertsApi.patch(id, { enabled: false }, viewer),
      await alertsApi.remove(id, viewer),
      await alertsApi.test(id, viewer),
      await alertsApi.deliveries("", viewer),
    ])
      expect(res.status).toBe(403);
    expect((await alertsApi.list()).status).toBe(401);
  });

  it("creates a rule: canonical scope, secrets write-only (a generated one answered once)", async () => {
    const res = await alertsApi.create(valid, admin);
    expect(res.status).toBe(201);
    const text = await res.text();
    const { rule, secrets } = JSON.parse(text) as AlertRuleWriteResponse;
    expect(rule).toMatchObject({
      name: "Licenses ending",
      scope: "region=eu-central-1&status=active",
      scopeFilters: { region: ["eu-central-1"], status: ["active"] },
      scopeSummary: "Region eu-central-1 · Status active",
      trigger: { kind: "licenseEndsWithin", days: 30 },
      digest: false,
      enabled: true,
      createdBy: "ada@example.com",
    });
    expect(rule.channels).toEqual([
      {
        id: expect.stringMatching(/^ch_[A-Za-z0-9_-]{8}$/),
        type: "webhook",
        url: "https://hooks.example.com/services/T0/B0/xyz",
        format: "slack",
        hasSecret: true,
        label: "Webhook hooks.example.com (slack)",
      },
      {
        id: expect.stringMatching(/^ch_/),
        type: "email",
        to: ["ops@example.com", "lead@example.com"],
        label: "Email ops@example.com, +1",
      },
    ]);
    expect(secrets).toEqual([
      {
        channelId: rule.channels[0]!.id,
        channel: 0,
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
      },
    ]);
    const listed = await (await alertsApi.list(admin)).text();
    expect(listed).not.toContain(secrets![0]!.secret);
    expect(listed).not.toContain('"secret"');
    expect((JSON.parse(listed) as { rules: AlertRuleJson[] }).rules.map((r) => r.id)).toEqual([
      rule.id,
    ]);

    // A secret given by the admin is not echoed either.
    const own = await alertsApi.create(
      {
        ...valid,
        channels: [
          { type: "webhook", url: "http://10.0.0.5:8080/hook", secret: "my-own-secret-0123456789" },
        ],
      },
      admin,
    );
    const ownText = await own.text();
    expect(own.status).toBe(201);
    expect(ownText).not.toContain("my-own-secret-0123456789");
    expect(JSON.parse(ownText).secrets).toBeUndefined();
    expect(JSON.parse(ownText).rule.channels[0].format).toBe("json");
  });

  it("refuses bad input with a 400 naming the field", async () => {
    const cases: [unknown, string][] = [
      [
        { ...valid, trigger: { kind: "licenseEndsWithin", days: 0 } },
        'Invalid body field "trigger.days": must be at least 1',
      ],
      [
        { ...valid, trigger: { kind: "licenseEndsWithin", days: 366 } },
        'Invalid body field "trigger.days": must be at most 365',
      ],
      [
        { ...valid, trigger: { kind: "licenseEndsWithin", days: 1.5 } },
        'Invalid body field "trigger.days": must be a whole number of days',
      ],
      [{ ...valid, trigger: { kind: "soon" } }, 'Invalid body field "trigger.kind"'],
      [
        { ...valid, trigger: { kind: "tenantAdded", days: 3 } },
        'Unknown body field "trigger.days"',
      ],
      [
        { ...valid, channels: [{ type: "webhook", url: "ftp://example.com/x" }] },
        'Invalid body field "channels.0.url": must be an http:// or https:// URL',
      ],
      [
        { ...valid, channels: [{ type: "webhook", url: "https://u:p@example.com/x" }] },
        'Invalid body field "channels.0.url": must not carry a user name or password',
      ],
      [
        {
          ...valid,
          channels: [{ type: "webhook", url: "https://example.com/x", secret: "short" }],
        },
        'Invalid body field "channels.0.secret": must be at least 16 characters',
      ],
      [
        {
          ...valid,
          channels: [{ type: "webhook", url: "https://example.com/x", format: "discord" }],
        },
        'Invalid body field "channels.0.format"',
      ],
      [
        { ...valid, channels: [{ type: "email", to: ["not-an-address"] }] },
        'Invalid body field "channels.0.to.0": must be an email address',
      ],
      [
        { ...valid, channels: [{ type: "email", to: [] }] },
        'Invalid body field "channels.0.to": needs at least one address',
      ],
      [{ ...valid, channels: [] }, 'Invalid body field "channels": needs at least one channel'],
      [
        { ...valid, channels: [{ type: "sms", to: "+41" }] },
        'Invalid body field "channels.0.type"',
      ],
      [{ ...valid, scope: "region=mars" }, 'Invalid body field "scope"'],
      [{ ...valid, scope: "colour=red" }, 'Invalid body field "scope"'],
      [{ ...valid, name: "  " }, 'Invalid body field "name": must not be empty'],
      [{ ...valid, color: "red" }, 'Unknown body field "color"'],
      ["[]", "Invalid body"],
    ];
    for (const [body, message] of cases) {
      const err = await errorOf(await alertsApi.create(body, admin));
      expect(err.status, JSON.stringify(body)).toBe(400);
      expect(err.message, JSON.stringify(body)).toContain(message);
    }
    expect((await errorOf(await alertsApi.create("{", admin))).message).toBe(
      "The request body is not valid JSON.",
    );
  });

  it("changes a rule: a webhook sent back with its id keeps its secret, a new one gets one", async () => {
    const { rule, secrets } = (await (
      await alertsApi.create(valid, admin)
    ).json()) as AlertRuleWriteResponse;
    const [hook, mail] = rule.channels;
    const stored = async () => (await storage.getAlertRule(rule.id))!;
    const original = (await stored()).channels[0] as { secret: string };
    expect(original.secret).toBe(secrets![0]!.secret);

    let res = await alertsApi.patch(
      rule.id,
      {
        name: "Renamed",
        digest: true,
        channels: [
          {
            type: "webhook",
            id: hook!.id,
            url: "https://hooks.example.com/services/T0/B0/new",
            format: "slack",
          },
          { type: "webhook", url: "https://teams.example.com/workflow", format: "teams" },
          { type: "email", id: mail!.id, to: ["ops@example.com"] },
        ],
      },
      admin,
    );
    expect(res.status).toBe(200);
    const patched = (await res.json()) as AlertRuleWriteResponse;
    expect(patched.rule).toMatchObject({ name: "Renamed", digest: true, scope: rule.scope });
    expect(patched.rule.channels.map((c) => c.id)).toEqual([
      hook!.id,
      expect.stringMatching(/^ch_/),
      mail!.id,
    ]);
    expect(patched.secrets).toEqual([
      {
        channelId: patched.rule.channels[1]!.id,
        channel: 1,
        secret: expect.stringMatching(/^whsec_/),
      },
    ]);
    const after = await stored();
    expect((after.channels[0] as { secret: string }).secret).toBe(original.secret);

    // A given secret replaces the stored one (and is not answered).
    res = await alertsApi.patch(
      rule.id,
      {
        channels: [
          {
            type: "webhook",
            id: hook!.id,
            url: "https://hooks.example.com/x",
            secret: "rotated-secret-0123456789",
          },
        ],
      },
      admin,
    );
    expect(await res.text()).not.toContain("rotated-secret-0123456789");
    expect(((await stored()).channels[0] as { secret: string }).secret).toBe(
      "rotated-secret-0123456789",
    );

    expect((await errorOf(await alertsApi.patch(rule.id, {}, admin))).message).toContain(
      "nothing to change",
    );
    expect(
      (await errorOf(await alertsApi.patch("alr_zzzzzzzzzzzzzzzz", { enabled: false }, admin)))
        .status,
    ).toBe(404);
    expect(
      (await errorOf(await alertsApi.patch("nope", { enabled: false }, admin))).message,
    ).toContain('Invalid path parameter "id"');

    // Disabled and deleted.
    res = await alertsApi.patch(rule.id, { enabled: false }, admin);
    expect(((await res.json()) as AlertRuleWriteResponse).rule.enabled).toBe(false);
    expect((await alertsApi.remove(rule.id, admin)).status).toBe(204);
    expect((await alertsApi.remove(rule.id, admin)).status).toBe(404);
    expect((await alertsApi.test(rule.id, admin)).status).toBe(404);
  });

  it("audits every write without secrets", async () => {
    const { items } = await storage.listAudit({ limit: 100 });
    const actions = items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["alert.rule.create", "alert.rule.update", "alert.rule.delete"]),
    );
    const text = JSON.stringify(items);
    expect(text).not.toContain("whsec_");
    expect(text).not.toContain("rotated-secret-0123456789");
    expect(text).not.toContain("my-own-secret-0123456789");
    expect(text).not.toContain("/services/T0/B0"); // webhook URLs by host only
    const created = items.find((e) => e.action === "alert.rule.create")!;
    expect(created.actor).toBe("ada@example.com");
    expect(created.details).toMatchObject({
      ruleId: expect.stringMatching(/^alr_/),
      name: expect.any(String),
    });
  });

  it("lists deliveries by rule with paging; refuses unknown rules, statuses and cursors", async () => {
    const { rule } = (await (
      await alertsApi.create(valid, admin)
    ).json()) as AlertRuleWriteResponse;
    const base = {
      ruleId: rule.id,
      ruleName: rule.name,
      channelIndex: 1,
      channelId: rule.channels[1]!.id,
      channelType: "email" as const,
      channelLabel: rule.channels[1]!.label,
      kind: "event" as const,
      eventCount: 1,
      payload: "{}",
    };
    await storage.enqueueAlertDeliveries(
      Array.from({ length: 3 }, (_, i) => ({ ...base, summary: `event ${i}` })),
    );
    let res = await alertsApi.deliveries(`rule=${rule.id}&limit=2`, admin);
    const first = (await res.json()) as { deliveries: Json[]; nextCursor: string };
    expect(first.deliveries.map((d) => d.summary)).toEqual(["event 2", "event 1"]);
    expect(first.deliveries[0]).toMatchObject({
      ruleId: rule.id,
      channel: { index: 1, type: "email", label: "Email ops@example.com, +1" },
      status: "pending",
      attempts: 0,
      attemptLog: [],
    });
    expect(first.deliveries[0]).not.toHaveProperty("payload");
    res = await alertsApi.deliveries(`rule=${rule.id}&limit=2&cursor=${first.nextCursor}`, admin);
    const second = (await res.json()) as { deliveries: Json[]; nextCursor: string | null };
    expect(second.deliveries.map((d) => d.summary)).toEqual(["event 0"]);
    expect(second.nextCursor).toBeNull();

    expect(
      (await errorOf(await alertsApi.deliveries("rule=alr_zzzzzzzzzzzzzzzz", admin))).status,
    ).toBe(404);
    expect((await errorOf(await alertsApi.deliveries("status=lost", admin))).message).toContain(
      '"status"',
    );
    expect((await errorOf(await alertsApi.deliveries("cursor=abc", admin))).message).toContain(
      '"cursor"',
    );
    expect((await errorOf(await alertsApi.deliveries("limit=0", admin))).message).toContain(
      '"limit"',
    );
    expect((await errorOf(await alertsApi.deliveries("foo=1", admin))).message).toBe(
      'Unknown query parameter "foo".',
    );
  });
});
