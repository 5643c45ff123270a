// The annotation API through its guard: who may read and write (viewers read, admins write: 403
// for a viewer's write), what a bad body says (400 naming the field), 404 for an unknown tenant,
// the audit entries every change leaves (before and after), bulk edits by ids and by view, tags,
// subscriptions, and the change feed in the team's words.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetOverlayForTests } from "@/lib/annotations/overlay";
import { setStorageForTests, type Storage } from "@/lib/db/storage";
import type { Tenant } from "@/lib/tenants/types";
import { useEnv } from "../auth/support";
import { cookiesFor, useMemoryStorage, type Person } from "../shares/support/app";
import { useSnapshot } from "../shares/support/snapshot";
import { shareTenants, SUBSCRIPTIONS } from "../shares/support/tenants";
import { api, errorOf } from "./support/app";

vi.mock("@/lib/tenants/snapshot", () => import("../shares/support/snapshot"));

let storage: Storage;
let cookies: Record<Person, string>;
let tenants: Tenant[];
const ADMIN = "ada@example.com";

beforeAll(async () => {
  useEnv();
  storage = await useMemoryStorage();
  resetOverlayForTests();
  tenants = shareTenants(60);
  useSnapshot(tenants);
  cookies = await cookiesFor();
});
afterAll(async () => {
  setStorageForTests(null);
  await storage.close();
});
beforeEach(() => useEnv());

const as = (who: Person) => ({ cookie: cookies[who] });
const tenantIn = (subscription: string | null) =>
  tenants.find((t) => t.subscriptionId === subscription)!;

async function lastAudit(action: string) {
  return (await storage.listAudit({ action, limit: 1 })).items[0];
}

describe("PATCH /api/tenants/{id}/annotations", () => {
  it("sets owner, tags and note for an admin, audited with before and after", async () => {
    const id = tenants[0]!.id;
    const response = await api.patch(
      id,
      { owner: " team-data@example.com ", tags: ["Prod", "eu", "prod"], note: "Main tenant" },
      as("admin"),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      tenantId: id,
      owner: "team-data@example.com",
      tags: ["eu", "prod"],
      note: "Main tenant",
      changed: true,
    });
    const entry = await lastAudit("annotations.tenant");
    expect(entry?.actor).toBe(ADMIN);
    expect(entry?.details).toEqual({
      tenantId: id,
      before: null,
      after: { owner: "team-data@example.com", tags: ["eu", "prod"], note: "Main tenant" },
      source: "api",
    });
  });

  it('leaves fields out alone, clears with null or "", and says when nothing changed', async () => {
    const id = tenants[0]!.id;
    const cleared = await api.patch(id, { note: null, owner: "" }, as("admin"));
    expect(await cleared.json()).toMatchObject({
      owner: null,
      tags: ["eu", "prod"],
      note: null,
      changed: true,
    });
    const audit = await lastAudit("annotations.tenant");
    expect(audit?.details).toMatchObject({
      before: { owner: "team-data@example.com", tags: ["eu", "prod"], note: "Main tenant" },
      after: { owner: null, tags: ["eu", "prod"], note: null },
    });
    const same = await api.patch(id, { tags: ["prod", "eu"] }, as("admin"));
    expect(await same.json()).toMatchObject({ changed: false });
    expect((await lastAudit("annotations.tenant"))?.id).toBe(audit?.id); // no new entry
  });

  it("refuses a viewer's write with 403 and changes nothing", async () => {
    const id = tenants[1]!.id;
    const response = await api.patch(id, { owner: "me" }, as("viewer"));
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe("forbidden");
    expect(await (await api.annotation(id, as("viewer"))).json()).toEqual({
      tenantId: id,
      owner: null,
      tags: [],
      note: null,
    });
  });

  it("refuses people without access (401 signed out)", async () => {
    expect((await api.patch(tenants[1]!.id, { owner: "x" })).status).toBe(401);
    expect((await api.annotation(tenants[1]!.id)).status).toBe(401);
  });

  it.each([
    [{ tags: ["Not a tag!"] }, 'Invalid body field "tags.0"'],
    [{ owner: "x".repeat(121) }, 'Invalid body field "owner"'],
    [{ owner: "a\u0007b" }, 'Invalid body field "owner"'],
    [{ owner: "None" }, 'An owner cannot be "none"'],
    [{ tags: ["eu", "none"] }, 'A tag cannot be "none"'],
    [{ note: "n".repeat(2001) }, 'Invalid body field "note"'],
    [{ tags: "prod" }, 'Invalid body field "tags"'],
    [{ colour: "red" }, 'Unknown body field "colour"'],
    [{}, "give at least one of"],
  ])("answers 400 naming the field for %j", async (body, message) => {
    const response = await api.patch(tenants[2]!.id, body, as("admin"));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain(message);
  });

  it("answers 404 for a tenant neither in the snapshot nor annotated", async () => {
    const response = await api.patch("Tnosuchtenant", { owner: "x" }, as("admin"));
    expect(response.status).toBe(404);
    expect((await api.annotation("Tnosuchtenant", as("viewer"))).status).toBe(404);
    expect((await api.patch("not a tenant id!", { owner: "x" }, as("admin"))).status).toBe(400);
  });

  it("keeps a removed tenant's annotation readable and editable", async () => {
    const gone = tenants[3]!;
    await api.patch(gone.id, { owner: "ops" }, as("admin"));
    useSnapshot(
      tenants.filter((t) => t.id !== gone.id),
      2,
    );
    try {
      expect(await (await api.annotation(gone.id, as("viewer"))).json()).toMatchObject({
        owner: "ops",
      });
      expect((await api.patch(gone.id, { note: "Removed in December" }, as("admin"))).status).toBe(
        200,
      );
    } finally {
      useSnapshot(tenants);
    }
  });
});

