// index.query / select / get / facetValues: each behaviour on a small hand-made snapshot, and
// sorting, grouping and paging over the generated fixture against the reference.
import { describe, expect, it } from "vitest";
import { createTenantIndex, createTenantIndexAsync } from "@/lib/tenants/query";
import { SORT_FIELDS, type TenantView } from "@/lib/tenants/types";
import { DEFAULT_VIEW } from "@/lib/tenants/view-params";
import { buildTenants, handTenant as tenant, HOSTILE_NAMES } from "./support/fixture";
import { refQuery, refSort } from "./support/reference";

const view = (over: Partial<TenantView> = {}): TenantView => ({ ...DEFAULT_VIEW, ...over });
const ALL = { offset: 0, limit: 1000 };

const small = [
  tenant("T1", { name: "Zürich Analytics", regionCode: "eu-central-1", countryCode: "DE" }),
  tenant("T2", { name: "Acme Prod", status: "disabled", subscriptionId: "2000" }),
  tenant("T3", {
    name: "Globex",
    hostnames: ["globex.us.qlikcloud.com", "analytics.globex.example.com"],
    regionCode: "us-east-1",
    countryCode: "US",
  }),
  tenant("T4", { name: "ZURICH dev", subscriptionId: null, status: "deleted" }),
  tenant("T5", { name: "Initech", createdAt: "2024-02-01T00:00:00.000Z" }),
  tenant("T6", { name: "Initech", createdAt: "2024-01-31T23:59:59.999Z", status: "suspended" }),
  tenant("xYz-Id_42", { name: "Hooli", regionCode: "us-east-1", countryCode: "US" }),
];
const smallIndex = createTenantIndex(small, { cacheSize: 0 });
const ids = (v: Partial<TenantView>) =>
  smallIndex
    .query(view(v), ALL)
    .rows.map((t) => t.id)
    .sort();

describe("filters", () => {
  it("region, country, subscription and status each narrow the rows", () => {
    expect(ids({ region: ["us-east-1"] })).toEqual(["T3", "xYz-Id_42"]);
    expect(ids({ country: ["DE"] })).toEqual(["T1"]);
    expect(ids({ subscription: ["2000"] })).toEqual(["T2"]);
    expect(ids({ status: ["disabled", "deleted"] })).toEqual(["T2", "T4"]);
  });

  it('subscription "none" selects tenants without a subscription', () => {
    expect(ids({ subscription: ["none"] })).toEqual(["T4"]);
    expect(ids({ subscription: ["none", "2000"] })).toEqual(["T2", "T4"]);
  });

  it("combined filters must all hold", () => {
    expect(ids({ region: ["eu-west-1"], status: ["active"] })).toEqual(["T5"]);
    expect(ids({ region: ["eu-west-1"], status: ["active"], q: "initech" })).toEqual(["T5"]);
    expect(ids({ region: ["us-east-1"], country: ["DE"] })).toEqual([]);
  });

  it("a selected value no tenant has matches nothing", () => {
    expect(ids({ region: ["ap-south-1"] })).toEqual([]);
  });
});

describe("search", () => {
  it("is case- and accent-insensitive", () => {
    expect(ids({ q: "zurich" })).toEqual(["T1", "T4"]);
    expect(ids({ q: "ZÜRICH" })).toEqual(["T1", "T4"]);
    expect(ids({ q: "ZuRi" })).toEqual(["T1", "T4"]);
  });

  it("matches every hostname, and the id as a whole", () => {
    expect(ids({ q: "globex.example" })).toEqual(["T3"]);
    expect(ids({ q: "analytics" })).toEqual(["T1", "T3"]);
    expect(ids({ q: "xyz-id_42" })).toEqual(["xYz-Id_42"]);
  });

  it("needs every word, in any field, and never across two fields", () => {
    expect(ids({ q: "zurich analytics" })).toEqual(["T1"]);
    expect(ids({ q: "  analytics   globex " })).toEqual(["T3"]);
    // name "Globex" + first hostname "globex.us…": the newline between them is not matchable
    expect(ids({ q: "globexglobex" })).toEqual([]);
  });

  it("an empty or blank search matches everything", () => {
    expect(ids({ q: "   " })).toHaveLength(small.length);
  });
});

