// POST/GET/PATCH/DELETE /api/shares through their guard: who may make, see and change which link,
// what a bad body says, and how the token is made, kept (only its hash) and shown (once).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setStorageForTests, type Storage } from "@/lib/db/storage";
import { hashShareToken } from "@/lib/shares/token";
import type { ShareJson } from "@/lib/shares/types";
import { useEnv, fromAddress } from "../auth/support";
import { api, cookiesFor, errorOf, makeLink, useMemoryStorage, type Person } from "./support/app";
import { shareTenants } from "./support/tenants";
import { useSnapshot } from "./support/snapshot";

vi.mock("@/lib/tenants/snapshot", () => import("./support/snapshot"));

let storage: Storage;
let cookies: Record<Person, string>;
const DAY = 86_400_000;

beforeAll(async () => {
  useEnv();
  storage = await useMemoryStorage();
  useSnapshot(shareTenants(50));
  cookies = await cookiesFor();
});
afterAll(async () => {
  setStorageForTests(null);
  await storage.close();
});
beforeEach(() => useEnv());

const BODY = {
  name: "EU customers",
  view: "region=eu-central-1&status=active&group=region&sort=-createdAt&offset=200&limit=50",
  columns: ["name", "status", "regionName", "hostname"],
  expiresIn: "7d",
  access: "anyone",
  allowExport: true,
};

