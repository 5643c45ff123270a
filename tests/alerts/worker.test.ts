// The delivery worker with several instances on one database: only the holder of the "alerts"
// lease sends, so every message arrives once; when the holder stops it gives the lease back and
// another instance sends what comes next. A shutdown in the middle of a send does not count as a
// try. On SQLite and PostgreSQL (two connections = two instances).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveriesFor, messageRule } from "@/lib/alerts/deliveries";
import { buildMessage } from "@/lib/alerts/message";
import { ALERTS_LEASE, AlertWorker } from "@/lib/alerts/worker";
import type { AlertRuleRecord, Storage } from "@/lib/db/storage";
import { testDatabases } from "../db/support/databases";
import { until } from "../sync/support/setup";
import { startReceiver, type Receiver } from "./support/receiver";

const databases = await testDatabases();
const silent = { info: () => {}, warn: () => {}, error: () => {} };

for (const { db, skip } of databases) {
  // skip is set only for PostgreSQL when no server answers (testDatabases() prints why); SQLite always runs.
  describe.skipIf(skip)(`alert delivery worker on ${db.name}`, () => {
    let one: Storage;
    let two: Storage;
    let receiver: Receiver;
    let rule: AlertRuleRecord;

    beforeAll(async () => {
      one = await db.open();
      two = await db.openAgain();
      receiver = await startReceiver();
      rule = await one.createAlertRule({
        id: "alr_workerworkerwork",
        name: "Worker",
        scope: "",
        trigger: { kind: "tenantAdded" },
        channels: [
          {
            id: "ch_WWWWWWWW",
            type: "webhook",
            url: receiver.url("/w"),
            format: "json",
            secret: "worker-secret-0123456789",
          },
        ],
        digest: false,
        enabled: true,
        createdBy: "t@example.com",
      });
    });
    afterAll(async () => {
      await receiver.close();
      await db.cleanup();
    });

    const enqueue = (storage: Storage, n: number, tag: string) =>
      storage.enqueueAlertDeliveries(
        Array.from({ length: n }, (_, i) =>
          deliveriesFor(
            rule,
            buildMessage({
              kind: "event",
              rule: messageRule(rule),
              snapshot: null,
              events: [
                {
                  trigger: "tenantAdded",
                  tenant: {
                    id: `${tag}-${i}`,
                    name: `${tag} ${i}`,
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
                  summary: `${tag} ${i}: added`,
                },
              ],
            }),
          ),
        ).flat(),
      );

    const worker = (storage: Storage, instance: string) =>
      new AlertWorker({
        storage: async () => storage,
        settings: () => ({}),
        logger: silent,
        pollMs: 20,
        leaseTtlMs: 30_000,
        instance,
      });

    it("sends each message once, from the instance holding the lease", async () => {
      const a = worker(one, "host-a:1:aaaa");
      const b = worker(two, "host-b:2:bbbb");
      await enqueue(one, 12, "first");
      a.start();
      b.start();
      try {
        await until(() => receiver.delivered("/w").length >= 12, 15_000);
        // Recorded as sent too (a send cut short by stop() would rightly be sent again).
        await until(async () => {
          const page = await one.listAlertDeliveries({ ruleId: rule.id, limit: 200 });
          return page.items.every((d) => d.status === "sent");
        }, 15_000);
        await new Promise((r) => setTimeout(r, 100));
        const ids = receiver.requests.map((r) => r.headers["x-atlas-delivery"]);
        expect(ids).toHaveLength(12);
        expect(new Set(ids).size).toBe(12);
        const holder = (await one.getLease(ALERTS_LEASE))!.holder;
        expect(["host-a:1:aaaa", "host-b:2:bbbb"]).toContain(holder);

        // The holder stops and gives the lease back: the other one sends what comes next.
        const [stopping, other] = holder === a.instance ? [a, b] : [b, a];
        await stopping.stop();
        receiver.reset();
        await enqueue(one, 3, "second");
        await until(() => receiver.delivered("/w").length >= 3, 15_000);
        await until(async () => {
          const page = await one.listAlertDeliveries({ ruleId: rule.id, limit: 200 });
          return page.items.every((d) => d.status === "sent");
        }, 15_000);
        expect((await one.getLease(ALERTS_LEASE))!.holder).toBe(other.instance);
        expect(receiver.requests).toHaveLength(3);
      } finally {
        await a.stop();
        await b.stop();
      }
      expect(await one.getLease(ALERTS_LEASE)).toBeNull();
      const log = await one.listAlertDeliveries({ ruleId: rule.id, limit: 200 });
      expect(log.items.every((d) => d.status === "sent" && d.attempts === 1)).toBe(true);
    });

    it("a send cut short by a shutdown is not a try: the message stays due", async () => {
      receiver.reset();
      receiver.alwaysAnswer(0); // the receiver never answers
      const [queued] = await enqueue(one, 1, "hang");
      const w = worker(one, "host-c:3:cccc");
      w.start();
      await until(() => receiver.requests.length >= 1, 15_000);
      await w.stop();
      const after = await one.getAlertDelivery(queued!.id);
      expect(after).toMatchObject({ status: "pending", attempts: 0, attemptLog: [] });
      expect(
        (await one.listDueAlertDeliveries({ now: new Date().toISOString(), limit: 10 })).map(
          (d) => d.id,
        ),
      ).toContain(queued!.id);
      receiver.alwaysAnswer(null);
    });
  });
}