describe("search for identifiers: the whole value or a prefix of 4 or more, never the middle", () => {
  const people = [
    tenant("Qx7zorgAb3dR9tK2", {
      name: "Acme Analytics",
      hostnames: ["acme.eu.qlikcloud.com"],
      subscriptionId: "4100000000000001",
      licenseNumber: "9912345678901234",
    }),
    tenant("Pq8kZORGm2DrW1", { name: "Zorgcentrum Noord", hostnames: ["zcn.eu.qlikcloud.com"] }),
    tenant("aB9dRqQmm4", { name: "Hydra Systems", hostnames: ["hydra.us.qlikcloud.com"] }),
    tenant("ZoRg1234abcd", { name: "Globex", hostnames: ["globex.example.com"] }),
    tenant("Mn3", { name: "Initech", hostnames: [], subscriptionId: "4100000000000002" }),
  ];
  const index = createTenantIndex(people, { cacheSize: 0 });
  const found = (q: string) =>
    Object.fromEntries(
      (({ rows, matches }) => rows.map((t, k) => [t.id, matches[k] ?? "name"]))(
        index.query(view({ q }), ALL),
      ),
    );

  it("a name fragment no longer finds tenants whose id merely contains it", () => {
    // "zorg" is inside two ids; only the name that holds it and the id that starts with it count.
    expect(found("zorg")).toEqual({ Pq8kZORGm2DrW1: "name", ZoRg1234abcd: ["id"] });
    // "dr" is inside three ids and one name/hostname.
    expect(found("dr")).toEqual({ aB9dRqQmm4: "name" });
  });

  it("an id is found by its first 4 or more characters, any case, or as a whole", () => {
    expect(found("zorg1")).toEqual({ ZoRg1234abcd: ["id"] });
    expect(found("QX7Z")).toEqual({ Qx7zorgAb3dR9tK2: ["id"] });
    expect(found("qx7")).toEqual({}); // 3 characters: only a whole id
    expect(found("mn3")).toEqual({ Mn3: ["id"] });
    expect(found("zorgAb3d")).toEqual({}); // from the middle
  });

  it("a license number and a subscription id: whole or by prefix", () => {
    expect(found("9912345678901234")).toEqual({ Qx7zorgAb3dR9tK2: ["licenseNumber"] });
    expect(found("99123")).toEqual({ Qx7zorgAb3dR9tK2: ["licenseNumber"] });
    expect(found("12345678")).toEqual({});
    expect(found("4100")).toEqual({
      Qx7zorgAb3dR9tK2: ["subscriptionId"],
      Mn3: ["subscriptionId"],
    });
    expect(found("4100000000000002")).toEqual({ Mn3: ["subscriptionId"] });
  });

  it("says which fields matched a word the name does not hold, in a fixed order", () => {
    expect(found("acme")).toEqual({ Qx7zorgAb3dR9tK2: "name" }); // name and hostname: the name
    expect(found("eu.qlik")).toEqual({
      Qx7zorgAb3dR9tK2: ["hostname"],
      Pq8kZORGm2DrW1: ["hostname"],
    });
    expect(found("acme 9912")).toEqual({ Qx7zorgAb3dR9tK2: ["licenseNumber"] });
    expect(found("qlikcloud qx7z")).toEqual({ Qx7zorgAb3dR9tK2: ["hostname", "id"] });
  });

  it("names and hostnames keep the accent-insensitive substring match", () => {
    const accented = createTenantIndex([
      tenant("A1", { name: "Crème Brûlée Zürich", hostnames: ["creme.eu.qlikcloud.com"] }),
    ]);
    for (const q of ["brulee", "ZURI", "rème", "me.eu"])
      expect(accented.query(view({ q }), ALL).total, q).toBe(1);
  });

  it("the word cache never narrows a search to the answer of a word it only contains", () => {
    const cached = createTenantIndex(people, { cacheSize: 8 });
    expect(cached.query(view({ q: "rg1" }), ALL).total).toBe(0);
    // "zorg1" contains "rg1", but finds an id by its start: not within "rg1"'s (empty) answer.
    expect(cached.query(view({ q: "zorg1" }), ALL).rows.map((t) => t.id)).toEqual(["ZoRg1234abcd"]);
  });
});

describe("createdFrom / createdTo", () => {
  it("are inclusive to the millisecond", () => {
    expect(ids({ createdFrom: "2024-02-01T00:00:00.000Z" })).toEqual(["T5"]);
    expect(
      ids({ createdFrom: "2024-01-31T23:59:59.999Z", createdTo: "2024-01-31T23:59:59.999Z" }),
    ).toEqual(["T6"]);
    expect(ids({ createdTo: "2024-01-31T23:59:59.998Z" })).not.toContain("T6");
    expect(ids({ createdFrom: "2024-02-01T00:00:00.001Z" })).toEqual([]);
  });

  it("a tenant whose createdAt cannot be read fails any date range", () => {
    const index = createTenantIndex([tenant("A", { createdAt: "not a date" }), tenant("B")]);
    expect(index.query(view({ createdFrom: "2000-01-01T00:00:00.000Z" }), ALL).total).toBe(1);
    expect(index.query(view(), ALL).total).toBe(2);
  });
});

