// GET /api/tenants and GET /api/tenants/[id] through their guard, with sessions minted the way
// next-auth mints them and the snapshot holder and change feed replaced by fixtures.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { createTenantIndex, tenantRows } from "@/lib/tenants/query";
import type { TenantChange, TenantsResponse } from "@/lib/tenants/types";
import { DEFAULT_VIEW, parseViewParams } from "@/lib/tenants/view-params";
import { GET as listTenants } from "@/app/api/tenants/route";
import { GET as getTenant } from "@/app/api/tenants/[id]/route";
import { PEOPLE, noParams, request, sessionCookie, useEnv } from "../auth/support";
import { buildTenants } from "./support/fixture";

const tenants = buildTenants(800, 5);
const index = createTenantIndex(tenants);
const TAKEN_AT = "2026-11-27T17:40:00.000Z";

const state = vi.hoisted(() => ({
  overlay: {
    version: "0",
    subscriptions: new Map<string, { name: string; customerRef: string | null }>(),
    tenants: new Map<string, { owner: string | null; tags: string[]; note: string | null }>(),
  },
  snapshotId: 7,
  snapshotError: null as Error | null,
  changes: [] as unknown[],
  changeCalls: [] as unknown[][],
}));

vi.mock("@/lib/tenants/snapshot", () => ({
  getSnapshot: async () => {
    if (state.snapshotError) throw state.snapshotError;
    return { id: state.snapshotId, takenAt: TAKEN_AT, tenants, index };
  },
}));

vi.mock("@/lib/annotations/overlay", () => ({
  currentOverlay: async () => state.overlay,
}));

vi.mock("@/lib/tenants/changes", () => ({
  listTenantChanges: async (...args: unknown[]) => {
    state.changeCalls.push(args);
    return state.changes;
  },
}));

let viewer: string;
beforeEach(async () => {
  useEnv();
  viewer = await sessionCookie(PEOPLE.viewer);
  state.snapshotId = 7;
  state.overlay = { version: "0", subscriptions: new Map(), tenants: new Map() };
  state.snapshotError = null;
  state.changes = [];
  state.changeCalls = [];
});

/** `cookie` null: an anonymous caller. */
const list = (qs: string, cookie: string | null = viewer, headers: Record<string, string> = {}) =>
  listTenants(
    request(`/api/tenants${qs ? `?${qs}` : ""}`, { cookie: cookie ?? undefined, headers }),
    noParams,
  );
const detail = (id: string, cookie: string | null = viewer, headers: Record<string, string> = {}) =>
  getTenant(
    request(`/api/tenants/${encodeURIComponent(id)}`, { cookie: cookie ?? undefined, headers }),
    { params: Promise.resolve({ id }) },
  );
const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