describe("POST /api/shares", () => {
  it("makes a link from a view for a viewer, answering the link once with its URL", async () => {
    const before = Date.now();
    const response = await api.create(BODY, { cookie: cookies.viewer });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = (await response.json()) as { share: ShareJson; url: string };
    expect(body.url).toMatch(/^http:\/\/localhost:3000\/s\/[A-Za-z0-9_-]{43}$/);
    expect(body.share).toMatchObject({
      name: "EU customers",
      // paging dropped; filters, group and sort kept in canonical form
      view: "region=eu-central-1&status=active&sort=-createdAt&group=region",
      scope: { region: ["eu-central-1"], status: ["active"] },
      scopeSummary: "Region eu-central-1 · Status active",
      // id and name always; region code comes with the region name
      columns: ["name", "id", "status", "hostname", "regionCode", "regionName"],
      access: "anyone",
      allowExport: true,
      createdBy: "vic@viewers.example.com",
      status: "active",
      opens: 0,
      exports: 0,
      lastOpenedAt: null,
      revokedAt: null,
    });
    expect(body.share.id).toMatch(/^shr_[A-Za-z0-9_-]{16}$/);
    const expires = Date.parse(body.share.expiresAt!);
    expect(expires - before).toBeGreaterThanOrEqual(7 * DAY);
    expect(expires - Date.now()).toBeLessThanOrEqual(7 * DAY);
  });

  it("stores only the token's SHA-256 and never answers the token again", async () => {
    const { share, token } = await makeLink(BODY, cookies.viewer);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const row = await storage.getShare(share.id);
    expect(row?.tokenHash).toBe(hashShareToken(token));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    for (const qs of ["", "mine=true"])
      for (const who of ["viewer", "admin"] as const) {
        const text = await (await api.list(qs, { cookie: cookies[who] })).text();
        expect(text).not.toContain(token);
        expect(text).not.toContain(row!.tokenHash);
      }
    const patched = await api.patch(share.id, { name: "renamed" }, { cookie: cookies.viewer });
    expect(await patched.text()).not.toContain(token);
  });

  it("gives every link its own token and id", async () => {
    const a = await makeLink(BODY, cookies.viewer);
    const b = await makeLink(BODY, cookies.viewer);
    expect(a.token).not.toBe(b.token);
    expect(a.share.id).not.toBe(b.share.id);
  });

  it("defaults to 7 days, no export", async () => {
    const { share } = await makeLink({ view: "", columns: [] }, cookies.viewer);
    expect(Date.parse(share.expiresAt!) - Date.now()).toBeGreaterThan(7 * DAY - 60_000);
    expect(share).toMatchObject({ allowExport: false, scopeSummary: "Everything", scope: {} });
  });

  it.each([
    ["1h", 3_600_000],
    ["1d", DAY],
    ["30d", 30 * DAY],
  ])("takes expiresIn %s", async (expiresIn, ms) => {
    const { share } = await makeLink({ expiresIn }, cookies.viewer);
    expect(Math.abs(Date.parse(share.expiresAt!) - (Date.now() + ms))).toBeLessThan(60_000);
  });

  it("takes an expiresAt up to 90 days ahead", async () => {
    const at = new Date(Date.now() + 89 * DAY).toISOString();
    const { share } = await makeLink({ expiresIn: undefined, expiresAt: at }, cookies.viewer);
    expect(share.expiresAt).toBe(at);
  });

  it("refuses 'never' to a viewer (403) and makes it for an admin", async () => {
    const refused = await api.create({ ...BODY, expiresIn: null }, { cookie: cookies.viewer });
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: "forbidden" });
    const { share } = await makeLink({ ...BODY, expiresIn: null }, cookies.admin);
    expect(share.expiresAt).toBeNull();
  });

  it.each([
    [
      "expiresAt",
      { expiresIn: undefined, expiresAt: new Date(Date.now() + 91 * DAY).toISOString() },
      "at most 90 days ahead",
    ],
    ["expiresAt", { expiresIn: undefined, expiresAt: "2020-01-01T00:00:00Z" }, "in the future"],
    ["expiresAt", { expiresIn: undefined, expiresAt: "next tuesday" }, "ISO date-time"],
    [
      "expiresAt",
      { expiresIn: "1d", expiresAt: new Date(Date.now() + DAY).toISOString() },
      "not both",
    ],
    ["expiresIn", { expiresIn: "2w" }, ""],
    ["name", { name: "  " }, "must not be empty"],
    ["name", { name: "x".repeat(101) }, "at most 100"],
    ["view", { view: "region=mars-1" }, '"region" has an unknown value "mars-1"'],
    ["view", { view: "colour=red" }, 'Unknown parameter "colour"'],
    ["columns.1", { columns: ["name", "password"] }, ""],
    ["columns", { columns: "name" }, ""],
    ["access", { access: "everyone" }, ""],
    ["allowExport", { allowExport: "yes" }, ""],
  ])("answers 400 naming %s", async (field, change, detail) => {
    const response = await api.create({ ...BODY, ...change }, { cookie: cookies.viewer });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("bad_request");
    expect(error.message).toContain(`"${field}"`);
    expect(error.message).toContain(detail);
  });

  it("answers 400 for an unknown body field, a missing field, and a body that is not JSON", async () => {
    const unknown = await api.create({ ...BODY, scope: "all" }, { cookie: cookies.viewer });
    expect(await errorOf(unknown)).toMatchObject({
      code: "bad_request",
      message: 'Unknown body field "scope".',
    });
    const { name: _name, ...noName } = BODY;
    const missing = await api.create(noName, { cookie: cookies.viewer });
    expect((await errorOf(missing)).message).toContain('"name"');
    const notJson = await api.create("{name:", { cookie: cookies.viewer });
    expect(notJson.status).toBe(400);
  });

  it("answers 401 to an anonymous caller and 403 to someone without a role", async () => {
    expect((await api.create(BODY)).status).toBe(401);
    const outsider = await api.create(BODY, { cookie: cookies.outsider });
    expect(outsider.status).toBe(403);
    expect(await errorOf(outsider)).toMatchObject({ code: "no_access" });
  });

  it("refuses a cross-site POST", async () => {
    const response = await api.create(BODY, {
      cookie: cookies.viewer,
      headers: { origin: "https://evil.example.com" },
    });
    expect(response.status).toBe(403);
  });
});