describe("facets", () => {
  it("count each dimension with every other filter applied", () => {
    const r = smallIndex.query(view({ region: ["us-east-1"], status: ["active"] }), ALL);
    expect(r.total).toBe(2);
    // region facet ignores the region filter but keeps status=active
    expect(r.facets.region).toEqual(
      [
        { value: "eu-west-1", count: 1 },
        { value: "us-east-1", count: 2 },
        { value: "eu-central-1", count: 1 },
      ].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    );
    // status facet ignores the status filter but keeps region=us-east-1
    expect(r.facets.status).toEqual([{ value: "active", count: 2 }]);
    expect(r.facets.country).toEqual([{ value: "US", count: 2 }]);
    expect(r.facets.subscription).toEqual([{ value: "1000", count: 2 }]);
  });

  it("keep selected values at 0 and show statuses Qlik may add", () => {
    const r = smallIndex.query(view({ region: ["ap-south-1"], q: "initech" }), ALL);
    expect(r.facets.region).toEqual([
      { value: "eu-west-1", count: 2 },
      { value: "ap-south-1", count: 0 },
    ]);
    expect(r.facets.status).toEqual([]);
    expect(smallIndex.query(view({ q: "initech" }), ALL).facets.status).toEqual([
      { value: "active", count: 1 },
      { value: "suspended", count: 1 },
    ]);
  });

  it("facetValues() counts the whole snapshot", () => {
    const all = smallIndex.facetValues();
    expect(all.subscription).toEqual([
      { value: "1000", count: 5 },
      { value: "2000", count: 1 },
      { value: "none", count: 1 },
    ]);
    expect(all.region.reduce((s, f) => s + f.count, 0)).toBe(small.length);
  });
});

describe("get and select", () => {
  it("get() finds by exact id", () => {
    expect(smallIndex.get("xYz-Id_42")?.name).toBe("Hooli");
    expect(smallIndex.get("xyz-id_42")).toBeUndefined();
    expect(smallIndex.get("__proto__")).toBeUndefined();
  });

  it("select() yields every match lazily, in row order, with the total up front", () => {
    const selection = smallIndex.select(view({ sort: [{ field: "name", desc: true }] }));
    expect(selection.total).toBe(small.length);
    expect(selection.next().value?.name).toBe("ZURICH dev");
    expect([...selection].length).toBe(small.length - 1);
  });

  it("returns hostile names exactly as they are", () => {
    const hostile = HOSTILE_NAMES.map((name, i) => tenant(`H${i}`, { name }));
    const index = createTenantIndex(hostile);
    const names = index.query(view(), ALL).rows.map((t) => t.name);
    expect(names.sort()).toEqual([...HOSTILE_NAMES].sort());
    expect(index.query(view({ q: "<script>" }), ALL).rows[0]?.name).toBe(
      "<script>alert(1)</script>",
    );
    expect(index.query(view({ q: '"hello"' }), ALL).total).toBe(1);
    expect(index.query(view({ q: "=sum(" }), ALL).total).toBe(1);
    expect(index.query(view({ q: "東京" }), ALL).total).toBe(1);
    expect(index.query(view({ q: "istanbul" }), ALL).total).toBe(1);
  });
});

const fixture = buildTenants(2000, 3);
const FIXTURE_AS_OF = Date.UTC(2024, 5, 1);
const fixtureIndex = createTenantIndex(fixture, { cacheSize: 0, asOf: FIXTURE_AS_OF });
const orderOf = (v: TenantView) => [...fixtureIndex.select(v)].map((t) => t.id);
const refOrderOf = (v: TenantView) => refSort(fixture, v).map((t) => t.id);

