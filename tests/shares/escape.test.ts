// Trying to step outside a link: every widening parameter on every read route under /api/s/{token}
// (other regions, statuses and subscriptions, `q` removed or changed, dates outside, repeated and
// empty values, sort and grouping by hidden columns, `columns=` with hidden ones, ids outside the
// scope). Whatever the status, the raw text of every answer must hold no out-of-scope tenant id and
// no value of a hidden column (unless the request itself carried it), every count must stay within
// the scope, and a row's search match never names a hidden column.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setStorageForTests, type Storage } from "@/lib/db/storage";
import type { PublicShare } from "@/lib/shares/types";
import type { SearchMatchField, Tenant, TenantsResponse } from "@/lib/tenants/types";
import { createRng } from "../query/support/fixture";
import { useEnv } from "../auth/support";
import { api, cookiesFor, makeLink } from "./support/app";
import { useMemoryStorage } from "./support/app";
import { dateForms, REGIONS, shareTenants, SUBSCRIPTIONS } from "./support/tenants";
import { useSnapshot } from "./support/snapshot";

vi.mock("@/lib/tenants/snapshot", () => import("./support/snapshot"));

const tenants = shareTenants(400);
const [S1, S2, S3] = SUBSCRIPTIONS;

interface Case {
  name: string;
  link: Record<string, unknown>;
  /** Brute force: which tenants the link's scope holds. */
  inScope: (t: Tenant) => boolean;
  /** Tenant fields the link shows (Tenant keys; hostnames split below). */
  shows: { primaryHost: boolean; otherHosts: boolean; fields: (keyof Tenant)[] };
}

const CASES: Case[] = [
  {
    name: "region and status, grouped, hiding subscription, license, creator, aliases and most dates",
    link: {
      view: "region=eu-central-1&status=active&group=region&sort=-createdAt",
      columns: ["name", "status", "regionName", "hostname", "createdAt"],
    },
    inScope: (t) => t.regionCode === "eu-central-1" && t.status === "active",
    shows: { primaryHost: true, otherHosts: false, fields: ["status", "regionCode", "createdAt"] },
  },
  {
    name: "a subscription, a creation date and a search, hiding the columns it filters on",
    link: {
      view: `subscription=${S1}&createdFrom=2024-01-01&q=acme`,
      columns: ["hostname", "otherHostnames", "licenseEndsAt"],
    },
    inScope: (t) =>
      t.subscriptionId === S1 &&
      t.createdAt >= "2024-01-01T00:00:00.000Z" &&
      ([t.name, ...t.hostnames].some((s) => s.toLowerCase().includes("acme")) ||
        [t.id, t.subscriptionId, t.licenseNumber].some((s) => s?.toLowerCase().startsWith("acme"))),
    shows: { primaryHost: true, otherHosts: true, fields: ["licenseEndsAt"] },
  },
];

const BLANK: Partial<Record<keyof Tenant, unknown>> = {
  status: "",
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
};

const DATES = [
  "createdAt",
  "updatedAt",
  "licenseStartsAt",
  "licenseEndsAt",
  "deletionStartsAt",
] as const;

/**
 * Text of every hidden value worth searching for (two-letter countries and status words are
 * checked by shape instead), leaving out any that also occurs in a visible value.
 */
function hiddenValues(c: Case): string[] {
  const hidden = new Set<string>();
  const visible: string[] = [];
  const add = (shown: boolean, ...values: (string | null | undefined)[]) => {
    for (const v of values) {
      if (!v) continue;
      if (shown) visible.push(v);
      else hidden.add(v);
    }
  };
  const shows = (key: keyof Tenant) => c.shows.fields.includes(key);
  for (const t of tenants) {
    visible.push(t.id, t.name);
    add(c.shows.primaryHost, t.hostnames[0]);
    add(c.shows.otherHosts, ...t.hostnames.slice(1));
    for (const key of ["subscriptionId", "licenseNumber", "createdBy"] as const)
      add(shows(key), t[key]);
    for (const key of DATES) add(shows(key), ...(t[key] ? dateForms(t[key]) : []));
    add(shows("regionCode"), t.regionCode);
  }
  const seen = visible.join("\n");
  return [...hidden].filter((v) => !seen.includes(v));
}

