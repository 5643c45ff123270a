// The Storage contract, run against SQLite and PostgreSQL alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidCursorError, type CreateShareInput, type Storage } from "@/lib/db/storage";
import type { Tenant } from "@/lib/tenants/types";
import {
  postgresDatabase,
  postgresUnavailableReason,
  sqliteDatabase,
  type TestDatabase,
} from "./support/databases";
import { byId, makeTenant, makeTenants } from "./support/tenants";

const pgSkipReason = await postgresUnavailableReason();
if (pgSkipReason) console.warn(pgSkipReason);

const databases: { db: TestDatabase; skip: boolean }[] = [
  { db: sqliteDatabase(), skip: false },
  { db: postgresDatabase(), skip: pgSkipReason !== null },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const { db, skip } of databases) {
  describe.skipIf(skip)(`storage on ${db.name}`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await db.open();
    });
    afterAll(async () => {
      await db.cleanup();
    });

    describe("snapshots", () => {
      it("has no snapshot before the first sync", async () => {
        expect(await storage.getCurrentSnapshotMeta()).toBeNull();
        expect(await storage.loadCurrentSnapshot()).toBeNull();
      });

      it("stores the first snapshot without recording an 'added' flood", async () => {
        const tenants = makeTenants(250);
        const result = await storage.replaceSnapshot({
          tenants,
          takenAt: "2026-01-01T00:00:00.000Z",
          syncRunId: 7,
        });
        expect(result.first).toBe(true);
        expect(result.changes).toBe(0);
        expect(result.snapshot).toMatchObject({
          tenantCount: 250,
          changeCount: 0,
          syncRunId: 7,
          takenAt: "2026-01-01T00:00:00.000Z",
        });
        const loaded = await storage.loadCurrentSnapshot();
        expect(loaded?.meta).toEqual(result.snapshot);
        expect(byId(loaded!.tenants)).toEqual(byId(tenants));
        expect((await storage.listChanges()).items).toEqual([]);
      });

      it("records every kind of change against the previous snapshot", async () => {
        const previous = (await storage.loadCurrentSnapshot())!.tenants;
        const next: Tenant[] = previous
          .filter((t) => t.id !== makeTenant(3).id)
          .map((t) => {
            if (t.id === makeTenant(1).id) return { ...t, name: "renamed-1" };
            if (t.id === makeTenant(2).id) return { ...t, status: "disabled" };
            if (t.id === makeTenant(4).id)
              return { ...t, hostnames: [...t.hostnames, "alias.example.com"] };
            if (t.id === makeTenant(5).id) return { ...t, subscriptionId: "sub-new" };
            if (t.id === makeTenant(6).id) return { ...t, regionCode: "eu-west-1" };
            if (t.id === makeTenant(7).id) return { ...t, updatedAt: "2026-01-02T00:00:00.000Z" };
            return t;
          });
        next.push(makeTenant(1000));
        const result = await storage.replaceSnapshot({
          tenants: next,
          takenAt: "2026-01-02T00:00:00.000Z",
        });
        expect(result.first).toBe(false);
        expect(result.changes).toBe(7);
        const { items } = await storage.listChanges();
        const summary = items.map((c) => [c.kind, c.tenantId, c.before, c.after]);
        expect(summary).toEqual(
          expect.arrayContaining([
            ["renamed", makeTenant(1).id, "tenant-1", "renamed-1"],
            ["status_changed", makeTenant(2).id, "active", "disabled"],
            ["removed", makeTenant(3).id, "tenant-3.us.qlikcloud.com", null],
            [
              "hostnames_changed",
              makeTenant(4).id,
              "tenant-4.us.qlikcloud.com",
              "tenant-4.us.qlikcloud.com, alias.example.com",
            ],
            ["moved_subscription", makeTenant(5).id, "sub-5", "sub-new"],
            ["moved_region", makeTenant(6).id, "us-east-1", "eu-west-1"],
            ["added", makeTenant(1000).id, null, "tenant-1000.us.qlikcloud.com"],
          ]),
        );
        expect(items.every((c) => c.detectedAt === "2026-01-02T00:00:00.000Z")).toBe(true);
        expect(items.find((c) => c.kind === "removed")?.tenantName).toBe("tenant-3");
        const loaded = await storage.loadCurrentSnapshot();
        expect(byId(loaded!.tenants)).toEqual(byId(next));
        expect(loaded!.meta.changeCount).toBe(7);
      });

      it("records nothing when nothing changed", async () => {
        const current = (await storage.loadCurrentSnapshot())!;
        const result = await storage.replaceSnapshot({ tenants: current.tenants });
        expect(result.changes).toBe(0);
        expect(result.snapshot.id).toBeGreaterThan(current.meta.id);
      });

      it("keeps the old snapshot when a replacement fails midway", async () => {
        const before = (await storage.loadCurrentSnapshot())!;
        const last = before.tenants.length - 1;
        // A new tenant first (written), then a NOT NULL violation on the last row: the transaction
        // has already written rows when it fails.
        const broken = [
          makeTenant(2000),
          ...before.tenants.map((t, i) =>
            i === last ? { ...t, name: null as unknown as string } : t,
          ),
        ];
        await expect(storage.replaceSnapshot({ tenants: broken })).rejects.toThrow();
        const after = (await storage.loadCurrentSnapshot())!;
        expect(after.meta).toEqual(before.meta);
        expect(byId(after.tenants)).toEqual(byId(before.tenants));
      });

      it("refuses a snapshot with the same tenant twice", async () => {
        const before = (await storage.getCurrentSnapshotMeta())!;
        await expect(
          storage.replaceSnapshot({ tenants: [makeTenant(1), makeTenant(1)] }),
        ).rejects.toThrow(/twice/);
        expect((await storage.getCurrentSnapshotMeta())!.id).toBe(before.id);
      });

      it("serves a consistent snapshot to a second instance", async () => {
        const other = await db.openAgain();
        const mine = await storage.loadCurrentSnapshot();
        const theirs = await other.loadCurrentSnapshot();
        expect(theirs?.meta).toEqual(mine?.meta);
        expect(byId(theirs!.tenants)).toEqual(byId(mine!.tenants));
      });
    });

    describe("change feed", () => {
      let feed: Storage;
      beforeAll(async () => {
        feed = await db.openAgain();
      });

      it("filters by kind, tenant and time, newest first", async () => {
        const kinds = (await feed.listChanges({ kinds: ["renamed", "removed"] })).items.map(
          (c) => c.kind,
        );
        expect(kinds.sort()).toEqual(["removed", "renamed"]);
        const mine = await feed.listChanges({ tenantId: makeTenant(5).id });
        expect(mine.items.map((c) => c.kind)).toEqual(["moved_subscription"]);
        expect((await feed.listChanges({ from: "2026-01-02T00:00:00.001Z" })).items).toHaveLength(
          0,
        );
        expect((await feed.listChanges({ to: "2026-01-01T23:59:59.999Z" })).items).toHaveLength(0);
        expect(
          (
            await feed.listChanges({
              from: "2026-01-02T00:00:00.000Z",
              to: "2026-01-02T00:00:00.000Z",
            })
          ).items,
        ).toHaveLength(7);
        const all = (await feed.listChanges()).items;
        const ids = all.map((c) => c.id);
        expect(ids).toEqual([...ids].sort((a, b) => b - a));
      });

      it("pages by cursor without gaps or repeats", async () => {
        const all = (await feed.listChanges({ limit: 500 })).items;
        const seen: number[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<Storage["listChanges"]>> = await feed.listChanges({
            limit: 3,
            cursor,
          });
          seen.push(...page.items.map((c) => c.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(all.map((c) => c.id));
      });

      it("refuses a malformed or foreign cursor", async () => {
        await expect(feed.listChanges({ cursor: "nope!" })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
        await feed.recordAudit({ actor: "a@example.com", action: "x" });
        await feed.recordAudit({ actor: "a@example.com", action: "x" });
        const auditCursor = (await feed.listAudit({ limit: 1 })).nextCursor!;
        await expect(feed.listChanges({ cursor: auditCursor })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      });

      it("lists one tenant's history", async () => {
        const history = await feed.listTenantChanges(makeTenant(1).id);
        expect(history.map((c) => [c.kind, c.after])).toEqual([["renamed", "renamed-1"]]);
        expect(await feed.listTenantChanges("no-such-tenant")).toEqual([]);
      });
    });

    describe("sync runs", () => {
      it("records a run from start to finish", async () => {
        const run = await storage.startSyncRun({
          trigger: "manual",
          mode: "sequential",
          instance: "host:1:a",
        });
        expect(run).toMatchObject({ outcome: "running", finishedAt: null, tenants: null });
        await storage.heartbeatSyncRun(run.id, { tenantsRead: 300, expected: 1000, requests: 3 });
        expect(await storage.getRunningSyncRun()).toMatchObject({
          id: run.id,
          tenantsRead: 300,
          expected: 1000,
          requests: 3,
        });
        const done = await storage.finishSyncRun(run.id, {
          outcome: "success",
          tenants: 1000,
          requests: 10,
          retries: 1,
          rateLimited: 2,
          error: null,
          snapshotId: 3,
        });
        expect(done).toMatchObject({
          outcome: "success",
          tenants: 1000,
          requests: 10,
          retries: 1,
          rateLimited: 2,
          error: null,
          snapshotId: 3,
        });
        expect(done!.finishedAt).not.toBeNull();
        expect(await storage.getRunningSyncRun()).toBeNull();
      });

      it("lists runs newest first", async () => {
        const a = await storage.startSyncRun({
          trigger: "schedule",
          mode: "partitioned",
          instance: "i",
        });
        await storage.finishSyncRun(a.id, {
          outcome: "failed",
          tenants: null,
          requests: 4,
          retries: 3,
          rateLimited: 0,
          error: "Qlik Cloud is unreachable",
        });
        const runs = await storage.listSyncRuns({ limit: 2 });
        expect(runs[0]).toMatchObject({
          id: a.id,
          outcome: "failed",
          error: "Qlik Cloud is unreachable",
        });
        expect(runs).toHaveLength(2);
        expect(await storage.getSyncRun(a.id)).toEqual(runs[0]);
      });

      it("marks runs left running by a dead process as failed", async () => {
        const stale = await storage.startSyncRun({
          trigger: "schedule",
          mode: "sequential",
          instance: "dead",
          startedAt: "2026-01-01T00:00:00.000Z",
        });
        const live = await storage.startSyncRun({
          trigger: "schedule",
          mode: "sequential",
          instance: "me",
        });
        const marked = await storage.failInterruptedRuns({
          error: "interrupted",
          heartbeatBefore: new Date(Date.now() - 60_000).toISOString(),
        });
        expect(marked).toBe(1);
        expect(await storage.getSyncRun(stale.id)).toMatchObject({
          outcome: "failed",
          error: "interrupted",
        });
        expect((await storage.getSyncRun(live.id))!.outcome).toBe("running");
        const other = await storage.startSyncRun({
          trigger: "schedule",
          mode: "sequential",
          instance: "x",
        });
        expect(await storage.failInterruptedRuns({ error: "gone", exceptId: live.id })).toBe(1);
        expect((await storage.getSyncRun(other.id))!.outcome).toBe("failed");
        expect((await storage.getSyncRun(live.id))!.outcome).toBe("running");
        await storage.failInterruptedRuns({ error: "cleanup" });
      });
    });

    describe("leases", () => {
      it("lets one holder at a time take a lease", async () => {
        expect(await storage.acquireLease("sync", "a", 10_000)).toBe(true);
        expect(await storage.acquireLease("sync", "b", 10_000)).toBe(false);
        expect(await storage.acquireLease("sync", "a", 10_000)).toBe(true); // renewal
        expect((await storage.getLease("sync"))!.holder).toBe("a");
        expect(await storage.acquireLease("sync", "b", 10_000, { takeOverFrom: "a" })).toBe(true);
        await storage.releaseLease("sync", "a"); // not a's any more: no effect
        expect((await storage.getLease("sync"))!.holder).toBe("b");
        await storage.releaseLease("sync", "b");
        expect(await storage.getLease("sync")).toBeNull();
      });

      it("frees an expired lease", async () => {
        expect(await storage.acquireLease("short", "a", 30)).toBe(true);
        expect(await storage.acquireLease("short", "b", 30)).toBe(false);
        await sleep(60);
        expect(await storage.acquireLease("short", "b", 30)).toBe(true);
      });

      it("gives a contended lease to exactly one of several instances", async () => {
        const others = await Promise.all([db.openAgain(), db.openAgain(), db.openAgain()]);
        const results = await Promise.all(
          others.map((s, i) => s.acquireLease("race", `holder-${i}`, 10_000)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe("audit log", () => {
      it("records and lists entries with filters and paging", async () => {
        const base = Date.parse("2026-03-01T00:00:00.000Z");
        for (let i = 0; i < 5; i++) {
          await storage.recordAudit({
            actor: i % 2 ? "viewer@example.com" : "admin@example.com",
            action: i < 3 ? "export.csv" : "sync.refresh",
            details: { rows: i, view: { q: "acme" } },
            at: new Date(base + i * 1000).toISOString(),
          });
        }
        const exports = await storage.listAudit({ action: "export.csv" });
        expect(exports.items.map((e) => e.details.rows)).toEqual([2, 1, 0]);
        expect(exports.items[0]).toMatchObject({
          actor: "admin@example.com",
          action: "export.csv",
          at: new Date(base + 2000).toISOString(),
          details: { rows: 2, view: { q: "acme" } },
        });
        const byViewer = await storage.listAudit({ actor: "viewer@example.com" });
        expect(byViewer.items).toHaveLength(2);
        const window = await storage.listAudit({
          from: new Date(base + 1000).toISOString(),
          to: new Date(base + 3000).toISOString(),
        });
        expect(window.items).toHaveLength(3);
        const first = await storage.listAudit({ limit: 2, from: new Date(base).toISOString() });
        const second = await storage.listAudit({
          limit: 2,
          from: new Date(base).toISOString(),
          cursor: first.nextCursor,
        });
        expect([...first.items, ...second.items].map((e) => e.details.rows)).toEqual([4, 3, 2, 1]);
      });
    });

    describe("share links", () => {
      const hash = (n: number) => n.toString(16).padStart(64, "0");
      const link = (n: number, over: Partial<CreateShareInput> = {}): CreateShareInput => ({
        id: `shr_${String(n).padStart(16, "0")}`,
        tokenHash: hash(n),
        name: `Link ${n}`,
        view: "region=eu-central-1&status=active&group=region",
        columns: ["name", "id", "status"],
        access: "anyone",
        allowExport: true,
        createdBy: "vic@example.com",
        createdByName: "Vic",
        expiresAt: "2026-04-01T00:00:00.000Z",
        createdAt: `2026-03-0${n}T00:00:00.000Z`,
        ...over,
      });

      it("creates a link and finds it by id and by token hash, with everything it was given", async () => {
        const created = await storage.createShare(link(1));
        expect(created).toEqual({
          id: "shr_0000000000000001",
          tokenHash: hash(1),
          name: "Link 1",
          view: "region=eu-central-1&status=active&group=region",
          columns: ["name", "id", "status"],
          access: "anyone",
          allowExport: true,
          createdBy: "vic@example.com",
          createdByName: "Vic",
          createdAt: "2026-03-01T00:00:00.000Z",
          updatedAt: "2026-03-01T00:00:00.000Z",
          expiresAt: "2026-04-01T00:00:00.000Z",
          revokedAt: null,
          lastOpenedAt: null,
          opens: 0,
          exports: 0,
        });
        expect(await storage.getShare(created.id)).toEqual(created);
        expect(await storage.getShareByTokenHash(hash(1))).toEqual(created);
        expect(await storage.getShareByTokenHash(hash(999))).toBeNull();
        expect(await storage.getShare("shr_nope")).toBeNull();
      });

      it("keeps a link that never expires, and refuses a second link with the same token hash", async () => {
        const never = await storage.createShare(
          link(2, {
            expiresAt: null,
            access: "signed-in",
            allowExport: false,
            createdBy: "ada@example.com",
          }),
        );
        expect(never).toMatchObject({ expiresAt: null, access: "signed-in", allowExport: false });
        await expect(storage.createShare(link(3, { tokenHash: hash(2) }))).rejects.toThrow();
        expect(await storage.getShare(link(3).id)).toBeNull();
      });

      it("lists links newest first, all or one creator's", async () => {
        await storage.createShare(link(4));
        const all = await storage.listShares();
        expect(all.map((s) => s.name)).toEqual(["Link 4", "Link 2", "Link 1"]);
        const vic = await storage.listShares({ createdBy: "vic@example.com" });
        expect(vic.map((s) => s.name)).toEqual(["Link 4", "Link 1"]);
        expect(await storage.listShares({ createdBy: "nobody@example.com" })).toEqual([]);
      });

      it("changes only the fields given", async () => {
        const at = "2026-03-05T00:00:00.000Z";
        const renamed = await storage.updateShare(link(1).id, { name: "Renamed", updatedAt: at });
        expect(renamed).toMatchObject({ name: "Renamed", allowExport: true, updatedAt: at });
        expect(renamed?.expiresAt).toBe("2026-04-01T00:00:00.000Z");
        const changed = await storage.updateShare(link(1).id, {
          expiresAt: null,
          allowExport: false,
        });
        expect(changed).toMatchObject({ name: "Renamed", expiresAt: null, allowExport: false });
        expect(await storage.updateShare("shr_nope", { name: "x" })).toBeNull();
      });

      it("revokes once: a second revocation keeps the first time", async () => {
        const first = await storage.revokeShare(link(4).id, "2026-03-06T00:00:00.000Z");
        expect(first?.revokedAt).toBe("2026-03-06T00:00:00.000Z");
        const again = await storage.revokeShare(link(4).id, "2026-03-07T00:00:00.000Z");
        expect(again?.revokedAt).toBe("2026-03-06T00:00:00.000Z");
        expect(await storage.revokeShare("shr_nope")).toBeNull();
      });

      it("counts openings and exports atomically, also from several instances at once", async () => {
        const other = await db.openAgain();
        const id = link(2).id;
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 ? other : storage).recordShareOpen(
              id,
              `2026-03-08T00:00:${String(i).padStart(2, "0")}.000Z`,
            ),
          ),
        );
        await Promise.all(
          Array.from({ length: 7 }, (_, i) => (i % 2 ? other : storage).recordShareExport(id)),
        );
        const row = await storage.getShare(id);
        expect(row).toMatchObject({ opens: 20, exports: 7 });
        expect(row?.lastOpenedAt).toMatch(/^2026-03-08T00:00:\d\d\.000Z$/);
      });
    });

    describe("another organization", () => {
      it("starts the feed afresh when no tenant is shared with the previous snapshot", async () => {
        const before = (await storage.listChanges({ limit: 500 })).items.length;
        const other = makeTenants(20, 50_000);
        const result = await storage.replaceSnapshot({ tenants: other });
        expect(result).toMatchObject({ first: false, changes: 0 });
        expect((await storage.listChanges({ limit: 500 })).items).toHaveLength(before);
        expect(byId((await storage.loadCurrentSnapshot())!.tenants)).toEqual(byId(other));
      });
    });

    describe("migrations", () => {
      it("are applied once, also when several instances start together", async () => {
        const again = await Promise.all([db.openAgain(), db.openAgain()]);
        for (const s of again) await s.ping();
        expect((await again[0]!.getCurrentSnapshotMeta())?.id).toBe(
          (await storage.getCurrentSnapshotMeta())?.id,
        );
      });
    });
  });
}