describe("sort", () => {
  it.each(
    SORT_FIELDS.flatMap((field) => [
      { field, desc: false },
      { field, desc: true },
    ]),
  )("by $field (desc: $desc), ties by id, missing values last", (key) => {
    const v = view({ sort: [key] });
    expect(orderOf(v)).toEqual(refOrderOf(v));
  });

  it("by several keys", () => {
    for (const sort of [
      [
        { field: "status", desc: false },
        { field: "name", desc: true },
      ],
      [
        { field: "subscriptionId", desc: true },
        { field: "regionCode", desc: false },
        { field: "createdAt", desc: true },
      ],
      [
        { field: "licenseEndsAt", desc: false },
        { field: "hostname", desc: false },
      ],
    ] as TenantView["sort"][]) {
      const v = view({ sort });
      expect(orderOf(v)).toEqual(refOrderOf(v));
    }
  });

  it("names by the Unicode collation: letters first, then accents and case; spaces ignored", () => {
    const names = ["Zeta", "  Alpha", "Ørsted Power", "Oslo", "Orsted", "Ärzte ", "beta", "Éclair"];
    const index = createTenantIndex(names.map((name, i) => tenant(`N${i}`, { name })));
    const sorted = (desc: boolean) =>
      index.query(view({ sort: [{ field: "name", desc }] }), ALL).rows.map((t) => t.name.trim());
    const expected = ["Alpha", "Ärzte", "beta", "Éclair", "Orsted", "Ørsted Power", "Oslo", "Zeta"];
    expect(sorted(false)).toEqual(expected);
    expect(sorted(true)).toEqual([...expected].reverse());
  });

  it("a blank name sorts last in both directions, like any missing value", () => {
    const index = createTenantIndex([
      tenant("a", { name: "  " }),
      tenant("b", { name: "Beta" }),
      tenant("c", { name: "" }),
      tenant("d", { name: "Alpha" }),
    ]);
    const order = (desc: boolean) =>
      index.query(view({ sort: [{ field: "name", desc }] }), ALL).rows.map((t) => t.id);
    expect(order(false)).toEqual(["d", "b", "a", "c"]);
    expect(order(true)).toEqual(["b", "d", "a", "c"]);
  });

  it("names in natural order: Tenant 9 before Tenant 10", () => {
    const index = createTenantIndex([
      tenant("a", { name: "Tenant 10" }),
      tenant("b", { name: "tenant 9" }),
    ]);
    expect(index.query(view(), ALL).rows.map((t) => t.name)).toEqual(["tenant 9", "Tenant 10"]);
  });

  it("an empty sort is the default (name)", () => {
    expect(orderOf(view({ sort: [] }))).toEqual(orderOf(view()));
  });
});

describe("grouping", () => {
  it.each(["region", "subscription", "region,subscription", "subscription,region"] as const)(
    "by %s: counts sum to the total, offsets match the row order, statuses add up",
    (group) => {
      const v = view({
        group,
        status: ["active", "disabled", "suspended"],
        sort: [{ field: "createdAt", desc: true }],
      });
      const r = fixtureIndex.query(v, ALL);
      const rows = [...fixtureIndex.select(v)];
      expect(r.groups).toEqual(refQuery(fixture, v, ALL, FIXTURE_AS_OF).groups);
      expect(r.groups.reduce((s, g) => s + g.count, 0)).toBe(r.total);
      const check = (g: (typeof r.groups)[number]) => {
        const members = rows.slice(g.offset, g.offset + g.count);
        const key = g.field === "region" ? "regionCode" : "subscriptionId";
        for (const t of members) expect(t[key] ?? "none").toBe(g.value);
        expect(Object.values(g.statuses).reduce((s, n) => s + n, 0)).toBe(g.count);
        if (g.children) {
          expect(g.children[0]?.offset).toBe(g.offset);
          expect(g.children.reduce((s, c) => s + c.count, 0)).toBe(g.count);
          g.children.forEach(check);
        }
      };
      r.groups.forEach(check);
      for (let k = 1; k < r.groups.length; k++) {
        const prev = r.groups[k - 1]!;
        expect(r.groups[k]!.offset).toBe(prev.offset + prev.count);
      }
    },
  );

  it("labels regions by name and code, subscriptions by id, in label order", () => {
    const r = smallIndex.query(view({ group: "region,subscription" }), ALL);
    expect(r.groups.map((g) => g.label)).toEqual([
      "Europe (Frankfurt) · eu-central-1",
      "Europe (Ireland) · eu-west-1",
      "US East (N. Virginia) · us-east-1",
    ]);
    expect(r.groups[1]?.children?.map((g) => [g.value, g.label, g.count])).toEqual([
      ["1000", "1000", 2],
      ["2000", "2000", 1],
      ["none", "No subscription", 1],
    ]);
    expect(r.groups[1]?.statuses).toEqual({ active: 1, disabled: 1, deleted: 1, suspended: 1 });
  });

  it('"none" gives no groups', () => {
    expect(smallIndex.query(view(), ALL).groups).toEqual([]);
  });
});