/** Seeded sample of parameter combinations, plus each value on its own. */
function combinations(outsider: Tenant, insider: Tenant): string[] {
  const axes: string[][] = [
    [
      "region=us-east-1",
      "region=eu-central-1,us-east-1",
      "region=us-east-1&region=eu-central-1",
      "region=",
      "region=EU-CENTRAL-1",
      `region=${REGIONS.join(",")}`,
    ],
    ["status=disabled", "status=active,deleted", "status=", "status=active&status=deactivated"],
    [
      `subscription=${S1}`,
      "subscription=none",
      `subscription=${S2},${S3}`,
      "subscription=&subscription=",
    ],
    [
      "q=",
      `q=${encodeURIComponent(outsider.name)}`,
      `q=${outsider.id}`,
      `q=${insider.licenseNumber}`,
      "q=alias",
      "q=host",
      `q=${insider.createdBy}`,
    ],
    [
      "createdFrom=2000-01-01&createdTo=2100-12-31",
      "createdFrom=2025-06-01",
      "createdTo=2000-01-01",
      "createdFrom=&createdTo=",
    ],
    [
      "sort=licenseEndsAt",
      "sort=-subscriptionId,countryCode",
      "sort=updatedAt,-deletionStartsAt",
      "group=subscription",
      "group=region,subscription",
      "group=subscription,region&sort=-licenseEndsAt",
      "sort=-hostname",
    ],
    ["country=US", "country=DE,AU", "country="],
    ["limit=1000", "offset=3&limit=7", "offset=100000"],
  ];
  const out = new Set<string>([""]);
  for (const axis of axes) for (const value of axis) out.add(value);
  const rng = createRng(5);
  while (out.size < 260)
    out.add(
      axes
        .filter(() => rng.chance(0.55))
        .map((axis) => rng.pick(axis))
        .join("&"),
    );
  return [...out];
}

/** Whether a link showing `c`'s columns may say a search matched `field`. */
function matchable(c: Case, field: SearchMatchField): boolean {
  if (field === "id") return true;
  if (field === "hostname") return c.shows.primaryHost || c.shows.otherHosts;
  if (field === "subscriptionName" || field === "owner") return false; // no annotations here
  return c.shows.fields.includes(field);
}

let storage: Storage;
beforeAll(async () => {
  useEnv();
  storage = await useMemoryStorage();
  useSnapshot(tenants);
});
afterAll(async () => {
  setStorageForTests(null);
  await storage.close();
});