describe("GET /api/tenants", () => {
  it("answers a page of the view with totals, facets, groups and which snapshot it is", async () => {
    const qs =
      "q=acme&status=active,disabled&group=region,subscription&sort=-createdAt&offset=5&limit=20";
    const response = await list(qs);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    const body = (await response.json()) as TenantsResponse;
    const { view } = parseViewParams(new URLSearchParams(qs));
    const {
      matches,
      annotations,
      positions: _,
      ...expected
    } = index.query(view, {
      offset: 5,
      limit: 20,
    });
    expect(body).toEqual(
      JSON.parse(
        JSON.stringify({
          ...expected,
          rows: tenantRows({ rows: expected.rows, matches, annotations }),
          offset: 5,
          limit: 20,
          snapshot: { id: 7, takenAt: TAKEN_AT },
        }),
      ),
    );
    expect(body.rows.length).toBe(Math.min(20, Math.max(0, body.total - 5)));
    expect(body.totalAll).toBe(tenants.length);
  });

  it("defaults to the first 100 rows sorted by name", async () => {
    const body = (await (await list("")).json()) as TenantsResponse;
    expect(body).toMatchObject({ offset: 0, limit: 100, total: tenants.length, groups: [] });
    expect(body.rows.map((t) => t.id)).toEqual(
      index.query(DEFAULT_VIEW, { offset: 0, limit: 100 }).rows.map((t) => t.id),
    );
  });

  it.each([
    ["colour=red", 'Unknown parameter "colour"'],
    ["region=mars-1", '"region" has an unknown value "mars-1"'],
    [
      "createdFrom=2024-02-01&createdTo=2024-01-01",
      '"createdFrom" (2024-02-01) is after "createdTo" (2024-01-01)',
    ],
    ["limit=5000", '"limit" must be a whole number from 1 to 1000, not "5000"'],
    ["sort=colour", '"sort" has an unknown field "colour"'],
  ])("answers 400 for %s, naming the parameter", async (qs, message) => {
    const response = await list(qs);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("bad_request");
    expect(error.message).toContain(message);
  });

  it("checks the session before the parameters", async () => {
    expect((await list("colour=red", null)).status).toBe(401);
    expect((await list("", await sessionCookie(PEOPLE.outsider))).status).toBe(403);
  });

  it("lets the snapshot holder's 503 through while the first sync runs", async () => {
    state.snapshotError = new ApiError(
      503,
      "upstream_unavailable",
      "First sync in progress: 12,000 of 50,000 tenants read. Try again in a few seconds.",
      { retryAfterSeconds: 5 },
    );
    const response = await list("");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect((await errorOf(response)).message).toMatch(/^First sync in progress/);
  });

  it("answers 500 with the generic message when something else breaks", async () => {
    state.snapshotError = new Error("database is locked at /var/secret/path");
    const response = await list("");
    expect(response.status).toBe(500);
    expect((await errorOf(response)).message).not.toContain("secret");
  });
});

