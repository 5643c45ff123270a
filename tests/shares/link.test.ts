// Opening a link: unknown, malformed, expired and revoked tokens, "signed-in users only", export on
// and off, the limit on failed lookups, and the headers every answer under /api/s carries. Also the
// shared page's openShareForPage(), which follows the same rules.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setStorageForTests, type Storage } from "@/lib/db/storage";
import { openShareForPage } from "@/lib/shares";
import { SHARE_RESPONSE_HEADERS } from "@/lib/shares/headers";
import { SHARE_LOOKUP_LIMIT } from "@/lib/shares/lookup";
import { hashShareToken, newShareId, newShareToken } from "@/lib/shares/token";
import type { PublicShare } from "@/lib/shares/types";
import { useEnv, fromAddress } from "../auth/support";
import { api, cookiesFor, errorOf, makeLink, useMemoryStorage, type Person } from "./support/app";
import { shareTenants } from "./support/tenants";
import { TAKEN_AT, useSnapshot } from "./support/snapshot";

vi.mock("@/lib/tenants/snapshot", () => import("./support/snapshot"));

let storage: Storage;
let cookies: Record<Person, string>;
const tenants = shareTenants(60);
const inside = tenants.find((t) => t.regionCode === "eu-west-1")!;

beforeAll(async () => {
  useEnv();
  storage = await useMemoryStorage();
  useSnapshot(tenants);
  cookies = await cookiesFor();
});
afterAll(async () => {
  setStorageForTests(null);
  await storage.close();
});
beforeEach(() => useEnv());

let address = 0;
/** A fresh client address per test, so failed lookups of one test do not block another. */
const nextAddress = () => `198.51.100.${++address}`;
const from = () => fromAddress(nextAddress());

const LINK = { view: "region=eu-west-1", columns: ["status"], allowExport: true };

/** Every read route under /api/s/{token}. */
const routes = (token: string, headers = from(), cookie?: string) => ({
  open: () => api.open(token, { headers, cookie }),
  tenants: () => api.tenants(token, "", { headers, cookie }),
  tenant: () => api.tenant(token, inside.id, { headers, cookie }),
  export: () => api.export(token, "", { headers, cookie }),
});

async function callAll(token: string, cookie?: string, headers = from()) {
  const out: Record<string, Response> = {};
  for (const [name, call] of Object.entries(routes(token, headers, cookie)))
    out[name] = await call();
  return out;
}

function expectLinkHeaders(response: Response) {
  for (const [name, value] of Object.entries(SHARE_RESPONSE_HEADERS))
    expect(response.headers.get(name), name).toBe(value);
}

describe("a valid link", () => {
  it("opens on every route without a session, with the link headers", async () => {
    const { token } = await makeLink(LINK, cookies.viewer);
    for (const [name, response] of Object.entries(await callAll(token))) {
      expect(response.status, name).toBe(200);
      expectLinkHeaders(response);
      await response.arrayBuffer();
    }
  });

  it("answers GET /api/s/{token} with what the shared page needs", async () => {
    const { token, share } = await makeLink(
      {
        ...LINK,
        name: "West",
        view: "region=eu-west-1&group=region,subscription&sort=-createdAt,licenseEndsAt",
        columns: ["status", "regionName", "createdAt"],
      },
      cookies.viewer,
    );
    const body = (await (await api.open(token, { headers: from() })).json()) as PublicShare;
    expect(body).toEqual({
      id: share.id,
      name: "West",
      sharedBy: "vic@viewers.example.com",
      expiresAt: share.expiresAt,
      scope: { region: ["eu-west-1"] },
      scopeSummary: "Region eu-west-1",
      columns: ["name", "id", "status", "regionCode", "regionName", "createdAt"],
      allowExport: true,
      // the starting point without the sort key and grouping level on hidden columns
      view: "region=eu-west-1&sort=-createdAt&group=region",
      snapshot: { takenAt: TAKEN_AT },
    });
  });

  it("leaves a scope filter on a hidden column out of what the visitor sees", async () => {
    const { token } = await makeLink(LINK, cookies.viewer);
    const body = (await (await api.open(token, { headers: from() })).json()) as PublicShare;
    expect(body).toMatchObject({ scope: {}, scopeSummary: "Everything", view: "" });
    expect(JSON.stringify(body)).not.toContain("eu-west-1");
  });
});

