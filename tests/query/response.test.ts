// The GET /api/tenants body as bytes: the same JSON as the objects, one body per snapshot, view and
// page (so it can carry an ETag), hostile text intact.
import { describe, expect, it } from "vitest";
import {
  annotatedRow,
  createTenantIndex,
  NO_ANNOTATION,
  overlaySource,
  tenantRows,
  tenantsResponseBody,
} from "@/lib/tenants/query";
import type { SnapshotRef, TenantsResponse, TenantView } from "@/lib/tenants/types";
import { DEFAULT_VIEW } from "@/lib/tenants/view-params";
import { buildOverlay, buildTenants, HOSTILE_NAMES } from "./support/fixture";

const tenants = buildTenants(600, 9);
const ref: SnapshotRef = { id: 7, takenAt: "2026-11-27T17:40:00.000Z" };
const decode = (body: Uint8Array) => JSON.parse(new TextDecoder().decode(body)) as unknown;

describe("tenantsResponseBody", () => {
  const view: TenantView = { ...DEFAULT_VIEW, q: "a", group: "subscription,region" };
  const page = { offset: 10, limit: 40 };

  it.each([true, false])("is the TenantsResponse as JSON (byte cache %s)", (cache) => {
    const index = createTenantIndex(tenants);
    const body = decode(tenantsResponseBody(index, view, page, ref, { cache }));
    const { matches, annotations, positions: _, ...result } = index.query(view, page);
    expect(matches.some(Boolean)).toBe(true); // rows found by a hostname, with "match"
    const rows = tenantRows({ rows: result.rows, matches, annotations });
    const expected = { ...result, rows, ...page };
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
    expect({ ...row, match: undefined }).toEqual({
      ...annotatedRow(target, NO_ANNOTATION),
      match: undefined,
    });
    const word = target.name.split(/\s+/)[0]!;
    const byName = decode(
      tenantsResponseBody(index, { ...DEFAULT_VIEW, q: word }, { offset: 0, limit: 1000 }, ref),
    ) as TenantsResponse;
    // No "match"; no annotations: null and [].
    expect(byName.rows.find((r) => r.id === target.id)).toEqual(
      annotatedRow(target, NO_ANNOTATION),
    );
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

  it("joins the annotations: each row carries its subscription's name and its owner, tags and note", () => {
    const index = createTenantIndex(tenants);
    const overlay = buildOverlay(tenants, 3);
    const annotations = overlaySource(overlay);
    const all = { offset: 0, limit: 1000 };
    const body = decode(
      tenantsResponseBody(index, DEFAULT_VIEW, all, ref, { annotations }),
    ) as TenantsResponse;
    const result = index.query(DEFAULT_VIEW, all, annotations);
    expect(body.rows).toEqual(JSON.parse(JSON.stringify(tenantRows(result))));
    const named = body.rows.find((r) => r.subscriptionId === "1000000000000001")!;
    expect(named).toMatchObject({
      subscriptionName: "Acme OEM — production",
      customerRef: "CRM-0",
    });
    const annotated = body.rows.find((r) => overlay.tenants.get(r.id)?.note === "Line\nbreak")!;
    expect(annotated).toMatchObject(overlay.tenants.get(annotated.id)!);
    const plain = body.rows.find((r) => !overlay.tenants.has(r.id) && r.subscriptionId === null)!;
    expect(plain).toMatchObject({
      subscriptionName: null,
      customerRef: null,
      owner: null,
      tags: [],
      note: null,
    });
    // Key order: the tenant's fields, then the annotations.
    expect(Object.keys(plain).slice(-5)).toEqual([
      "subscriptionName",
      "customerRef",
      "owner",
      "tags",
      "note",
    ]);
  });

  it("keeps bodies per annotation version: a new version is a new body, the same one the same", () => {
    const index = createTenantIndex(tenants);
    const v1 = overlaySource(buildOverlay(tenants, 3, "v1"));
    const v2 = overlaySource({ ...buildOverlay(tenants, 4, "v2") });
    const first = tenantsResponseBody(index, view, page, ref, { annotations: v1 });
    expect(tenantsResponseBody(index, view, page, ref, { annotations: v1 })).toBe(first);
    const second = tenantsResponseBody(index, view, page, ref, { annotations: v2 });
    expect(second).not.toBe(first);
    expect(decode(second)).toEqual(
      decode(tenantsResponseBody(index, view, page, ref, { annotations: v2, cache: false })),
    );
    expect(decode(second)).not.toEqual(decode(first));
  });
});
