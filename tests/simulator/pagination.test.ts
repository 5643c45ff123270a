import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle, Tenant } from "../../simulator/server";
import { api, q, startTestSimulator, type Api, type Res } from "./support/sim";

// An independent reading of the documented order: values compared by UTF-16 code units, dates by
// instant, hostnames by the first one lower-cased, a missing value first (last when descending),
// ties by ObjectId, i.e. by position in the default order.
type Field =
  | "name"
  | "regionCode"
  | "countryCode"
  | "hostnames"
  | "createdAt"
  | "updatedAt"
  | "status"
  | "subscriptionId";
const FIELDS: Field[] = [
  "name",
  "regionCode",
  "countryCode",
  "hostnames",
  "createdAt",
  "updatedAt",
  "status",
  "subscriptionId",
];

function value(t: Tenant, field: Field): string | number | undefined {
  if (field === "hostnames") return t.hostnames[0]?.toLowerCase();
  if (field === "createdAt" || field === "updatedAt") return Date.parse(t[field]);
  return t[field];
}

function expectedOrder(tenants: Tenant[], keys: { field: Field; desc: boolean }[]): Tenant[] {
  const position = new Map(tenants.map((t, i) => [t.id, i]));
  return [...tenants].sort((a, b) => {
    for (const { field, desc } of keys) {
      const va = value(a, field);
      const vb = value(b, field);
      if (va === vb) continue;
      const c = va === undefined ? -1 : vb === undefined ? 1 : va < vb ? -1 : 1;
      return desc ? -c : c;
    }
    return (position.get(a.id) as number) - (position.get(b.id) as number);
  });
}

const parseSort = (sort: string) =>
  sort.split(",").map((s) => ({ field: s.replace(/^[-+]/, "") as Field, desc: s.startsWith("-") }));

let sim: SimulatorHandle;
let client: Api;
let all: Tenant[];

beforeAll(async () => {
  sim = await startTestSimulator({ tenants: 300, subscriptions: 5, seed: 11, admin: true });
  client = await api(sim);
  all = sim.tenants();
});
afterAll(() => sim.close());

interface Walk {
  ids: string[];
  pages: string[][];
  lastHref: string;
}

async function walkForward(firstPath: string): Promise<Walk> {
  const pages: string[][] = [];
  let href: string | undefined = firstPath;
  let lastHref = firstPath;
  let first = true;
  while (href) {
    const res: Res = await client.get(href);
    expect(res.status).toBe(200);
    if (first) expect(res.body.links.prev).toBeUndefined();
    first = false;
    pages.push(res.body.data.map((t: Tenant) => t.id));
    lastHref = href;
    href = res.body.links.next?.href;
    expect(pages.length).toBeLessThan(100);
  }
  return { ids: pages.flat(), pages, lastHref };
}

async function walkBack(fromHref: string): Promise<string[][]> {
  const pages: string[][] = [];
  let href: string | undefined = fromHref;
  while (href) {
    const res: Res = await client.get(href);
    pages.unshift(res.body.data.map((t: Tenant) => t.id));
    href = res.body.links.prev?.href;
    expect(pages.length).toBeLessThan(100);
  }
  return pages;
}