describe("subscriptions", () => {
  it("names a subscription (admin), audited, and lists every subscription with counts", async () => {
    const id = SUBSCRIPTIONS[0];
    const response = await api.putSubscription(
      id,
      { name: "Acme OEM — production", customerRef: "CRM-1" },
      as("admin"),
    );
    expect(response.status).toBe(200);
    const count = tenants.filter((t) => t.subscriptionId === id).length;
    expect(await response.json()).toEqual({
      subscription: { id, name: "Acme OEM — production", customerRef: "CRM-1", tenants: count },
      changed: true,
    });
    expect((await lastAudit("annotations.subscription"))?.details).toEqual({
      subscriptionId: id,
      before: null,
      after: { name: "Acme OEM — production", customerRef: "CRM-1" },
      source: "api",
    });
    const list = (await (await api.subscriptions(as("viewer"))).json()) as {
      subscriptions: { id: string; name: string | null; tenants: number }[];
    };
    expect(list.subscriptions[0]).toEqual({
      id,
      name: "Acme OEM — production",
      customerRef: "CRM-1",
      tenants: count,
    });
    expect(list.subscriptions.map((s) => s.id).sort()).toEqual([...SUBSCRIPTIONS].sort());
    expect(list.subscriptions.reduce((n, s) => n + s.tenants, 0)).toBe(
      tenants.filter((t) => t.subscriptionId).length,
    );
  });

  it('clears the name with null or ""', async () => {
    const id = SUBSCRIPTIONS[1];
    await api.putSubscription(id, { name: "Globex" }, as("admin"));
    const cleared = await api.putSubscription(id, { name: "" }, as("admin"));
    expect(await cleared.json()).toMatchObject({
      subscription: { id, name: null, customerRef: null },
      changed: true,
    });
  });

  it("refuses viewers (403), bad bodies (400) and unknown subscriptions (404)", async () => {
    const id = SUBSCRIPTIONS[2];
    expect((await api.putSubscription(id, { name: "X" }, as("viewer"))).status).toBe(403);
    const missing = await api.putSubscription(id, { customerRef: "x" }, as("admin"));
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).message).toContain('"name"');
    const long = await api.putSubscription(id, { name: "n".repeat(121) }, as("admin"));
    expect((await errorOf(long)).message).toContain('Invalid body field "name"');
    expect((await api.putSubscription("999", { name: "X" }, as("admin"))).status).toBe(404);
  });
});

describe("POST /api/tenants/annotations (bulk)", () => {
  it("adds a tag to the given ids in one go, answering matched and changed", async () => {
    const ids = tenants.slice(10, 13).map((t) => t.id);
    const response = await api.bulk({ ids, addTags: ["Renewal-2027"] }, as("admin"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      matched: 3,
      changed: 3,
      unknownIds: [],
      unknownCount: 0,
    });
    const again = await api.bulk({ ids, addTags: ["renewal-2027"] }, as("admin"));
    expect(await again.json()).toMatchObject({ matched: 3, changed: 0 });
    expect((await lastAudit("annotations.bulk"))?.details).toMatchObject({
      ids: 3,
      matched: 3,
      addTags: ["renewal-2027"],
      changedTenants: 0,
    });
  });

  it("sets the owner of every tenant of a view and removes a tag", async () => {
    const region = tenants[0]!.regionCode;
    const inView = tenants.filter((t) => t.regionCode === region);
    const response = await api.bulk(
      { view: `region=${region}&sort=name`, owner: "regional-team", removeTags: ["eu"] },
      as("admin"),
    );
    const body = (await response.json()) as { matched: number; changed: number };
    expect(body.matched).toBe(inView.length);
    expect(body.changed).toBe(inView.length);
    for (const t of inView.slice(0, 5))
      expect(await (await api.annotation(t.id, as("viewer"))).json()).toMatchObject({
        owner: "regional-team",
      });
    expect(
      (await (await api.annotation(tenants[0]!.id, as("viewer"))).json()) as object,
    ).toMatchObject({ tags: ["prod"] });
  });

  it("leaves unknown ids out and names them", async () => {
    const response = await api.bulk(
      { ids: [tenants[20]!.id, "Tunknown1"], addTags: ["x"] },
      as("admin"),
    );
    expect(await response.json()).toEqual({
      matched: 1,
      changed: 1,
      unknownIds: ["Tunknown1"],
      unknownCount: 1,
    });
  });

  it.each([
    [{ addTags: ["x"] }, 'give either "view"'],
    [{ ids: ["a"], view: "", addTags: ["x"] }, 'give either "view"'],
    [{ ids: ["a"] }, "give at least one of"],
    [{ ids: [], addTags: ["x"] }, 'Invalid body field "ids"'],
    [{ ids: ["a b"], addTags: ["x"] }, 'Invalid body field "ids.0"'],
    [{ ids: ["a"], addTags: ["Bad Tag"] }, 'Invalid body field "addTags.0"'],
    [{ ids: ["a"], addTags: ["none"] }, 'A tag cannot be "none"'],
    [{ view: "region=nowhere-9", addTags: ["x"] }, 'Invalid body field "view"'],
    [{ view: "colour=red", addTags: ["x"] }, 'Invalid body field "view"'],
  ])("answers 400 for %j", async (body, message) => {
    const response = await api.bulk(body, as("admin"));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain(message);
  });

  it("refuses viewers with 403", async () => {
    expect((await api.bulk({ ids: [tenants[0]!.id], addTags: ["x"] }, as("viewer"))).status).toBe(
      403,
    );
  });

  it("takes 100,000 ids in one request (over the usual 64 KB body cap), no more", async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `Tbulk${String(i).padStart(27, "0")}`);
    const response = await api.bulk({ ids: many, addTags: ["x"] }, as("admin"));
    expect(await response.json()).toMatchObject({ matched: 0, changed: 0, unknownCount: 100_000 });
    const tooMany = await api.bulk({ ids: [...many, "Tone-more"], addTags: ["x"] }, as("admin"));
    expect(tooMany.status).toBe(400);
    expect((await errorOf(tooMany)).message).toContain("at most 100,000");
  });
});

