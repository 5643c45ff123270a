// Alert storage on SQLite and PostgreSQL: rules with their channels (secrets kept, as stored),
// the notification dedupe that announces a (rule, tenant, event) once — also when two instances
// record the same matches — and the outbox: due deliveries, attempts appended to the log, paging,
// the purge, and a rule's deletion taking its notifications and deliveries with it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewAlertDelivery, Storage } from "@/lib/db/storage";
import { testDatabases } from "../db/support/databases";

const databases = await testDatabases();

const T0 = Date.parse("2026-11-27T12:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

const webhook = {
  id: "ch_AAAAAAAA",
  type: "webhook" as const,
  url: "https://hooks.example.com/x",
  format: "json" as const,
  secret: "whsec_0123456789abcdef",
};
const email = { id: "ch_BBBBBBBB", type: "email" as const, to: ["ops@example.com"] };

function delivery(
  ruleId: string,
  summary: string,
  extra: Partial<NewAlertDelivery> = {},
): NewAlertDelivery {
  return {
    ruleId,
    ruleName: "Rule",
    channelIndex: 0,
    channelId: webhook.id,
    channelType: "webhook",
    channelLabel: "Webhook hooks.example.com (json)",
    kind: "event",
    summary,
    eventCount: 1,
    payload: JSON.stringify({ summary }),
    ...extra,
  };
}

for (const { db, skip } of databases) {
  // skip is set only for PostgreSQL when no server answers (testDatabases() prints why); SQLite always runs.
  describe.skipIf(skip)(`alert storage on ${db.name}`, () => {
    let storage: Storage;
    let other: Storage;
    beforeAll(async () => {
      storage = await db.open();
      other = await db.openAgain();
    });
    afterAll(async () => {
      await db.cleanup();
    });

    it("creates, reads, lists, changes and deletes rules", async () => {
      const created = await storage.createAlertRule({
        id: "alr_aaaaaaaaaaaaaaaa",
        name: "Licenses",
        scope: "region=eu-central-1",
        trigger: { kind: "licenseEndsWithin", days: 30 },
        channels: [webhook, email],
        digest: false,
        enabled: true,
        createdBy: "admin@example.com",
        createdAt: at(0),
      });
      expect(created).toEqual({
        id: "alr_aaaaaaaaaaaaaaaa",
        name: "Licenses",
        scope: "region=eu-central-1",
        trigger: { kind: "licenseEndsWithin", days: 30 },
        channels: [webhook, email],
        digest: false,
        enabled: true,
        createdBy: "admin@example.com",
        createdAt: at(0),
        updatedAt: at(0),
      });
      await storage.createAlertRule({
        id: "alr_bbbbbbbbbbbbbbbb",
        name: "Removed",
        scope: "",
        trigger: { kind: "tenantRemoved" },
        channels: [email],
        digest: true,
        enabled: false,
        createdBy: "admin@example.com",
        createdAt: at(1),
      });
      expect((await other.listAlertRules()).map((r) => r.id)).toEqual([
        "alr_aaaaaaaaaaaaaaaa",
        "alr_bbbbbbbbbbbbbbbb",
      ]);
      expect((await other.listAlertRules({ enabled: true })).map((r) => r.id)).toEqual([
        "alr_aaaaaaaaaaaaaaaa",
      ]);
      const changed = await storage.updateAlertRule("alr_bbbbbbbbbbbbbbbb", {
        enabled: true,
        trigger: { kind: "statusChanged", to: ["disabled"] },
        updatedAt: at(5),
      });
      expect(changed).toMatchObject({
        enabled: true,
        digest: true,
        name: "Removed",
        trigger: { kind: "statusChanged", to: ["disabled"] },
        createdAt: at(1),
        updatedAt: at(5),
      });
      expect(await storage.updateAlertRule("alr_cccccccccccccccc", { name: "x" })).toBeNull();
      expect(await storage.getAlertRule("alr_cccccccccccccccc")).toBeNull();
    });

    it("announces each (rule, tenant, event) once, across instances", async () => {
      const ruleId = "alr_aaaaaaaaaaaaaaaa";
      const made: string[][] = [];
      const record = (s: Storage, keys: [string, string][]) =>
        s.recordAlertNotifications({
          ruleId,
          candidates: keys.map(([tenantId, eventKey]) => ({ tenantId, eventKey })),
          snapshotId: 1,
          at: at(10),
          deliveriesFor: (fresh) => {
            made.push(fresh.map((f) => f.tenantId));
            return fresh.map((f) => delivery(ruleId, `${f.tenantId} ${f.eventKey}`));
          },
        });
      const first = await record(storage, [
        ["t1", "license:2026-12-20T00:00:00.000Z"],
        ["t2", "license:2026-12-20T00:00:00.000Z"],
        ["t1", "license:2026-12-20T00:00:00.000Z"], // a duplicate candidate counts once
      ]);
      expect(first.fresh).toEqual([
        { tenantId: "t1", eventKey: "license:2026-12-20T00:00:00.000Z" },
        { tenantId: "t2", eventKey: "license:2026-12-20T00:00:00.000Z" },
      ]);
      expect(first.deliveries.map((d) => d.summary)).toEqual([
        "t1 license:2026-12-20T00:00:00.000Z",
        "t2 license:2026-12-20T00:00:00.000Z",
      ]);
      // The next sync finds the same licenses (nothing new) plus a changed end date for t2.
      const second = await record(other, [
        ["t1", "license:2026-12-20T00:00:00.000Z"],
        ["t2", "license:2026-12-20T00:00:00.000Z"],
        ["t2", "license:2027-01-10T00:00:00.000Z"],
      ]);
      expect(second.fresh).toEqual([
        { tenantId: "t2", eventKey: "license:2027-01-10T00:00:00.000Z" },
      ]);
      expect(second.deliveries).toHaveLength(1);
      // Nothing new: no deliveries asked for at all.
      const third = await record(storage, [["t1", "license:2026-12-20T00:00:00.000Z"]]);
      expect(third).toEqual({ fresh: [], deliveries: [] });
      expect(made).toEqual([["t1", "t2"], ["t2"]]);
      // Another rule announces the same tenant-event on its own.
      const elsewhere = await storage.recordAlertNotifications({
        ruleId: "alr_bbbbbbbbbbbbbbbb",
        candidates: [{ tenantId: "t1", eventKey: "license:2026-12-20T00:00:00.000Z" }],
        snapshotId: 1,
        deliveriesFor: () => [],
      });
      expect(elsewhere.fresh).toHaveLength(1);
    });

    it("records many matches at once (more than one INSERT's worth)", async () => {
      const ruleId = "alr_bbbbbbbbbbbbbbbb";
      const candidates = Array.from({ length: 1_234 }, (_, i) => ({
        tenantId: `bulk-${i}`,
        eventKey: `deletion:2027-0${(i % 9) + 1}-01T00:00:00.000Z`,
      }));
      const result = await storage.recordAlertNotifications({
        ruleId,
        candidates,
        snapshotId: 2,
        deliveriesFor: (fresh) => [
          delivery(ruleId, `${fresh.length} tenants`, { kind: "digest", eventCount: fresh.length }),
        ],
      });
      expect(result.fresh).toHaveLength(1_234);
      expect(result.deliveries[0]).toMatchObject({
        summary: "1234 tenants",
        eventCount: 1_234,
        kind: "digest",
      });
      const again = await other.recordAlertNotifications({
        ruleId,
        candidates,
        snapshotId: 3,
        deliveriesFor: () => {
          throw new Error("nothing is fresh");
        },
      });
      expect(again.fresh).toEqual([]);
    });

    it("rolls the notifications back when the deliveries cannot be written", async () => {
      const ruleId = "alr_aaaaaaaaaaaaaaaa";
      const key = { tenantId: "t9", eventKey: "change:99" };
      await expect(
        storage.recordAlertNotifications({
          ruleId,
          candidates: [key],
          snapshotId: 4,
          deliveriesFor: () => {
            throw new Error("boom");
          },
        }),
      ).rejects.toThrow("boom");
      const retried = await storage.recordAlertNotifications({
        ruleId,
        candidates: [key],
        snapshotId: 4,
        deliveriesFor: (fresh) => fresh.map(() => delivery(ruleId, "t9 again")),
      });
      expect(retried.fresh).toEqual([key]);
    });

    it("keeps the outbox: due deliveries, tries in the log, status and paging", async () => {
      const ruleId = "alr_aaaaaaaaaaaaaaaa";
      const [a, b, test] = await storage.enqueueAlertDeliveries([
        delivery(ruleId, "due now", { nextAttemptAt: at(100), createdAt: at(100) }),
        delivery(ruleId, "due later", { nextAttemptAt: at(500), createdAt: at(100) }),
        delivery(ruleId, "a test", { kind: "test", nextAttemptAt: null, createdAt: at(100) }),
      ]);
      expect(a).toMatchObject({
        status: "pending",
        attempts: 0,
        attemptLog: [],
        lastError: null,
        sentAt: null,
      });
      const due = await other.listDueAlertDeliveries({ now: at(200), limit: 50 });
      const dueIds = due.map((d) => d.id);
      expect(dueIds).toContain(a!.id);
      expect(dueIds).not.toContain(b!.id);
      expect(dueIds).not.toContain(test!.id); // sent by its request, never by the worker
      const next = await storage.nextAlertDeliveryDue();
      expect(next).not.toBeNull();

      const failed = await storage.recordAlertDeliveryAttempt(a!.id, {
        attempt: { at: at(200), ok: false, httpStatus: 500, error: "HTTP 500", durationMs: 12 },
        status: "retrying",
        nextAttemptAt: at(260),
      });
      expect(failed).toMatchObject({
        status: "retrying",
        attempts: 1,
        lastError: "HTTP 500",
        nextAttemptAt: at(260),
      });
      expect(
        (await storage.listDueAlertDeliveries({ now: at(200), limit: 50 })).map((d) => d.id),
      ).not.toContain(a!.id);
      const sent = await other.recordAlertDeliveryAttempt(a!.id, {
        attempt: { at: at(260), ok: true, httpStatus: 204, durationMs: 8 },
        status: "sent",
        nextAttemptAt: null,
      });
      expect(sent).toMatchObject({
        status: "sent",
        attempts: 2,
        lastError: null,
        sentAt: at(260),
        nextAttemptAt: null,
      });
      expect(sent!.attemptLog).toEqual([
        { at: at(200), ok: false, httpStatus: 500, error: "HTTP 500", durationMs: 12 },
        { at: at(260), ok: true, httpStatus: 204, durationMs: 8 },
      ]);
      expect(
        await storage.recordAlertDeliveryAttempt(999_999, {
          attempt: { at: at(1), ok: true, durationMs: 1 },
          status: "sent",
          nextAttemptAt: null,
        }),
      ).toBeNull();

      const page1 = await storage.listAlertDeliveries({ ruleId, limit: 2 });
      expect(page1.items).toHaveLength(2);
      expect(page1.items[0]!.id).toBeGreaterThan(page1.items[1]!.id);
      const page2 = await storage.listAlertDeliveries({
        ruleId,
        limit: 2,
        cursor: page1.nextCursor,
      });
      expect(page2.items[0]!.id).toBeLessThan(page1.items[1]!.id);
      const sentOnly = await storage.listAlertDeliveries({ status: "sent" });
      expect(sentOnly.items.map((d) => d.id)).toEqual([a!.id]);
      expect((await storage.listAlertDeliveries({ ruleId: "alr_zzzzzzzzzzzzzzzz" })).items).toEqual(
        [],
      );
    });

    it("purges old sent and failed deliveries, keeping what is still to send", async () => {
      const ruleId = "alr_bbbbbbbbbbbbbbbb";
      const [old, pending] = await storage.enqueueAlertDeliveries([
        delivery(ruleId, "old", { createdAt: at(-86_400 * 40) }),
        delivery(ruleId, "old but pending", { createdAt: at(-86_400 * 40) }),
      ]);
      await storage.recordAlertDeliveryAttempt(old!.id, {
        attempt: { at: at(-86_400 * 40), ok: false, error: "x", durationMs: 1 },
        status: "failed",
        nextAttemptAt: null,
      });
      expect(await storage.purgeAlertDeliveries(at(-86_400 * 30))).toBe(1);
      expect(await storage.getAlertDelivery(old!.id)).toBeNull();
      expect(await storage.getAlertDelivery(pending!.id)).not.toBeNull();
    });

    it("deletes a rule with its notifications and deliveries", async () => {
      const ruleId = "alr_aaaaaaaaaaaaaaaa";
      expect(await storage.deleteAlertRule(ruleId)).toBe(true);
      expect(await storage.deleteAlertRule(ruleId)).toBe(false);
      expect((await other.listAlertDeliveries({ ruleId })).items).toEqual([]);
      // Its notifications are gone: a rule made again with the same id would announce afresh.
      await storage.createAlertRule({
        id: ruleId,
        name: "again",
        scope: "",
        trigger: { kind: "tenantAdded" },
        channels: [email],
        digest: false,
        enabled: true,
        createdBy: "admin@example.com",
      });
      const again = await storage.recordAlertNotifications({
        ruleId,
        candidates: [{ tenantId: "t1", eventKey: "license:2026-12-20T00:00:00.000Z" }],
        snapshotId: 9,
        deliveriesFor: () => [],
      });
      expect(again.fresh).toHaveLength(1);
    });
  });
}