describe("GET /api/tenants/[id]", () => {
  const known = tenants[3]!;

  it("answers the tenant and its changes", async () => {
    const change: TenantChange = {
      id: 1,
      tenantId: known.id,
      tenantName: known.name,
      kind: "renamed",
      before: "Old",
      after: known.name,
      detectedAt: "2026-11-27T17:00:00.000Z",
    };
    state.changes = [change];
    const response = await detail(known.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(await response.json()).toEqual({ tenant: known, changes: [change] });
    expect(state.changeCalls).toEqual([[known.id, { limit: 100 }]]);
  });

  it("answers 404 in the error shape for an id not in the snapshot", async () => {
    const response = await detail("A".repeat(32));
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({
      code: "not_found",
      message: `No tenant with id "${"A".repeat(32)}" in the current snapshot.`,
    });
  });

  it.each([["has space"], ["../etc/passwd"], ["x".repeat(65)], ["<script>"], ["é"]])(
    "answers 400 for the malformed id %j",
    async (id) => {
      const response = await detail(id);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toMatch(/"id".*is not a tenant id/);
      expect(state.changeCalls).toEqual([]);
    },
  );

  it("needs a session", async () => {
    expect((await detail(known.id, null)).status).toBe(401);
  });
});

describe("GET /api/tenants with annotations", () => {
  it("joins them onto the rows and filters, groups and counts by them", async () => {
    const [a, b] = [tenants[0]!, tenants[1]!];
    state.overlay = {
      version: "3",
      subscriptions: new Map(
        a.subscriptionId ? [[a.subscriptionId, { name: "Acme OEM", customerRef: "CRM-9" }]] : [],
      ),
      tenants: new Map([
        [a.id, { owner: "Sales, EMEA", tags: ["eu-prod", "vip"], note: "Call before renewal" }],
        [b.id, { owner: null, tags: ["vip"], note: null }],
      ]),
    };
    const response = await list("tag=vip&group=tag&limit=1000");
    expect(response.status).toBe(200);
    const body = (await response.json()) as TenantsResponse;
    expect(body.total).toBe(2);
    expect(body.groups.map((g) => [g.value, g.count])).toEqual([
      ["eu-prod", 1],
      ["vip", 2],
    ]);
    expect(body.rows.find((r) => r.id === a.id)).toMatchObject({
      subscriptionName: a.subscriptionId ? "Acme OEM" : null,
      owner: "Sales, EMEA",
      tags: ["eu-prod", "vip"],
      note: "Call before renewal",
    });
    expect(body.facets.tag).toContainEqual({ value: "vip", count: 2 });
    const owned = (await (await list("owner=Sales,%20EMEA")).json()) as TenantsResponse;
    expect(owned.rows.map((r) => r.id)).toEqual([a.id]);
  });

  it.each([
    ["tag=Not%20a%20tag", '"tag" has an invalid value "Not a tag"'],
    ["owner=%07bell", '"owner" has an invalid value'],
    ["annotated=perhaps", '"annotated" must be "yes" or "no", not "perhaps"'],
    ["deletionScheduled=2", '"deletionScheduled" must be "yes" or "no", not "2"'],
    ["licenseEndsFrom=tomorrow", '"licenseEndsFrom" is not a date: "tomorrow"'],
    ["group=tags", '"group" has an unknown value "tags"'],
  ])("answers 400 for %s, naming the parameter", async (qs, text) => {
    const response = await list(qs);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain(text);
  });

  it("selects nothing (no 400) for a well-formed tag or owner no tenant has yet", async () => {
    const body = (await (await list("tag=brand-new&owner=nobody")).json()) as TenantsResponse;
    expect(body.total).toBe(0);
    expect(body.facets.tag).toContainEqual({ value: "brand-new", count: 0 });
  });
});

describe("conditional GET (ETag, 304)", () => {
  const qs = "q=a&region=eu-central-1&group=region,subscription&limit=50";
  const known = tenants[3]!;

  it("answers 304 with no body to the If-None-Match of the same view on the same snapshot", async () => {
    const first = await list(qs);
    const etag = first.headers.get("etag")!;
    const again = await list(qs, viewer, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toBe("private, no-cache");
    expect(await again.text()).toBe("");
    // Several tags, or the weak form a proxy may send, match too.
    const listed = await list(qs, viewer, { "if-none-match": `"other", W/${etag}` });
    expect(listed.status).toBe(304);
  });

  it("is the same tag for the same view written another way (canonical view)", async () => {
    const a = await list("group=region,subscription&region=eu-central-1&q=a&limit=50");
    const b = await list(qs);
    expect(a.headers.get("etag")).toBe(b.headers.get("etag"));
  });

  it("changes with the view, the page and the snapshot", async () => {
    const base = (await list(qs)).headers.get("etag");
    const tags = [
      (await list(`${qs}&status=active`)).headers.get("etag"),
      (await list(`${qs}&offset=50`)).headers.get("etag"),
    ];
    state.snapshotId = 8; // a sync installed a new snapshot
    const afterSync = await list(qs, viewer, { "if-none-match": base! });
    expect(afterSync.status).toBe(200);
    tags.push(afterSync.headers.get("etag"));
    expect(new Set([base, ...tags]).size).toBe(4);
  });

  it("changes when the annotations change (a new overlay version), on the same snapshot", async () => {
    const base = (await list(qs)).headers.get("etag")!;
    state.overlay = { ...state.overlay, version: "42" };
    const after = await list(qs, viewer, { "if-none-match": base });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(base);
    const again = await list(qs, viewer, { "if-none-match": after.headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  it("never answers 304 across roles", async () => {
    const admin = await sessionCookie(PEOPLE.admin);
    const asViewer = (await list(qs)).headers.get("etag")!;
    const asAdmin = await list(qs, admin, { "if-none-match": asViewer });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.headers.get("etag")).not.toBe(asViewer);
  });

  it("checks the session before answering 304", async () => {
    const etag = (await list(qs)).headers.get("etag")!;
    const anonymous = await list(qs, null, { "if-none-match": etag });
    expect(anonymous.status).toBe(401);
  });

  it("does the same for one tenant, without reading its history again", async () => {
    const first = await detail(known.id);
    const etag = first.headers.get("etag")!;
    expect(state.changeCalls.length).toBe(1);
    const again = await detail(known.id, viewer, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(state.changeCalls.length).toBe(1);
    const other = await detail(tenants[4]!.id, viewer, { "if-none-match": etag });
    expect(other.status).toBe(200);
    state.snapshotId = 8;
    expect((await detail(known.id, viewer, { "if-none-match": etag })).status).toBe(200);
  });
});