describe("cursor pagination over every sortable field", () => {
  const cases = FIELDS.flatMap((f) => [f, `-${f}`]);

  it.each(cases)(
    "sort=%s returns every tenant once, in order, forwards and backwards",
    async (sort) => {
      const expected = expectedOrder(all, parseSort(sort)).map((t) => t.id);
      const walk = await walkForward(`/api/core/tenants?limit=23&sort=${sort}`);
      expect(walk.ids).toEqual(expected);
      expect(new Set(walk.ids).size).toBe(all.length);
      expect(await walkBack(walk.lastHref)).toEqual(walk.pages);
    },
  );

  it.each(cases)(
    "sort=%s with a filter returns exactly the matching tenants in order",
    async (sort) => {
      const filter =
        'status eq "active" and (regionCode eq "us-east-1" or regionCode eq "eu-west-1" or countryCode eq "DE")';
      const matching = all.filter(
        (t) =>
          t.status === "active" &&
          (t.regionCode === "us-east-1" || t.regionCode === "eu-west-1" || t.countryCode === "DE"),
      );
      const expected = expectedOrder(matching, parseSort(sort)).map((t) => t.id);
      const walk = await walkForward(`/api/core/tenants?limit=17&sort=${sort}&filter=${q(filter)}`);
      expect(walk.ids).toEqual(expected);
      expect(await walkBack(walk.lastHref)).toEqual(walk.pages);
    },
  );

  it.each([
    "-createdAt,name",
    "status,-name",
    "regionCode,-hostnames,createdAt",
    "subscriptionId,-updatedAt",
  ])("multi-field sort=%s", async (sort) => {
    const expected = expectedOrder(all, parseSort(sort)).map((t) => t.id);
    expect((await walkForward(`/api/core/tenants?limit=50&sort=${sort}`)).ids).toEqual(expected);
  });

  it("walks the default (ObjectId) order", async () => {
    expect((await walkForward("/api/core/tenants?limit=100")).ids).toEqual(all.map((t) => t.id));
  });

  it("walks POST …/actions/filter pages by re-posting the next link with the same body", async () => {
    const filter = 'status ne "active"';
    const expected = expectedOrder(
      all.filter((t) => t.status !== "active"),
      parseSort("-updatedAt"),
    ).map((t) => t.id);
    const ids: string[] = [];
    let href: string | undefined = "/api/core/tenants/actions/filter?limit=9&sort=-updatedAt";
    while (href) {
      const res: Res = await client.post(href, { filter });
      ids.push(...res.body.data.map((t: Tenant) => t.id));
      href = res.body.links.next?.href;
    }
    expect(ids).toEqual(expected);
  });
});

describe("sort prefixes and cursor aliases", () => {
  it("treats +field, an encoded %2B and a bare field alike", async () => {
    const plain = await client.get("/api/core/tenants?limit=30&sort=name");
    const encoded = await client.get("/api/core/tenants?limit=30&sort=%2Bname");
    const space = await client.get("/api/core/tenants?limit=30&sort=+name");
    expect(encoded.body.data).toEqual(plain.body.data);
    expect(space.body.data).toEqual(plain.body.data);
  });

  it("accepts offset= as an alias of next=", async () => {
    const first = await client.get("/api/core/tenants?limit=10&sort=-createdAt");
    const next = first.body.links.next.href as string;
    const viaNext = await client.get(next);
    const viaOffset = await client.get(next.replace("&next=", "&offset="));
    expect(viaOffset.status).toBe(200);
    expect(viaOffset.body.data).toEqual(viaNext.body.data);
    expect(viaOffset.body.links.next).toEqual(viaNext.body.links.next);
  });

  it("accepts an upper-case cursor", async () => {
    const first = await client.get("/api/core/tenants?limit=5");
    const cursor = new URL(first.body.links.next.href).searchParams.get("next") as string;
    const res = await client.get(`/api/core/tenants?limit=5&next=${cursor.toUpperCase()}`);
    expect(res.body.data).toEqual(all.slice(5, 10));
  });
});

describe("cursors after the data changed", () => {
  it("continues after a cursor whose tenant was deleted", async () => {
    const first = await client.get("/api/core/tenants?limit=10");
    const anchor = first.body.data[9] as Tenant;
    const before = sim.tenants();
    const index = before.findIndex((t) => t.id === anchor.id);
    sim.mutate({ op: "delete", id: anchor.id });
    const second = await client.get(first.body.links.next.href);
    expect(second.status).toBe(200);
    expect(second.body.data).toEqual(sim.tenants().slice(index, index + 10));
  });

  it("continues from the sort position of a cursor tenant that no longer matches", async () => {
    const filter = 'status eq "active"';
    const first = await client.get(`/api/core/tenants?limit=10&sort=name&filter=${q(filter)}`);
    const anchor = first.body.data[9] as Tenant;
    sim.mutate({ op: "disable", id: anchor.id });
    const second = await client.get(first.body.links.next.href);
    const expected = expectedOrder(
      sim.tenants().filter((t) => t.status === "active"),
      parseSort("name"),
    );
    const after = expected.findIndex((t) => t.id === (first.body.data[8] as Tenant).id) + 1;
    expect(second.body.data.map((t: Tenant) => t.id)).toEqual(
      expected.slice(after, after + 10).map((t) => t.id),
    );
  });
});
