// GET /api/tenants and GET /api/tenants/[id] through their guard, with sessions minted the way
// next-auth mints them and the snapshot holder and change feed replaced by fixtures.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { createTenantIndex } from "@/lib/tenants/query";
import type { SnapshotInfo, TenantChange, TenantsResponse } from "@/lib/tenants/types";
import { DEFAULT_VIEW, parseViewParams } from "@/lib/tenants/view-params";
import { GET as listTenants } from "@/app/api/tenants/route";
import { GET as getTenant } from "@/app/api/tenants/[id]/route";
import { PEOPLE, noParams, request, sessionCookie, useEnv } from "../auth/support";
import { buildTenants } from "./support/fixture";

const tenants = buildTenants(800, 5);
const index = createTenantIndex(tenants);
const INFO: SnapshotInfo = {
  takenAt: "2026-11-27T17:40:00.000Z",
  tenantCount: tenants.length,
  syncing: false,
  progress: null,
  lastRun: null,
  lastError: null,
};

const state = vi.hoisted(() => ({
  snapshotError: null as Error | null,
  changes: [] as unknown[],
  changeCalls: [] as unknown[][],
}));

vi.mock("@/lib/tenants/snapshot", () => ({
  getSnapshot: async () => {
    if (state.snapshotError) throw state.snapshotError;
    return { id: 7, takenAt: INFO.takenAt, tenants, index };
  },
  getSnapshotInfo: () => INFO,
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
  state.snapshotError = null;
  state.changes = [];
  state.changeCalls = [];
});

/** `cookie` null: an anonymous caller. */
const list = (qs: string, cookie: string | null = viewer) =>
  listTenants(
    request(`/api/tenants${qs ? `?${qs}` : ""}`, { cookie: cookie ?? undefined }),
    noParams,
  );
const detail = (id: string, cookie: string | null = viewer) =>
  getTenant(request(`/api/tenants/${encodeURIComponent(id)}`, { cookie: cookie ?? undefined }), {
    params: Promise.resolve({ id }),
  });
const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

describe("GET /api/tenants", () => {
  it("answers a page of the view with totals, facets, groups and the snapshot's state", async () => {
    const qs =
      "q=acme&status=active,disabled&group=region,subscription&sort=-createdAt&offset=5&limit=20";
    const response = await list(qs);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = (await response.json()) as TenantsResponse;
    const { view } = parseViewParams(new URLSearchParams(qs));
    const expected = index.query(view, { offset: 5, limit: 20 });
    expect(body).toEqual(
      JSON.parse(JSON.stringify({ ...expected, offset: 5, limit: 20, snapshot: INFO })),
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
    expect(response.headers.get("cache-control")).toBe("private, no-store");
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
