// The query engine with the team's annotations joined: filters, groups, facets, sorts and search
// over subscription names, owners, tags and notes, on a small hand-made snapshot; and answers that
// follow a new annotation version without a new snapshot.
import { describe, expect, it } from "vitest";
import type { SubscriptionLabel, TenantAnnotation } from "@/lib/annotations/types";
import { createTenantIndex, overlaySource, type OverlayLike } from "@/lib/tenants/query";
import type { TenantView } from "@/lib/tenants/types";
import { DEFAULT_VIEW } from "@/lib/tenants/view-params";
import { handTenant as tenant } from "./support/fixture";

const tenants = [
  tenant("T1", { name: "Alpha", licenseEndsAt: "2026-01-15T00:00:00.000Z" }),
  tenant("T2", {
    name: "Bravo",
    subscriptionId: "2000",
    licenseEndsAt: "2026-03-01T00:00:00.000Z",
  }),
  tenant("T3", {
    name: "Charlie",
    subscriptionId: "3000",
    deletionStartsAt: "2026-02-01T00:00:00.000Z",
  }),
  tenant("T4", { name: "Delta", subscriptionId: null }),
  tenant("T5", { name: "Echo", status: "disabled" }),
];

function overlay(
  version: string,
  subscriptions: Record<string, SubscriptionLabel>,
  annotations: Record<string, Partial<TenantAnnotation>>,
): OverlayLike {
  return {
    version,
    subscriptions: new Map(Object.entries(subscriptions)),
    tenants: new Map(
      Object.entries(annotations).map(([id, a]) => [
        id,
        { owner: a.owner ?? null, tags: a.tags ?? [], note: a.note ?? null },
      ]),
    ),
  };
}

const V1 = overlaySource(
  overlay(
    "v1",
    { "1000": { name: "Acme OEM — Zürich", customerRef: "CRM-1" } },
    {
      T1: { owner: "alice@example.com", tags: ["eu-prod", "vip"] },
      T2: { owner: "Team Data", tags: ["eu-prod"] },
      T3: { note: "Renewal pending" },
      T5: { owner: "alice@example.com" },
    },
  ),
);

const index = createTenantIndex(tenants, { asOf: "2026-02-15T00:00:00.000Z" });
const view = (over: Partial<TenantView> = {}): TenantView => ({ ...DEFAULT_VIEW, ...over });
const ALL = { offset: 0, limit: 100 };
const ids = (v: Partial<TenantView>, annotations = V1) =>
  index
    .query(view(v), ALL, annotations)
    .rows.map((t) => t.id)
    .sort();

describe("rows", () => {
  it("carry the subscription's name and customer reference and the tenant's owner, tags and note", () => {
    const result = index.query(view(), ALL, V1);
    const byId = new Map(result.rows.map((t, k) => [t.id, result.annotations[k]]));
    expect(byId.get("T1")).toEqual({
      subscriptionName: "Acme OEM — Zürich",
      customerRef: "CRM-1",
      owner: "alice@example.com",
      tags: ["eu-prod", "vip"],
      note: null,
    });
    expect(byId.get("T3")).toEqual({
      subscriptionName: null,
      customerRef: null,
      owner: null,
      tags: [],
      note: "Renewal pending",
    });
    expect(index.row("T5", V1)).toMatchObject({ id: "T5", owner: "alice@example.com", tags: [] });
  });
});

describe("filters", () => {
  it("owner: exact owners, several = any of them; none = without an owner", () => {
    expect(ids({ owner: ["alice@example.com"] })).toEqual(["T1", "T5"]);
    expect(ids({ owner: ["Team Data", "none"] })).toEqual(["T2", "T3", "T4"]);
    expect(ids({ owner: ["ALICE@example.com"] })).toEqual([]);
  });

  it("tag: several tags = ANY of them (OR); none = untagged", () => {
    expect(ids({ tag: ["vip"] })).toEqual(["T1"]);
    expect(ids({ tag: ["vip", "eu-prod"] })).toEqual(["T1", "T2"]);
    expect(ids({ tag: ["none"] })).toEqual(["T3", "T4", "T5"]);
  });

  it("annotated: has an owner, a tag or a note (a subscription name does not count)", () => {
    expect(ids({ annotated: true })).toEqual(["T1", "T2", "T3", "T5"]);
    expect(ids({ annotated: false })).toEqual(["T4"]);
  });

  it("licenseEndsFrom/To: inclusive; a tenant without a license end is outside any range", () => {
    expect(ids({ licenseEndsFrom: "2026-01-01T00:00:00.000Z" })).toEqual(["T1", "T2"]);
    expect(ids({ licenseEndsTo: "2026-01-15T00:00:00.000Z" })).toEqual(["T1"]);
    expect(
      ids({
        licenseEndsFrom: "2026-01-16T00:00:00.000Z",
        licenseEndsTo: "2026-12-31T23:59:59.999Z",
      }),
    ).toEqual(["T2"]);
  });

  it("deletionScheduled: whether deletionStartsAt is set", () => {
    expect(ids({ deletionScheduled: true })).toEqual(["T3"]);
    expect(ids({ deletionScheduled: false })).toEqual(["T1", "T2", "T4", "T5"]);
  });
});