for (const c of CASES) {
  describe(`a link on ${c.name}`, () => {
    const scope = tenants.filter(c.inScope);
    const scopeIds = new Set(scope.map((t) => t.id));
    const outside = tenants.filter((t) => !scopeIds.has(t.id));
    const hidden = hiddenValues(c);
    let token: string;
    let requests = 0;

    beforeAll(async () => {
      const cookies = await cookiesFor();
      ({ token } = await makeLink({ ...c.link, allowExport: true }, cookies.admin));
    });

    it("has a scope and hidden values to look for", () => {
      expect(scope.length).toBeGreaterThan(5);
      expect(outside.length).toBeGreaterThan(100);
      expect(hidden.length).toBeGreaterThan(scope.length);
    });

    /** Fails with what leaked; values the request itself carried are not a leak. */
    function expectNoLeak(text: string, url: string) {
      requests++;
      const asked = decodeURIComponent(url);
      const ids = outside
        .filter((t) => text.includes(t.id) && !asked.includes(t.id))
        .map((t) => t.id);
      expect(ids, `out-of-scope tenants in ${url}`).toEqual([]);
      const values = hidden.filter((v) => text.includes(v) && !asked.includes(v));
      expect(values, `hidden values in ${url}`).toEqual([]);
    }

    function expectRowsInside(rows: (Tenant & { match?: readonly SearchMatchField[] })[]) {
      for (const row of rows) {
        expect(scopeIds.has(row.id)).toBe(true);
        for (const field of row.match ?? [])
          expect(matchable(c, field), `match ${field} of ${row.id}`).toBe(true);
        for (const [key, blank] of Object.entries(BLANK))
          if (!c.shows.fields.includes(key as keyof Tenant))
            expect(row[key as keyof Tenant], `${key} of ${row.id}`).toEqual(blank);
        if (!c.shows.otherHosts) expect(row.hostnames.length).toBeLessThanOrEqual(1);
        if (!c.shows.primaryHost) expect(row.hostnames[0] ?? "").toBe("");
      }
    }

    it("GET /tenants: no combination of parameters reaches outside the scope or a hidden column", async () => {
      for (const qs of combinations(outside[0]!, scope[0]!)) {
        const response = await api.tenants(token, qs);
        const text = await response.text();
        expectNoLeak(text, qs);
        expect([200, 400], `${qs}: ${text}`).toContain(response.status);
        if (response.status !== 200) continue;
        const body = JSON.parse(text) as TenantsResponse;
        expect(body.totalAll).toBe(scope.length);
        expect(body.total).toBeLessThanOrEqual(scope.length);
        expectRowsInside(body.rows);
        for (const [dim, counts] of Object.entries(body.facets)) {
          const sum = counts.reduce((s, f) => s + f.count, 0);
          expect(sum, `${dim} facet of ${qs}`).toBeLessThanOrEqual(scope.length);
          const shown = {
            region: "regionCode",
            country: "countryCode",
            subscription: "subscriptionId",
            status: "status",
          }[dim] as keyof Tenant;
          if (!c.shows.fields.includes(shown)) expect(counts, `${dim} facet of ${qs}`).toEqual([]);
        }
        expect(body.groups.reduce((s, g) => s + g.count, 0)).toBeLessThanOrEqual(scope.length);
      }
    });

    it("GET /tenants without parameters is exactly the scope", async () => {
      const body = (await (await api.tenants(token, "limit=1000")).json()) as TenantsResponse;
      expect(body.rows.map((r) => r.id).sort()).toEqual([...scopeIds].sort());
    });

    it("GET /tenants/{id}: every tenant outside the scope is 404, every one inside its own columns", async () => {
      const notFound = await (await api.tenant(token, "TnoSuchTenant")).text();
      for (const t of tenants) {
        const response = await api.tenant(token, t.id);
        const text = await response.text();
        expectNoLeak(text, t.id);
        if (!scopeIds.has(t.id)) {
          expect(response.status).toBe(404);
          expect(text).toBe(notFound.replace("TnoSuchTenant", t.id));
          continue;
        }
        expect(response.status).toBe(200);
        const body = JSON.parse(text) as { tenant: Tenant };
        expect(Object.keys(body)).toEqual(["tenant"]); // no history: it would hold hidden values
        expectRowsInside([body.tenant]);
      }
    });

    it("GET /tenants/export: no combination reaches outside, in CSV or JSON, whatever the columns", async () => {
      const columns = [
        "",
        "columns=licenseNumber",
        "columns=name,createdBy",
        "columns=id,regionName",
        "columns=hostname,otherHostnames",
        "columns=subscriptionId&columns=name",
        "columns=",
      ];
      const rng = createRng(9);
      const all = combinations(outside[0]!, scope[0]!);
      for (let n = 0; n < 90; n++) {
        const parts = [
          rng.pick(all),
          rng.pick(columns),
          rng.pick(["", "format=json", "format=csv"]),
          rng.pick(["", "scope=all"]),
        ];
        const qs = parts.filter(Boolean).join("&");
        const response = await api.export(token, qs);
        const text = await response.text();
        expectNoLeak(text, qs);
        for (const [name, value] of response.headers) expectNoLeak(`${name}: ${value}`, qs);
        expect([200, 400], `${qs}: ${text}`).toContain(response.status);
        if (response.status !== 200) continue;
        const rows = qs.includes("format=json")
          ? (JSON.parse(text) as unknown[]).length
          : text.split("\r\n").filter(Boolean).length - 1;
        expect(rows).toBeLessThanOrEqual(scope.length);
      }
    });

    it("GET /tenants/export refuses a hidden column by name", async () => {
      const response = await api.export(token, "columns=name,licenseNumber");
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('\\"licenseNumber\\"');
    });

    it("GET /api/s/{token} tells nothing a hidden column holds, not even through the scope", async () => {
      const response = await api.open(token);
      const text = await response.text();
      expectNoLeak(text, "");
      const body = JSON.parse(text) as PublicShare;
      for (const key of Object.keys(body.scope))
        if (key !== "q") expect(body.view, key).toContain(`${key}=`);
    });

    afterAll(() => {
      expect(requests).toBeGreaterThan(700);
    });
  });
}

