import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FILTER_ATTRIBUTES } from "../../simulator/scim/attributes";
import { compileFilter, restrictsToSubscriptions } from "../../simulator/scim/evaluator";
import { FilterSyntaxError } from "../../simulator/scim/filter-error";
import { filterKey, parseDateValue, parseFilter } from "../../simulator/scim/parser";
import type { SimulatorHandle, Tenant } from "../../simulator/server";
import { api, q, startTestSimulator, type Api } from "./support/sim";

describe("SCIM parser", () => {
  it("binds not tighter than and, and and tighter than or", () => {
    expect(filterKey(parseFilter('name eq "a" or name eq "b" and status eq "active"'))).toBe(
      'or(name eq "a",and(name eq "b",status eq "active"))',
    );
    expect(filterKey(parseFilter('(name eq "a" or name eq "b") and status eq "active"'))).toBe(
      'and(or(name eq "a",name eq "b"),status eq "active")',
    );
    expect(
      filterKey(parseFilter('not (name eq "a") and status ne "active" or regionCode eq "x"')),
    ).toBe('or(and(not(name eq "a"),status ne "active"),regionCode eq "x")');
  });

  it("reads keywords and operators in any case, and escaped quotes and backslashes", () => {
    const node = parseFilter(
      'name EQ "Tenant \\"Quoted\\", Inc. \\\\ x" AND NOT (status Ne "active")',
    );
    expect(filterKey(node)).toBe(
      'and(name eq "Tenant \\"Quoted\\", Inc. \\\\ x",not(status ne "active"))',
    );
  });

  it.each([
    ["", /empty/, 0],
    ['foo eq "x"', /unknown attribute 'foo'/, 0],
    ['subscriptionid eq "x"', /did you mean 'subscriptionId'/, 0],
    ['name co "x"', /operator 'co' is not supported for attribute 'name'/, 5],
    ['name sw "x"', /operator 'sw' is not supported/, 5],
    ["name pr", /operator 'pr' is not supported/, 5],
    ['name like "x"', /unknown operator 'like'/, 5],
    ['status gt "active"', /'gt' is not supported for attribute 'status'/, 7],
    ['(name eq "x"', /missing '\)'/, 0],
    ['name eq "x")', /unexpected '\)'/, 11],
    ['name eq "x', /unterminated string/, 8],
    ['name eq "x" garbage', /unexpected 'garbage'/, 12],
    ['name eq "x" and', /expected an attribute name/, 15],
    ["name eq x", /double-quoted string/, 8],
    ["name eq 42", /double-quoted string/, 8],
    ['not name eq "x"', /expected '\(' after 'not'/, 4],
    ['name eq "a\\q"', /invalid escape/, 10],
    ['createdAt gt "yesterday"', /invalid date/, 13],
    ['createdAt gt "2024-02-30"', /invalid date/, 13],
    ['updatedAt lt "2024-01-01T10:00:00"', /invalid date/, 13],
    ['emails[type eq "work"]', /unexpected character '\['/, 6],
    ['name eq "x" & status eq "y"', /unexpected character '&'/, 12],
  ])("rejects %j", (input, message, position) => {
    try {
      parseFilter(input);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(FilterSyntaxError);
      expect((err as FilterSyntaxError).message).toMatch(message);
      expect((err as FilterSyntaxError).position).toBe(position);
    }
  });

  it("rejects very deep nesting and very long filters instead of overflowing", () => {
    expect(() => parseFilter(`${"(".repeat(200)}name eq "x"${")".repeat(200)}`)).toThrow(
      /nested deeper/,
    );
    expect(() => parseFilter(`name eq "${"x".repeat(20_000)}"`)).toThrow(/longer than/);
  });

  it("reads dates as whole UTC days and date-times as instants", () => {
    expect(parseDateValue("2024-01-31")).toEqual({
      from: Date.UTC(2024, 0, 31),
      to: Date.UTC(2024, 1, 1),
    });
    const at = Date.UTC(2024, 0, 31, 10, 0, 0, 123);
    expect(parseDateValue("2024-01-31T10:00:00.123Z")).toEqual({ from: at, to: at + 1 });
    expect(parseDateValue("2024-01-31T12:00:00.123+02:00")).toEqual({ from: at, to: at + 1 });
    expect(parseDateValue("2024-13-01")).toBeNull();
  });

  it("knows which filters restrict the result to subscriptions", () => {
    const r = (f: string) => restrictsToSubscriptions(parseFilter(f));
    expect(r('subscriptionId eq "1"')).toBe(true);
    expect(r('status eq "active" and subscriptionId eq "1"')).toBe(true);
    expect(r('(subscriptionId eq "1" or subscriptionId eq "2") and status eq "active"')).toBe(true);
    expect(r('subscriptionId eq "1" or status eq "active"')).toBe(false);
    expect(r('not (subscriptionId eq "1")')).toBe(false);
  });

  it("lets hostnames match any hostname case-insensitively", () => {
    const match = compileFilter(parseFilter('hostnames eq "ACME.EU.qlikcloud.com"'));
    const target = {
      id: "x",
      name: undefined,
      subscriptionId: undefined,
      regionCode: "eu-west-1",
      countryCode: "IE",
      status: "active",
      hostnamesLower: ["primary.eu.qlikcloud.com", "acme.eu.qlikcloud.com"],
      createdMs: 0,
      updatedMs: 0,
    };
    expect(match(target)).toBe(true);
  });
});