describe("tokens that open nothing", () => {
  it("answers the same 404 to an unknown and to a malformed token on every route", async () => {
    const unknown = newShareToken();
    const { token } = await makeLink(LINK, cookies.viewer);
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const bodies = new Set<string>();
    for (const t of [
      unknown,
      tampered,
      token.slice(0, 20),
      `${token}x`,
      "not a token",
      "",
      "%00",
    ]) {
      for (const [name, response] of Object.entries(await callAll(t))) {
        expect(response.status, `${name} ${t}`).toBe(404);
        expectLinkHeaders(response);
        bodies.add(await response.text());
      }
    }
    expect([...bodies]).toEqual(['{"error":{"code":"not_found","message":"Not found."}}']);
  });

  it("answers 410 share_expired once a link has expired", async () => {
    const token = newShareToken();
    await storage.createShare({
      id: newShareId(),
      tokenHash: hashShareToken(token),
      name: "short",
      view: "",
      columns: [],
      access: "anyone",
      allowExport: true,
      createdBy: "ada@example.com",
      createdByName: "Ada",
      expiresAt: new Date(Date.now() + 300).toISOString(),
    });
    expect((await api.open(token, { headers: from() })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 350));
    for (const [name, response] of Object.entries(await callAll(token))) {
      expect(response.status, name).toBe(410);
      expectLinkHeaders(response);
      const error = await errorOf(response);
      expect(error.code).toBe("share_expired");
      expect(error.message).toContain("Ask Ada for a new one.");
    }
  });

  it("answers 410 share_revoked on every route right after DELETE, also to a signed-in admin", async () => {
    const { token, share } = await makeLink(LINK, cookies.viewer);
    expect((await api.tenants(token, "", { headers: from() })).status).toBe(200);
    expect((await api.revoke(share.id, { cookie: cookies.viewer })).status).toBe(204);
    for (const cookie of [undefined, cookies.admin])
      for (const [name, response] of Object.entries(await callAll(token, cookie))) {
        expect(response.status, name).toBe(410);
        expect(await errorOf(response)).toMatchObject({ code: "share_revoked" });
      }
  });

  it("limits failed lookups per address: 429 with Retry-After, for known tokens too", async () => {
    const { token } = await makeLink(LINK, cookies.viewer);
    const attacker = from();
    for (let i = 0; i < SHARE_LOOKUP_LIMIT.maxFailures; i++)
      expect((await api.open(newShareToken(), { headers: attacker })).status).toBe(404);
    for (const t of [newShareToken(), token]) {
      const response = await api.tenants(t, "", { headers: attacker });
      expect(response.status).toBe(429);
      expectLinkHeaders(response);
      const retryAfter = Number(response.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(SHARE_LOOKUP_LIMIT.windowMs / 1000);
      expect(await errorOf(response)).toMatchObject({ code: "rate_limited" });
    }
    // another address is not affected
    expect((await api.tenants(token, "", { headers: from() })).status).toBe(200);
  });

  it("counts malformed tokens as failed lookups too (a scanner gets 429s)", async () => {
    const { token } = await makeLink(LINK, cookies.viewer);
    const scanner = from();
    for (let i = 0; i < SHARE_LOOKUP_LIMIT.maxFailures; i++)
      expect((await api.open(token.slice(0, 10 + i), { headers: scanner })).status).toBe(404);
    expect((await api.open(token, { headers: scanner })).status).toBe(429);
  });

  it("does not count a valid link's 410 or 401 as a failed lookup", async () => {
    const { token, share } = await makeLink({ ...LINK, access: "signed-in" }, cookies.viewer);
    const visitor = from();
    for (let i = 0; i < SHARE_LOOKUP_LIMIT.maxFailures + 5; i++)
      expect((await api.open(token, { headers: visitor })).status).toBe(401);
    await api.revoke(share.id, { cookie: cookies.viewer });
    for (let i = 0; i < 5; i++)
      expect((await api.open(token, { headers: visitor })).status).toBe(410);
  });
});

describe("signed-in users only", () => {
  it("answers 401 without a session and opens for anyone signed in, with or without a role", async () => {
    const { token } = await makeLink({ ...LINK, access: "signed-in" }, cookies.viewer);
    for (const [name, response] of Object.entries(await callAll(token))) {
      expect(response.status, name).toBe(401);
      expectLinkHeaders(response);
      expect(await errorOf(response)).toMatchObject({ code: "unauthorized" });
    }
    for (const who of ["outsider", "viewer", "admin"] as const)
      for (const [name, response] of Object.entries(await callAll(token, cookies[who]))) {
        expect(response.status, `${name} as ${who}`).toBe(200);
        await response.arrayBuffer();
      }
  });

  it("treats a tampered session cookie as no session", async () => {
    const { token } = await makeLink({ ...LINK, access: "signed-in" }, cookies.viewer);
    const forged = `${cookies.viewer.slice(0, -4)}AAAA`;
    expect((await api.open(token, { cookie: forged, headers: from() })).status).toBe(401);
  });
});

describe("export through a link", () => {
  it("answers 403 export_not_allowed when the link does not allow it, at once after a change", async () => {
    const { token, share } = await makeLink({ ...LINK, allowExport: false }, cookies.viewer);
    const refused = await api.export(token, "format=json", { headers: from() });
    expect(refused.status).toBe(403);
    expectLinkHeaders(refused);
    expect(await errorOf(refused)).toMatchObject({ code: "export_not_allowed" });
    await api.patch(share.id, { allowExport: true }, { cookie: cookies.viewer });
    const allowed = await api.export(token, "format=json", { headers: from() });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("content-disposition")).toMatch(/^attachment; filename="tenants-/);
    const rows = (await allowed.json()) as Record<string, unknown>[];
    expect(rows.length).toBe(tenants.filter((t) => t.regionCode === "eu-west-1").length);
    expect(Object.keys(rows[0]!)).toEqual(["name", "id", "status"]);
    await api.patch(share.id, { allowExport: false }, { cookie: cookies.viewer });
    expect((await api.export(token, "", { headers: from() })).status).toBe(403);
  });

  it("chooses among the link's columns with columns=, in the order asked", async () => {
    const { token } = await makeLink(LINK, cookies.viewer);
    const response = await api.export(token, "columns=status,id&bom=false", { headers: from() });
    expect((await response.text()).split("\r\n")[0]).toBe("Status,Tenant ID");
    expect(response.headers.get("x-atlas-export-columns")).toBe("status,id");
  });
});

describe("what a link's answers leave out", () => {
  it("answers a tenant without its history", async () => {
    const { token } = await makeLink(LINK, cookies.viewer);
    const body = await (await api.tenant(token, inside.id, { headers: from() })).json();
    expect(body).toEqual({
      tenant: {
        ...inside,
        hostnames: [],
        regionCode: "",
        countryCode: "",
        subscriptionId: null,
        licenseNumber: null,
        createdBy: null,
        createdAt: "",
        updatedAt: "",
        licenseStartsAt: null,
        licenseEndsAt: null,
        deletionStartsAt: null,
        subscriptionName: null,
        customerRef: null,
        owner: null,
        tags: [],
        note: null,
      },
    });
  });

  it("ignores a session's role: an admin reads through a link only what the link shows", async () => {
    const { token } = await makeLink(LINK, cookies.viewer);
    const outsider = tenants.find((t) => t.regionCode !== "eu-west-1")!;
    const response = await api.tenant(token, outsider.id, {
      cookie: cookies.admin,
      headers: from(),
    });
    expect(response.status).toBe(404);
  });
});

describe("headers", () => {
  it("next.config.js sends the link headers under /s and /api/s, after the general ones", async () => {
    const config = (await import("../../next.config.js")).default as {
      headers(): Promise<{ source: string; headers: { key: string; value: string }[] }[]>;
    };
    const rules = await config.headers();
    const expected = Object.entries(SHARE_RESPONSE_HEADERS).map(([key, value]) => ({ key, value }));
    for (const source of ["/s/:path*", "/api/s/:path*"]) {
      const at = rules.findIndex((r) => r.source === source);
      expect(at, source).toBeGreaterThan(rules.findIndex((r) => r.source === "/:path*"));
      expect(rules[at]!.headers).toEqual(expected);
    }
  });
});

describe("openShareForPage", () => {
  const open = (token: string, identity: { email: string; name: string } | null = null) =>
    openShareForPage(token, {
      session: { identity: identity && { ...identity, provider: "oidc" } },
      clientAddress: nextAddress(),
    });

  it("answers ok with the public share and counts the opening", async () => {
    const { token, share } = await makeLink(LINK, cookies.viewer);
    const opened = await open(token);
    expect(opened).toMatchObject({
      kind: "ok",
      snapshotTakenAt: TAKEN_AT,
      share: { id: share.id, name: "Link", columns: ["name", "id", "status"] },
    });
    expect((await storage.getShare(share.id))?.opens).toBe(1);
  });

  it("answers not_found, expired, revoked and sign_in_required as the API does", async () => {
    expect(await open(newShareToken())).toEqual({ kind: "not_found" });
    expect(await open("garbage")).toEqual({ kind: "not_found" });
    const signedIn = await makeLink({ ...LINK, access: "signed-in" }, cookies.viewer);
    expect(await open(signedIn.token)).toEqual({ kind: "sign_in_required" });
    expect(await open(signedIn.token, { email: "x@else.example.com", name: "X" })).toMatchObject({
      kind: "ok",
    });
    await storage.updateShare(signedIn.share.id, { expiresAt: "2020-01-01T00:00:00.000Z" });
    expect(await open(signedIn.token)).toEqual({
      kind: "expired",
      contact: "vic@viewers.example.com",
    });
    await api.revoke(signedIn.share.id, { cookie: cookies.viewer });
    expect(await open(signedIn.token)).toEqual({
      kind: "revoked",
      contact: "vic@viewers.example.com",
    });
  });

  it("answers rate_limited once an address has failed too often", async () => {
    const clientAddress = "192.0.2.99";
    for (let i = 0; i < SHARE_LOOKUP_LIMIT.maxFailures; i++)
      await openShareForPage(newShareToken(), { session: { identity: null }, clientAddress });
    const { token } = await makeLink(LINK, cookies.viewer);
    const opened = await openShareForPage(token, { session: { identity: null }, clientAddress });
    expect(opened.kind).toBe("rate_limited");
  });
});
