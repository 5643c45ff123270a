// Subscription labels and tenant annotations in storage, on SQLite and PostgreSQL alike: writes in
// one transaction with the version bump and the audit entries, only real changes counted, a
// consistent load, and a second connection (another instance) seeing the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "@/lib/db/storage";
import { testDatabases } from "../db/support/databases";

const databases = await testDatabases();
const ADA = "ada@example.com";

for (const { db, skip } of databases) {
  // skip is set only for PostgreSQL when no server answers (testDatabases() prints why); SQLite always runs.
  describe.skipIf(skip)(`annotation storage on ${db.name}`, () => {
    let storage: Storage;
    let otherInstance: Storage;
    beforeAll(async () => {
      storage = await db.open();
      otherInstance = await db.openAgain();
    });
    afterAll(async () => {
      await db.cleanup();
    });

    it("starts empty at version 0", async () => {
      expect(await storage.getAnnotationsVersion()).toBe(0);
      expect(await storage.loadAnnotations()).toEqual({
        version: 0,
        subscriptions: [],
        tenants: [],
      });
    });

    it("writes a tenant annotation and a subscription name, bumping the version once", async () => {
      const result = await storage.updateAnnotations({
        actor: ADA,
        source: "api",
        at: "2026-12-01T10:00:00.000Z",
        tenants: [{ tenantId: "t1", owner: "team-a", tags: ["prod", "eu", "prod"], note: "Hi" }],
        subscriptions: [{ subscriptionId: "1234567890123456", name: "Acme", customerRef: "C-1" }],
      });
      expect(result.version).toBe(1);
      expect(result.tenants).toEqual([
        { id: "t1", before: null, after: { owner: "team-a", tags: ["eu", "prod"], note: "Hi" } },
      ]);
      expect(result.subscriptions).toEqual([
        { id: "1234567890123456", before: null, after: { name: "Acme", customerRef: "C-1" } },
      ]);

      const state = await otherInstance.loadAnnotations();
      expect(state.version).toBe(1);
      expect(state.tenants).toEqual([
        {
          tenantId: "t1",
          owner: "team-a",
          tags: ["eu", "prod"],
          note: "Hi",
          updatedAt: "2026-12-01T10:00:00.000Z",
          updatedBy: ADA,
        },
      ]);
      expect(state.subscriptions).toEqual([
        {
          subscriptionId: "1234567890123456",
          name: "Acme",
          customerRef: "C-1",
          updatedAt: "2026-12-01T10:00:00.000Z",
          updatedBy: ADA,
        },
      ]);
      expect(await otherInstance.getAnnotationsVersion()).toBe(1);
    });

    it("audits each change with before and after, in the same write", async () => {
      const page = await storage.listAudit({ actor: ADA });
      const byAction = Object.fromEntries(page.items.map((e) => [e.action, e.details]));
      expect(byAction["annotations.tenant"]).toEqual({
        tenantId: "t1",
        before: null,
        after: { owner: "team-a", tags: ["eu", "prod"], note: "Hi" },
        source: "api",
      });
      expect(byAction["annotations.subscription"]).toEqual({
        subscriptionId: "1234567890123456",
        before: null,
        after: { name: "Acme", customerRef: "C-1" },
        source: "api",
      });
    });

    it("changes nothing (no version bump, no audit entry) when the values are the same", async () => {
      const before = (await storage.listAudit()).items.length;
      const result = await otherInstance.updateAnnotations({
        actor: ADA,
        source: "api",
        tenants: [{ tenantId: "t1", owner: "team-a", tags: ["prod", "eu"] }],
        subscriptions: [{ subscriptionId: "1234567890123456", name: "Acme" }],
      });
      expect(result).toEqual({ version: 1, tenants: [], subscriptions: [] });
      expect((await storage.listAudit()).items.length).toBe(before);
    });

    it("adds and removes tags, keeps fields not named, and clears with null", async () => {
      const result = await storage.updateAnnotations({
        actor: ADA,
        source: "bulk",
        tenants: [
          { tenantId: "t1", addTags: ["billing"], removeTags: ["eu"] },
          { tenantId: "t2", addTags: ["billing"] },
          { tenantId: "t3", removeTags: ["billing"] }, // nothing to remove: no change
        ],
      });
      expect(result.version).toBe(2);
      expect(result.tenants.map((c) => [c.id, c.after])).toEqual([
        ["t1", { owner: "team-a", tags: ["billing", "prod"], note: "Hi" }],
        ["t2", { owner: null, tags: ["billing"], note: null }],
      ]);
      const cleared = await storage.updateAnnotations({
        actor: ADA,
        source: "api",
        tenants: [{ tenantId: "t1", note: null, owner: "" }],
      });
      expect(cleared.tenants[0]!.after).toEqual({
        owner: null,
        tags: ["billing", "prod"],
        note: null,
      });
    });

    it("deletes an annotation left empty, and a label whose name is cleared", async () => {
      await storage.updateAnnotations({
        actor: ADA,
        source: "api",
        tenants: [{ tenantId: "t2", tags: [] }],
        subscriptions: [{ subscriptionId: "1234567890123456", name: null }],
      });
      const state = await storage.loadAnnotations();
      expect(state.tenants.map((t) => t.tenantId)).toEqual(["t1"]);
      expect(state.subscriptions).toEqual([]);
    });

    it("does not keep a customer reference without a name", async () => {
      const result = await storage.updateAnnotations({
        actor: ADA,
        source: "api",
        subscriptions: [{ subscriptionId: "999", customerRef: "C-9" }],
      });
      expect(result.subscriptions).toEqual([]);
    });

    it("applies several patches of one id in order and reports the net change", async () => {
      const version = await storage.getAnnotationsVersion();
      const result = await storage.updateAnnotations({
        actor: ADA,
        source: "import",
        tenants: [
          { tenantId: "t4", owner: "x" },
          { tenantId: "t4", owner: null },
        ],
      });
      expect(result).toEqual({ version, tenants: [], subscriptions: [] });
    });

    it("computes a dry run without writing anything", async () => {
      const version = await storage.getAnnotationsVersion();
      const result = await storage.updateAnnotations({
        actor: ADA,
        source: "import",
        dryRun: true,
        tenants: [{ tenantId: "t9", owner: "someone" }],
        summary: { action: "annotations.import", details: {} },
      });
      expect(result.tenants).toEqual([
        { id: "t9", before: null, after: { owner: "someone", tags: [], note: null } },
      ]);
      expect(await storage.getAnnotationsVersion()).toBe(version);
      expect((await storage.loadAnnotations()).tenants.map((t) => t.tenantId)).toEqual(["t1"]);
      expect((await storage.listAudit({ action: "annotations.import" })).items).toEqual([]);
    });

    it("writes the summary entry even when nothing changed", async () => {
      await storage.updateAnnotations({
        actor: ADA,
        source: "import",
        tenants: [{ tenantId: "t1", tags: ["prod", "billing"] }],
        summary: { action: "annotations.import", details: { rows: 1 } },
      });
      const [entry] = (await storage.listAudit({ action: "annotations.import" })).items;
      expect(entry?.details).toEqual({
        rows: 1,
        source: "import",
        changedTenants: 0,
        changedSubscriptions: 0,
      });
    });

    it("writes many tenants in one transaction (chunked)", async () => {
      const ids = Array.from({ length: 2_600 }, (_, i) => `bulk-${i}`);
      const result = await storage.updateAnnotations({
        actor: ADA,
        source: "bulk",
        tenants: ids.map((tenantId) => ({ tenantId, addTags: ["fleet"] })),
      });
      expect(result.tenants).toHaveLength(2_600);
      const again = await otherInstance.updateAnnotations({
        actor: ADA,
        source: "bulk",
        tenants: ids.map((tenantId) => ({ tenantId, addTags: ["fleet"] })),
      });
      expect(again.tenants).toHaveLength(0);
      expect((await otherInstance.loadAnnotations()).tenants).toHaveLength(2_601);
    });

    it("serializes concurrent writers: no tag added by one is lost by the other", async () => {
      // PostgreSQL: two instances race. SQLite: one process owns the file, so its writers race.
      const other = db.name === "postgres" ? otherInstance : storage;
      await Promise.all([
        storage.updateAnnotations({
          actor: ADA,
          source: "bulk",
          tenants: [{ tenantId: "race", addTags: ["a"] }],
        }),
        other.updateAnnotations({
          actor: ADA,
          source: "bulk",
          tenants: [{ tenantId: "race", addTags: ["b"] }],
        }),
        storage.updateAnnotations({
          actor: ADA,
          source: "bulk",
          tenants: [{ tenantId: "race", addTags: ["c"] }],
        }),
      ]);
      const state = await storage.loadAnnotations();
      expect(state.tenants.find((t) => t.tenantId === "race")?.tags).toEqual(["a", "b", "c"]);
    });

    it("leaves nothing behind when a write fails, and later writes still work", async () => {
      const version = await storage.getAnnotationsVersion();
      await expect(
        storage.updateAnnotations({
          actor: ADA,
          source: "api",
          at: "not a date",
          tenants: [{ tenantId: "rollback", owner: "x" }],
        }),
      ).rejects.toThrow();
      expect(await storage.getAnnotationsVersion()).toBe(version);
      const state = await storage.loadAnnotations();
      expect(state.tenants.some((t) => t.tenantId === "rollback")).toBe(false);
      const next = await storage.updateAnnotations({
        actor: ADA,
        source: "api",
        tenants: [{ tenantId: "rollback", owner: "x" }],
      });
      expect(next.version).toBe(version + 1);
    });
  });
}