describe("the attribute/operator matrix", () => {
  it("is exactly the contract's x-scim-filter", () => {
    const spec = JSON.parse(
      readFileSync(
        path.resolve(__dirname, "../../simulator/contract/qlik-org-tenants.openapi.json"),
        "utf8",
      ),
    ) as {
      components: {
        parameters: Record<
          string,
          { "x-scim-filter": { attributes: Record<string, { operators: string[] }> } }
        >;
      };
    };
    for (const param of ["TenantFilter", "TenantCountFilter"]) {
      const published = spec.components.parameters[param]?.["x-scim-filter"].attributes ?? {};
      const ours = Object.fromEntries(
        Object.entries(FILTER_ATTRIBUTES).map(([k, v]) => [k, [...v.operators]]),
      );
      expect(ours).toEqual(
        Object.fromEntries(Object.entries(published).map(([k, v]) => [k, v.operators])),
      );
    }
  });
});

describe("filters over HTTP", () => {
  let sim: SimulatorHandle;
  let client: Api;
  let all: Tenant[];
  beforeAll(async () => {
    sim = await startTestSimulator({ tenants: 400, subscriptions: 5, seed: 3 });
    client = await api(sim);
    all = sim.tenants();
  });
  afterAll(() => sim.close());

  const ids = async (filter: string) => {
    const res = await client.get(
      `/api/core/tenants?limit=100&totalResults=true&filter=${q(filter)}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const out: string[] = res.body.data.map((t: Tenant) => t.id);
    let next = res.body.links.next?.href;
    while (next) {
      const page = await client.get(next);
      out.push(...page.body.data.map((t: Tenant) => t.id));
      next = page.body.links.next?.href;
    }
    expect(out.length).toBe(res.body.totalResults);
    return out;
  };
  const where = (pred: (t: Tenant) => boolean) => all.filter(pred).map((t) => t.id);

  it("supports every attribute with each of its operators", async () => {
    const t = all[123] as Tenant;
    const created = t.createdAt;
    const day = created.slice(0, 10);
    const ms = Date.parse(created);
    const cases: [string, (x: Tenant) => boolean][] = [
      [`subscriptionId eq "${t.subscriptionId}"`, (x) => x.subscriptionId === t.subscriptionId],
      [`name eq ${JSON.stringify(t.name)}`, (x) => x.name === t.name],
      [`hostnames eq "${t.hostnames[0]?.toUpperCase()}"`, (x) => x.id === t.id],
      [`id eq "${t.id}"`, (x) => x.id === t.id],
      [`originalId eq "${t.id}"`, (x) => x.id === t.id],
      ['regionCode eq "eu-central-1"', (x) => x.regionCode === "eu-central-1"],
      ['regionCode ne "us-east-1"', (x) => x.regionCode !== "us-east-1"],
      ['status eq "deleted"', (x) => x.status === "deleted"],
      ['status ne "active"', (x) => x.status !== "active"],
      ['countryCode eq "JP"', (x) => x.countryCode === "JP"],
      ['countryCode ne "US"', (x) => x.countryCode !== "US"],
      [`createdAt eq "${created}"`, (x) => Date.parse(x.createdAt) === ms],
      [`createdAt ne "${created}"`, (x) => Date.parse(x.createdAt) !== ms],
      [`createdAt gt "${created}"`, (x) => Date.parse(x.createdAt) > ms],
      [`createdAt ge "${created}"`, (x) => Date.parse(x.createdAt) >= ms],
      [`createdAt lt "${created}"`, (x) => Date.parse(x.createdAt) < ms],
      [`createdAt le "${created}"`, (x) => Date.parse(x.createdAt) <= ms],
      [`createdAt eq "${day}"`, (x) => x.createdAt.startsWith(day)],
      [`createdAt gt "${day}"`, (x) => x.createdAt.slice(0, 10) > day],
      [`createdAt le "${day}"`, (x) => x.createdAt.slice(0, 10) <= day],
      ['updatedAt ge "2026-01-01"', (x) => x.updatedAt >= "2026-01-01"],
      [
        'updatedAt lt "2025-06-01T00:00:00+02:00"',
        (x) => Date.parse(x.updatedAt) < Date.parse("2025-05-31T22:00:00Z"),
      ],
    ];
    for (const [filter, pred] of cases) expect(await ids(filter), filter).toEqual(where(pred));
  });

  it("applies precedence, parentheses and not", async () => {
    expect(
      await ids('status eq "deleted" or status eq "disabled" and regionCode eq "us-east-1"'),
    ).toEqual(
      where(
        (x) => x.status === "deleted" || (x.status === "disabled" && x.regionCode === "us-east-1"),
      ),
    );
    expect(
      await ids('(status eq "deleted" or status eq "disabled") and regionCode eq "us-east-1"'),
    ).toEqual(
      where(
        (x) => (x.status === "deleted" || x.status === "disabled") && x.regionCode === "us-east-1",
      ),
    );
    expect(
      await ids(
        'not (regionCode eq "us-east-1" or regionCode eq "eu-west-1") and status eq "active"',
      ),
    ).toEqual(
      where(
        (x) =>
          !(x.regionCode === "us-east-1" || x.regionCode === "eu-west-1") && x.status === "active",
      ),
    );
  });

  it("matches names with quotes, commas, backslashes and non-ASCII exactly", async () => {
    for (const name of [
      'Tenant "Quoted", Inc.',
      "Back\\slash & Tab\tTenant",
      "東京アナリティクス",
      "Line one\nLine two",
    ]) {
      const filter = `name eq ${JSON.stringify(name)}`;
      const found = await ids(filter);
      expect(found, filter).toEqual(where((x) => x.name === name));
      expect(found).toHaveLength(1);
    }
  });

  it.each([
    'foo eq "x"',
    'name co "x"',
    'name sw "x"',
    '(status eq "active"',
    'status eq "active")',
    'name eq "unterminated',
    'status eq "active" trailing',
    'createdAt gt "not-a-date"',
    "status eq active",
  ])("answers 400 with source.parameter filter for %j", async (filter) => {
    const res = await client.get(`/api/core/tenants?filter=${q(filter)}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].source).toEqual({ parameter: "filter" });
    expect(res.body.errors[0].detail).toMatch(/^Invalid filter at position \d+: /);
    expect(res.body.errors[0].meta.position).toEqual(expect.any(Number));
    const viaPost = await client.post("/api/core/tenants/actions/filter", { filter });
    expect(viaPost.status).toBe(400);
  });

  it("answers 403 for a subscriptionId the organization does not own, wherever it appears", async () => {
    const own = all[0]?.subscriptionId as string;
    for (const filter of [
      'subscriptionId eq "1234567890123456"',
      `subscriptionId eq "${own}" or subscriptionId eq "1234567890123456"`,
      'not (subscriptionId eq "1234567890123456")',
    ]) {
      const res = await client.get(`/api/core/tenants?filter=${q(filter)}`);
      expect(res.status, filter).toBe(403);
      expect(res.body.errors[0].status).toBe("403");
    }
  });
});