describe("a link whose scope filters on hidden columns", () => {
  it("keeps those filters out of what its visitors see, but still applies them", async () => {
    const cookies = await cookiesFor();
    const { token } = await makeLink(CASES[1]!.link, cookies.viewer);
    const body = (await (await api.open(token)).json()) as PublicShare;
    expect(body.scope).toEqual({ q: "acme" });
    expect(body.scopeSummary).toBe('Search "acme"');
    expect(body.view).toBe("q=acme");
    const text = JSON.stringify(body);
    expect(text).not.toContain(S1);
    expect(text).not.toContain("2024-01-01");
  });
});

describe("searching through a link finds nothing in the columns it hides", () => {
  const insider = tenants.find((t) => t.hostnames.length === 2 && t.subscriptionId !== null)!;
  const [primary, alias] = insider.hostnames as [string, string];
  let cookie: string;
  beforeAll(async () => {
    cookie = (await cookiesFor()).admin;
  });

  async function search(token: string, q: string) {
    const response = await api.tenants(token, `q=${encodeURIComponent(q)}&limit=1000`);
    expect(response.status).toBe(200);
    return (await response.json()) as TenantsResponse;
  }

  it("hostnames, subscription and license hidden: only the name and the id are searched", async () => {
    const { token } = await makeLink({ columns: ["name", "status"] }, cookie);
    for (const q of [
      primary,
      primary.slice(0, 9),
      alias,
      "qlikcloud",
      insider.licenseNumber!,
      insider.licenseNumber!.slice(0, 6),
      insider.subscriptionId!,
    ])
      expect((await search(token, q)).total, q).toBe(0);
    const byId = await search(token, insider.id.slice(0, 8));
    expect(byId.rows.map((r) => [r.id, r.match])).toEqual([[insider.id, ["id"]]]);
    const byName = await search(token, insider.name);
    expect(byName.rows.find((r) => r.id === insider.id)?.match).toBeUndefined();
  });

  it("only the other hostnames shown: the primary one is not searched, an alias is", async () => {
    const { token } = await makeLink({ columns: ["otherHostnames"] }, cookie);
    expect((await search(token, primary)).total).toBe(0);
    const byAlias = await search(token, alias);
    expect(byAlias.rows.map((r) => [r.id, r.match])).toEqual([[insider.id, ["hostname"]]]);
  });

  it("no match ever names a hidden column, whatever is searched", async () => {
    const { token } = await makeLink({ columns: ["name", "licenseEndsAt"] }, cookie);
    const words = ["host", "alias", "qlikcloud.com", "9", "41", "4100", "T", ...REGIONS];
    for (const t of tenants.slice(0, 40))
      words.push(t.id.slice(0, 5), t.licenseNumber!.slice(0, 5), t.hostnames[0]!.slice(0, 8));
    let byId = 0;
    for (const q of words)
      for (const row of (await search(token, q)).rows) {
        expect(row.match ?? [], `${q}: ${row.id}`).toEqual(
          (row.match ?? []).filter((f) => f === "id"),
        );
        if (row.match) byId++;
      }
    expect(byId).toBeGreaterThanOrEqual(40);
  });
});