describe("search", () => {
  it("finds a subscription's name and an owner by any part, accents and case folded", () => {
    expect(ids({ q: "zurich" })).toEqual(["T1", "T5"]);
    expect(ids({ q: "OEM" })).toEqual(["T1", "T5"]);
    expect(ids({ q: "team da" })).toEqual(["T2"]);
    expect(ids({ q: "alice echo" })).toEqual(["T5"]);
  });

  it("says which field matched when the name does not hold the word", () => {
    const result = index.query(view({ q: "alice" }), ALL, V1);
    expect(result.matches).toEqual([["owner"], ["owner"]]);
    const byName = index.query(view({ q: "acme" }), ALL, V1);
    expect(byName.matches.every((m) => m?.includes("subscriptionName"))).toBe(true);
  });

  it("does not find a note's text", () => {
    expect(ids({ q: "renewal" })).toEqual([]);
  });
});

describe("facets", () => {
  it("count owners and tags with every other filter applied; a tenant counts toward each tag", () => {
    const { facets } = index.query(view({ status: ["active"] }), ALL, V1);
    expect(facets.owner).toEqual([
      { value: "none", count: 2 },
      { value: "Team Data", count: 1 },
      { value: "alice@example.com", count: 1 },
    ]);
    expect(facets.tag).toEqual([
      { value: "eu-prod", count: 2 },
      { value: "none", count: 2 },
      { value: "vip", count: 1 },
    ]);
    // The tag facet ignores the tag filter itself (choices stay visible), others apply.
    expect(index.query(view({ tag: ["vip"] }), ALL, V1).facets.tag).toContainEqual({
      value: "eu-prod",
      count: 2,
    });
  });

  it("label a named subscription with its name", () => {
    const { facets } = index.query(view(), ALL, V1);
    expect(facets.subscription).toContainEqual({
      value: "1000",
      count: 2,
      label: "Acme OEM — Zürich",
    });
    expect(facets.subscription).toContainEqual({ value: "2000", count: 1 });
    expect(index.facetValues(V1).owner).toContainEqual({ value: "alice@example.com", count: 2 });
  });
});

describe("groups", () => {
  it("by tag: a tenant with two tags is in both groups; untagged ones under No tags, last", () => {
    const result = index.query(view({ group: "tag" }), ALL, V1);
    expect(result.groups.map((g) => [g.value, g.label, g.offset, g.count])).toEqual([
      ["eu-prod", "eu-prod", 0, 2],
      ["vip", "vip", 2, 1],
      ["none", "No tags", 3, 3],
    ]);
    expect(result.total).toBe(5);
    expect(result.positions).toBe(6);
    expect(result.rows.map((t) => t.id)).toEqual(["T1", "T2", "T1", "T3", "T4", "T5"]);
    // The export and tenantIdsForView see each tenant once.
    expect([...index.select(view({ group: "tag" }), V1)].map((t) => t.id)).toEqual([
      "T1",
      "T2",
      "T3",
      "T4",
      "T5",
    ]);
  });

  it("by owner: owners in natural order, No owner last", () => {
    const result = index.query(view({ group: "owner" }), ALL, V1);
    expect(result.groups.map((g) => [g.value, g.label, g.count])).toEqual([
      ["alice@example.com", "alice@example.com", 2],
      ["Team Data", "Team Data", 1],
      ["none", "No owner", 2],
    ]);
  });

  it("by subscription: a named one is labelled (and ordered) by its name", () => {
    const result = index.query(view({ group: "subscription" }), ALL, V1);
    expect(result.groups.map((g) => [g.value, g.label])).toEqual([
      ["2000", "2000"],
      ["3000", "3000"],
      ["1000", "Acme OEM — Zürich"],
      ["none", "No subscription"],
    ]);
  });
});

describe("sort", () => {
  it("by owner and by subscription name: missing values last both ways, ties by id", () => {
    const order = (field: "owner" | "subscriptionName", desc: boolean) =>
      index.query(view({ sort: [{ field, desc }] }), ALL, V1).rows.map((t) => t.id);
    expect(order("owner", false)).toEqual(["T1", "T5", "T2", "T3", "T4"]);
    expect(order("owner", true)).toEqual(["T2", "T1", "T5", "T3", "T4"]);
    expect(order("subscriptionName", false)).toEqual(["T1", "T5", "T2", "T3", "T4"]);
  });
});

describe("a new annotation version", () => {
  it("is answered without a new snapshot: rows, filters, facets and search follow it", () => {
    const cached = createTenantIndex(tenants, { cacheSize: 16 });
    const v = view({ tag: ["vip"] });
    expect(cached.query(v, ALL, V1).rows.map((t) => t.id)).toEqual(["T1"]);
    const V2 = overlaySource(
      overlay("v2", {}, { T4: { owner: "zoë", tags: ["vip"] }, T1: { tags: [] } }),
    );
    expect(cached.query(v, ALL, V2).rows.map((t) => t.id)).toEqual(["T4"]);
    expect(cached.query(view({ q: "zoe" }), ALL, V2).rows.map((t) => t.id)).toEqual(["T4"]);
    expect(cached.query(view({ q: "zurich" }), ALL, V2).rows).toEqual([]);
    expect(cached.facetValues(V2).tag).toEqual([
      { value: "none", count: 4 },
      { value: "vip", count: 1 },
    ]);
    // The first version is still answered as it was (a request that read it just before).
    expect(cached.query(v, ALL, V1).rows.map((t) => t.id)).toEqual(["T1"]);
    // Without annotations: no owner, no tags, no names.
    expect(cached.query(view({ tag: ["none"] }), ALL).total).toBe(5);
  });
});
