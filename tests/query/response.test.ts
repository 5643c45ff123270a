// The GET /api/tenants body as bytes: the same JSON as the objects, the snapshot state always
// current even when the rest comes from the byte cache, hostile text intact.
import { describe, expect, it } from "vitest";
import { createTenantIndex, tenantsResponseBody } from "@/lib/tenants/query";
import type { SnapshotInfo, TenantView } from "@/lib/tenants/types";
import { DEFAULT_VIEW } from "@/lib/tenants/view-params";
import { buildTenants, HOSTILE_NAMES } from "./support/fixture";

const tenants = buildTenants(600, 9);
const info = (syncing: boolean): SnapshotInfo => ({
  takenAt: "2026-11-27T17:40:00.000Z",
  tenantCount: tenants.length,
  syncing,
  progress: syncing ? { tenantsRead: 120, expected: 600 } : null,
  lastRun: null,
  lastError: null,
});
const decode = (chunks: Uint8Array[]) =>
  JSON.parse(new TextDecoder().decode(Buffer.concat(chunks))) as unknown;

describe("tenantsResponseBody", () => {
  const view: TenantView = { ...DEFAULT_VIEW, q: "a", group: "subscription,region" };
  const page = { offset: 10, limit: 40 };

  it.each([true, false])("is the TenantsResponse as JSON (byte cache %s)", (cache) => {
    const index = createTenantIndex(tenants);
    const body = decode(tenantsResponseBody(index, view, page, info(false), { cache }));
    const expected = { ...index.query(view, page), ...page, snapshot: info(false) };
    expect(body).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it("serves the cached part with the snapshot state of the moment", () => {
    const index = createTenantIndex(tenants);
    const first = decode(tenantsResponseBody(index, view, page, info(false))) as {
      snapshot: SnapshotInfo;
    };
    const second = decode(tenantsResponseBody(index, view, page, info(true))) as {
      snapshot: SnapshotInfo;
    };
    expect(first.snapshot.syncing).toBe(false);
    expect(second.snapshot).toEqual(info(true));
    expect({ ...second, snapshot: null }).toEqual({ ...first, snapshot: null });
  });

  it("keeps pages and views apart", () => {
    const index = createTenantIndex(tenants);
    const a = decode(tenantsResponseBody(index, view, { offset: 0, limit: 5 }, info(false))) as {
      rows: { id: string }[];
    };
    const b = decode(tenantsResponseBody(index, view, { offset: 5, limit: 5 }, info(false))) as {
      rows: { id: string }[];
    };
    const c = decode(
      tenantsResponseBody(index, { ...view, q: "b" }, { offset: 0, limit: 5 }, info(false)),
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
      tenantsResponseBody(index, DEFAULT_VIEW, { offset: 0, limit: 100 }, info(false)),
    ) as {
      rows: { name: string }[];
    };
    expect(body.rows.map((t) => t.name).sort()).toEqual([...HOSTILE_NAMES].sort());
  });
});
