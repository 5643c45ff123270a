// tenantIdsForView: the ids a view's query string selects on the current snapshot with the current
// annotations (the bulk annotation endpoint and alert rule scopes read views through it).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { createTenantIndex, overlaySource } from "@/lib/tenants/query";
import { tenantIdsForView } from "@/lib/tenants/query/current";
import { parseViewParams } from "@/lib/tenants/view-params";
import { buildTenants } from "./support/fixture";

const tenants = buildTenants(400, 21);
const index = createTenantIndex(tenants);

const state = vi.hoisted(() => ({
  overlay: {
    version: "0",
    subscriptions: new Map<string, { name: string; customerRef: string | null }>(),
    tenants: new Map<string, { owner: string | null; tags: string[]; note: string | null }>(),
  },
  snapshotError: null as Error | null,
}));

vi.mock("@/lib/tenants/snapshot", () => ({
  getSnapshot: async () => {
    if (state.snapshotError) throw state.snapshotError;
    return { id: 1, takenAt: "2026-12-05T00:00:00.000Z", tenants, index };
  },
}));
vi.mock("@/lib/annotations/overlay", () => ({ currentOverlay: async () => state.overlay }));

beforeEach(() => {
  state.snapshotError = null;
  state.overlay = {
    version: "1",
    subscriptions: new Map(),
    tenants: new Map([
      [tenants[5]!.id, { owner: "alice@example.com", tags: ["vip"], note: null }],
      [tenants[9]!.id, { owner: null, tags: ["vip", "eu-prod"], note: null }],
      [tenants[2]!.id, { owner: "alice@example.com", tags: [], note: "x" }],
    ]),
  };
});

describe("tenantIdsForView", () => {
  it("answers the ids of the view's tenants in its order, each once, reading the current annotations", async () => {
    const vip = await tenantIdsForView("tag=vip");
    expect(new Set(vip)).toEqual(new Set([tenants[5]!.id, tenants[9]!.id]));
    expect(vip).toEqual(await tenantIdsForView("tag=vip&sort=name"));
    expect(new Set(await tenantIdsForView("?owner=alice@example.com&group=tag"))).toEqual(
      new Set([tenants[5]!.id, tenants[2]!.id]),
    );
    const viaParams = await tenantIdsForView(new URLSearchParams("status=active&sort=-createdAt"));
    const { view } = parseViewParams(new URLSearchParams("status=active&sort=-createdAt"));
    expect(viaParams).toEqual([...index.select(view)].map((t) => t.id));
    // Paging params are accepted and ignored; an empty query string is every tenant.
    expect((await tenantIdsForView("limit=1&offset=3")).length).toBe(tenants.length);
    expect(new Set(await tenantIdsForView("")).size).toBe(tenants.length);
  });

  it("follows a new overlay version", async () => {
    expect((await tenantIdsForView("tag=eu-prod")).length).toBe(1);
    state.overlay = { ...state.overlay, version: "2", tenants: new Map() };
    expect(await tenantIdsForView("tag=eu-prod")).toEqual([]);
  });

  it("takes a given index and annotations instead of the current ones", async () => {
    const other = createTenantIndex(tenants.slice(0, 10));
    const annotations = overlaySource({
      version: "x",
      subscriptions: new Map(),
      tenants: new Map([[tenants[1]!.id, { owner: "bob", tags: [], note: null }]]),
    });
    expect(await tenantIdsForView("owner=bob", { index: other, annotations })).toEqual([
      tenants[1]!.id,
    ]);
  });

  it.each([
    ["colour=red", 'Unknown parameter "colour"'],
    ["tag=Bad%20Tag", '"tag" has an invalid value "Bad Tag"'],
    ["status=actve", '"status" has an unknown value "actve"'],
  ])("throws ApiError 400 for %s, with the message GET /api/tenants gives", async (qs, text) => {
    const error = await tenantIdsForView(qs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain(text);
  });

  it("lets the snapshot holder's 503 through before the first sync", async () => {
    state.snapshotError = new ApiError(503, "not_ready", "First sync in progress");
    const error = await tenantIdsForView("tag=vip").catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(503);
  });
});
