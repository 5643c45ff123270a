// The GET /api/tenants body as bytes: the same JSON as the objects, one body per snapshot, view and
// page (so it can carry an ETag), hostile text intact.
import { describe, expect, it } from "vitest";
import { createTenantIndex, tenantRows, tenantsResponseBody } from "@/lib/tenants/query";
import type { SnapshotRef, TenantsResponse, TenantView } from "@/lib/tenants/types";
import { DEFAULT_VIEW } from "@/lib/tenants/view-params";
import { buildTenants, HOSTILE_NAMES } from "./support/fixture";

const tenants = buildTenants(600, 9);
const ref: SnapshotRef = { id: 7, takenAt: "2026-11-27T17:40:00.000Z" };
const decode = (body: Uint8Array) => JSON.parse(new TextDecoder().decode(body)) as unknown;

describe("tenantsResponseBody", () => {
  const view: TenantView = { ...DEFAULT_VIEW, q: "a", group: "subscription,region" };
  const page = { offset: 10, limit: 40 };

  it.each([true, false])("is the TenantsResponse as JSON (byte cache %s)", (cache) => {
    const index = createTenantIndex(tenants);
    const body = decode(tenantsResponseBody(index, view, page, ref, { cache }));
    const { matches, ...result } = index.query(view, page);
    expect(matches.some(Boolean)).toBe(true); // rows found by a hostname, with "match"
    const expected = { ...result, rows: tenantRows({ rows: result.rows, matches }), ...page };
    expect(body).toEqual(JSON.parse(JSON.stringify({ ...expected, snapshot: ref })));
  });

  it("gives a row found by its id or a hostname, not its name, the fields that matched", () => {
    const index = createTenantIndex(tenants);
    const target = tenants[42]!;
    const prefix = target.id.slice(0, 6);
    const byId = decode(
      tenantsResponseBody(index, { ...DEFAULT_VIEW, q: prefix }, { offset: 0, limit: 10 }, ref),
    ) as TenantsResponse;
    const row = byId.rows.find((r) => r.id === target.id);
    expect(row?.match).toEqual(["id"]);
    expect({ ...row, match: undefined }).toEqual({ ...target, match: undefined });
    const word = target.name.split(/\s+/)[0]!;
    const byName = decode(
      tenantsResponseBody(index, { ...DEFAULT_VIEW, q: word }, { offset: 0, limit: 1000 }, ref),
    ) as TenantsResponse;
    expect(byName.rows.find((r) => r.id === target.id)).toEqual(target); // no "match"
  });

  it("is the same bytes for the same snapshot, view and page, from the cache or not", () => {
    const index = createTenantIndex(tenants);
    const cached = tenantsResponseBody(index, view, page, ref);
    expect(tenantsResponseBody(index, view, page, ref)).toBe(cached);
    expect(Buffer.from(tenantsResponseBody(index, view, page, ref, { cache: false }))).toEqual(
      Buffer.from(cached),
    );
    expect((decode(cached) as { snapshot: SnapshotRef }).snapshot).toEqual(ref);
  });

  it("keeps pages and views apart", () => {
    const index = createTenantIndex(tenants);
    const a = decode(tenantsResponseBody(index, view, { offset: 0, limit: 5 }, ref)) as {
      rows: { id: string }[];
    };
    const b = decode(tenantsResponseBody(index, view, { offset: 5, limit: 5 }, ref)) as {
      rows: { id: string }[];
    };
    const c = decode(
      tenantsResponseBody(index, { ...view, q: "b" }, { offset: 0, limit: 5 }, ref),
    ) as {
      rows: { id: string }[];
    };
    const all = index.query(view, { offset: 0, limit: 10 }).rows.map((t) => t.id);
    expect([...a.rows, ...b.rows].map((t) => t.id)).toEqual(all);
    expect(c.rows.map((t) => t.id)).toEqual(
      index.query({ ...view, q: "b" }, { offset: 0, limit: 5 }).rows.map((t) => t.id),
    );
  });

  it("carries hostile names byte for byte", () => {
    const hostile = buildTenants(HOSTILE_NAMES.length, 1).map((t, i) => ({
      ...t,
      name: HOSTILE_NAMES[i] as string,
    }));
    const index = createTenantIndex(hostile);
    const body = decode(
      tenantsResponseBody(index, DEFAULT_VIEW, { offset: 0, limit: 100 }, ref),
    ) as {
      rows: { name: string }[];
    };
    expect(body.rows.map((t) => t.name).sort()).toEqual([...HOSTILE_NAMES].sort());
  });
});