describe("ended licenses in group summaries", () => {
  it("counts, per group, the licenses that ended before the snapshot's time", () => {
    const asOf = "2025-06-01T00:00:00.000Z";
    const index = createTenantIndex(
      [
        tenant("E1", { licenseEndsAt: "2025-05-31T23:59:59.999Z" }),
        tenant("E2", { licenseEndsAt: "2025-06-01T00:00:00.000Z" }), // ends at that instant: not yet
        tenant("E3", { licenseEndsAt: null }),
        tenant("E4", { licenseEndsAt: "2020-01-01T00:00:00.000Z", regionCode: "us-east-1" }),
        tenant("E5", { licenseEndsAt: "2020-01-01T00:00:00.000Z", subscriptionId: "2000" }),
      ],
      { asOf },
    );
    expect(index.asOf).toBe(Date.parse(asOf));
    const groups = index.query(view({ group: "region,subscription" }), ALL).groups;
    expect(groups.map((g) => [g.value, g.count, g.ended])).toEqual([
      ["eu-west-1", 4, 2],
      ["us-east-1", 1, 1],
    ]);
    expect(groups[0]?.children?.map((g) => [g.value, g.ended])).toEqual([
      ["1000", 1],
      ["2000", 1],
    ]);
  });
});

describe("paging", () => {
  it("pages concatenate to the full order", () => {
    const v = view({ group: "subscription,region", sort: [{ field: "name", desc: false }] });
    const all = orderOf(v);
    const pages: string[] = [];
    for (let offset = 0; offset < all.length; offset += 137)
      pages.push(...fixtureIndex.query(v, { offset, limit: 137 }).rows.map((t) => t.id));
    expect(pages).toEqual(all);
  });

  it("an offset at or past the end gives no rows but the same totals", () => {
    const r = fixtureIndex.query(view(), { offset: fixture.length, limit: 100 });
    expect(r.rows).toEqual([]);
    expect(r.total).toBe(fixture.length);
    expect(r.totalAll).toBe(fixture.length);
  });
});

describe("cache", () => {
  it("gives the same answers as no cache, and counts hits", () => {
    const cached = createTenantIndex(fixture, { cacheSize: 4 });
    const v = view({ q: "acme", group: "region" });
    const first = cached.query(v, { offset: 0, limit: 50 });
    const second = cached.query({ ...v, region: [] }, { offset: 50, limit: 50 });
    expect(first.rows).toEqual(fixtureIndex.query(v, { offset: 0, limit: 50 }).rows);
    expect(second.rows).toEqual(fixtureIndex.query(v, { offset: 50, limit: 50 }).rows);
    expect(cached.stats()).toMatchObject({ cacheHits: 1, cacheMisses: 1, tenants: fixture.length });
  });
});

describe("createTenantIndexAsync", () => {
  it("builds the same index, letting the event loop run between steps", async () => {
    const tenants = buildTenants(25_000, 4);
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const built = await createTenantIndexAsync(tenants, { cacheSize: 0 });
    counting = false;
    expect(turns).toBeGreaterThan(10);
    const sync = createTenantIndex(tenants, { cacheSize: 0 });
    const v = view({
      q: "acme",
      group: "region,subscription",
      sort: [{ field: "hostname", desc: true }],
    });
    expect(built.query(v, ALL)).toEqual(sync.query(v, ALL));
    expect(built.facetValues()).toEqual(sync.facetValues());
    expect(built.stats().buildMs).toBeGreaterThan(0);
  });
});

describe("values that are on no list of ours yet", () => {
  it("filters and counts a status and a region Qlik added after this release", () => {
    const index = createTenantIndex([
      tenant("A1"),
      tenant("A2", { status: "suspended" }),
      tenant("A3", { status: "suspended", regionCode: "ap-east-2", countryCode: "HK" }),
    ]);
    const result = index.query(view({ status: ["suspended"] }), { offset: 0, limit: 10 });
    expect(result.rows.map((t) => t.id)).toEqual(["A2", "A3"]);
    expect(result.facets.status).toContainEqual(
      expect.objectContaining({ value: "suspended", count: 2 }),
    );
    const region = index.query(view({ region: ["ap-east-2"] }), { offset: 0, limit: 10 });
    expect(region.rows.map((t) => t.id)).toEqual(["A3"]);
  });
});