describe("GET /api/shares", () => {
  let mine: { viewer: string; viewer2: string; admin: string };
  beforeAll(async () => {
    mine = {
      viewer: (await makeLink({ name: "vic's" }, cookies.viewer)).share.id,
      viewer2: (await makeLink({ name: "val's" }, cookies.viewer2)).share.id,
      admin: (await makeLink({ name: "ada's" }, cookies.admin)).share.id,
    };
  });

  const ids = async (cookie: string, qs = "") => {
    const response = await api.list(qs, { cookie });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { shares: ShareJson[] };
    return body.shares;
  };

  it("shows a viewer only their own links, newest first, also with ?mine=false", async () => {
    for (const qs of ["", "mine=false", "mine=true"]) {
      const shares = await ids(cookies.viewer, qs);
      expect(shares.map((s) => s.id)).toContain(mine.viewer);
      expect(shares.every((s) => s.createdBy === "vic@viewers.example.com")).toBe(true);
      const times = shares.map((s) => s.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
    }
  });

  it("shows an admin every link, and their own with ?mine=true", async () => {
    const all = (await ids(cookies.admin)).map((s) => s.id);
    expect(all).toEqual(expect.arrayContaining([mine.viewer, mine.viewer2, mine.admin]));
    const own = await ids(cookies.admin, "mine=true");
    expect(own.map((s) => s.id)).toContain(mine.admin);
    expect(own.every((s) => s.createdBy === "ada@example.com")).toBe(true);
  });

  it("lists each link with its counters and status", async () => {
    const [share] = (await ids(cookies.viewer2)).filter((s) => s.id === mine.viewer2);
    expect(share).toMatchObject({ status: "active", opens: 0, exports: 0, lastOpenedAt: null });
    expect(Object.keys(share!).sort()).toEqual(
      [
        "access",
        "allowExport",
        "columns",
        "createdAt",
        "createdBy",
        "createdByName",
        "expiresAt",
        "exports",
        "id",
        "lastOpenedAt",
        "name",
        "opens",
        "revokedAt",
        "scope",
        "scopeSummary",
        "status",
        "updatedAt",
        "view",
      ].sort(),
    );
  });

  it("answers 400 for a bad or unknown parameter", async () => {
    expect((await api.list("mine=yes", { cookie: cookies.admin })).status).toBe(400);
    const unknown = await api.list("all=true", { cookie: cookies.admin });
    expect(await errorOf(unknown)).toMatchObject({ message: 'Unknown query parameter "all".' });
  });
});

describe("PATCH and DELETE /api/shares/{id}", () => {
  it("lets the owner rename, toggle export and change the expiry", async () => {
    const { share } = await makeLink(BODY, cookies.viewer);
    const at = new Date(Date.now() + 10 * DAY).toISOString();
    const response = await api.patch(
      share.id,
      { name: "Renamed", allowExport: false, expiresAt: at },
      { cookie: cookies.viewer },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { share: ShareJson };
    expect(body.share).toMatchObject({
      id: share.id,
      name: "Renamed",
      allowExport: false,
      expiresAt: at,
    });
    expect(body.share.view).toBe(share.view); // the scope never changes
  });

  it("answers 404 to a viewer for someone else's link, and lets an admin change it", async () => {
    const { share } = await makeLink(BODY, cookies.viewer2);
    const patch = await api.patch(share.id, { name: "mine now" }, { cookie: cookies.viewer });
    expect(patch.status).toBe(404);
    expect(await errorOf(patch)).toMatchObject({ code: "not_found" });
    expect((await api.revoke(share.id, { cookie: cookies.viewer })).status).toBe(404);
    expect((await storage.getShare(share.id))?.revokedAt).toBeNull();
    expect((await api.patch(share.id, { name: "by ada" }, { cookie: cookies.admin })).status).toBe(
      200,
    );
    expect((await api.revoke(share.id, { cookie: cookies.admin })).status).toBe(204);
  });

  it("answers the same 404 for a link that does not exist, and 400 for a malformed id", async () => {
    const missing = await api.patch(
      "shr_AAAAAAAAAAAAAAAA",
      { name: "x" },
      { cookie: cookies.admin },
    );
    expect(missing.status).toBe(404);
    const malformed = await api.revoke("nope", { cookie: cookies.admin });
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).message).toContain('"id"');
  });

  it("refuses 'never' to a viewer and allows it to an admin", async () => {
    const { share } = await makeLink(BODY, cookies.viewer);
    expect(
      (await api.patch(share.id, { expiresIn: null }, { cookie: cookies.viewer })).status,
    ).toBe(403);
    const admin = await api.patch(share.id, { expiresIn: null }, { cookie: cookies.admin });
    expect(((await admin.json()) as { share: ShareJson }).share.expiresAt).toBeNull();
  });

  it.each([
    ["expiresAt", { expiresAt: new Date(Date.now() + 100 * DAY).toISOString() }],
    ["name", { name: "" }],
    ["allowExport", { allowExport: 1 }],
  ])("answers 400 naming %s", async (field, body) => {
    const { share } = await makeLink(BODY, cookies.viewer);
    const response = await api.patch(share.id, body, { cookie: cookies.viewer });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain(`"${field}"`);
  });

  it("answers 400 for an unknown field (the scope cannot be changed) and for an empty change", async () => {
    const { share } = await makeLink(BODY, cookies.viewer);
    const view = await api.patch(share.id, { view: "" }, { cookie: cookies.viewer });
    expect(await errorOf(view)).toMatchObject({ message: 'Unknown body field "view".' });
    expect((await api.patch(share.id, {}, { cookie: cookies.viewer })).status).toBe(400);
  });

  it("revokes with 204, keeps the row as revoked, and refuses later changes with 409", async () => {
    const { share } = await makeLink(BODY, cookies.viewer);
    const response = await api.revoke(share.id, { cookie: cookies.viewer });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    const row = await storage.getShare(share.id);
    expect(row?.revokedAt).not.toBeNull();
    const listed = (await (await api.list("", { cookie: cookies.viewer })).json()) as {
      shares: ShareJson[];
    };
    expect(listed.shares.find((s) => s.id === share.id)).toMatchObject({ status: "revoked" });
    // a second revocation changes nothing
    expect((await api.revoke(share.id, { cookie: cookies.viewer })).status).toBe(204);
    expect((await storage.getShare(share.id))?.revokedAt).toBe(row?.revokedAt);
    const patch = await api.patch(share.id, { expiresIn: "30d" }, { cookie: cookies.viewer });
    expect(patch.status).toBe(409);
  });

  it("re-opens an expired link when its owner gives it a new expiry", async () => {
    const { share } = await makeLink(BODY, cookies.viewer);
    await storage.updateShare(share.id, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    const before = (await (await api.list("", { cookie: cookies.viewer })).json()) as {
      shares: ShareJson[];
    };
    expect(before.shares.find((s) => s.id === share.id)?.status).toBe("expired");
    const response = await api.patch(share.id, { expiresIn: "1d" }, { cookie: cookies.viewer });
    expect(((await response.json()) as { share: ShareJson }).share.status).toBe("active");
  });
});

describe("the audit log", () => {
  it("records creation, change and revocation with the actor, the share id and the address", async () => {
    const init = { cookie: cookies.viewer, headers: fromAddress("203.0.113.7") };
    const response = await api.create(BODY, init);
    const { share, url } = (await response.json()) as { share: ShareJson; url: string };
    await api.patch(share.id, { name: "changed" }, init);
    await api.revoke(share.id, init);
    const entries = (await storage.listAudit({ actor: "vic@viewers.example.com" })).items.filter(
      (e) => e.details.shareId === share.id,
    );
    expect(entries.map((e) => e.action)).toEqual(["share.revoke", "share.update", "share.create"]);
    for (const entry of entries) expect(entry.details.address).toBe("203.0.113.7");
    expect(entries[1]!.details).toMatchObject({ changes: { name: "changed" } });
    const token = url.split("/").pop()!;
    expect(JSON.stringify(entries)).not.toContain(token);
  });
});