describe("GET /api/tags", () => {
  it("lists the tags in use with their tenant counts, most used first, filtered by q", async () => {
    const response = await api.tags("", as("viewer"));
    const { tags } = (await response.json()) as { tags: { tag: string; tenants: number }[] };
    expect(tags[0]).toEqual({ tag: "renewal-2027", tenants: 3 });
    expect(tags).toContainEqual({ tag: "prod", tenants: 1 });
    const filtered = (await (await api.tags("q=REN", as("viewer"))).json()) as { tags: unknown[] };
    expect(filtered.tags).toEqual([{ tag: "renewal-2027", tenants: 3 }]);
    expect((await api.tags("colour=red", as("viewer"))).status).toBe(400);
  });
});

describe("GET /api/changes", () => {
  it("carries subscription names on moves and a removed tenant's annotation", async () => {
    const moving = tenantIn(SUBSCRIPTIONS[1]);
    const leaving = tenants[0]!; // annotated above
    const first = tenants.filter((t) => t.id !== "x");
    await storage.replaceSnapshot({ tenants: first, takenAt: "2026-12-01T00:00:00.000Z" });
    await storage.replaceSnapshot({
      tenants: first
        .filter((t) => t.id !== leaving.id)
        .map((t) => (t.id === moving.id ? { ...t, subscriptionId: SUBSCRIPTIONS[0] } : t)),
      takenAt: "2026-12-02T00:00:00.000Z",
    });
    const { changes } = (await (await api.changes("", as("viewer"))).json()) as {
      changes: Record<string, unknown>[];
    };
    expect(changes.find((c) => c.kind === "moved_subscription")).toMatchObject({
      tenantId: moving.id,
      before: SUBSCRIPTIONS[1],
      after: SUBSCRIPTIONS[0],
      subscriptionName: { before: null, after: "Acme OEM — production" },
    });
    expect(changes.find((c) => c.kind === "removed")).toMatchObject({
      tenantId: leaving.id,
      annotation: { owner: "regional-team", tags: ["prod"], note: null },
    });

    // The tenant's own history (the details panel) names them too, and a new name is a new answer.
    const detail = await api.tenant(moving.id, as("viewer"));
    expect(detail.status).toBe(200);
    const etag = detail.headers.get("etag")!;
    const history = ((await detail.json()) as { changes: Record<string, unknown>[] }).changes;
    expect(history.find((c) => c.kind === "moved_subscription")).toMatchObject({
      before: SUBSCRIPTIONS[1],
      after: SUBSCRIPTIONS[0],
      subscriptionName: { before: null, after: "Acme OEM — production" },
    });
    const unchanged = await api.tenant(moving.id, {
      ...as("viewer"),
      headers: { "if-none-match": etag },
    });
    expect(unchanged.status).toBe(304);
    const named = await api.putSubscription(
      SUBSCRIPTIONS[1]!,
      { name: "Acme OEM — staging" },
      as("admin"),
    );
    expect(named.status).toBe(200);
    const renamed = await api.tenant(moving.id, {
      ...as("viewer"),
      headers: { "if-none-match": etag },
    });
    expect(renamed.status).toBe(200);
    const after = ((await renamed.json()) as { changes: Record<string, unknown>[] }).changes;
    expect(after.find((c) => c.kind === "moved_subscription")).toMatchObject({
      subscriptionName: { before: "Acme OEM — staging", after: "Acme OEM — production" },
    });
  });
});
