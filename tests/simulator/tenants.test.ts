import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle, Tenant } from "../../simulator/server";
import { contractFetch } from "./support/contract-fetch";
import { api, q, startTestSimulator, type Api } from "./support/sim";

let sim: SimulatorHandle;
let client: Api;
let all: Tenant[];
let subscription: string;

beforeAll(async () => {
  sim = await startTestSimulator({ tenants: 300, subscriptions: 6 });
  client = await api(sim);
  all = sim.tenants();
  subscription = all[0]?.subscriptionId as string;
});
afterAll(() => sim.close());

describe("GET /api/core/tenants", () => {
  it("answers the first 20 tenants in ObjectId (creation) order with a next link", async () => {
    const res = await client.get("/api/core/tenants");
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(all.slice(0, 20));
    expect(res.body.links.self.href).toBe(`${sim.url}/api/core/tenants`);
    expect(res.body.links.next.href).toMatch(
      /^http:\/\/localhost:\d+\/api\/core\/tenants\?limit=20&next=[0-9a-f]{24}$/,
    );
    expect(res.body.links.prev).toBeUndefined();
    expect(res.body.totalResults).toBeUndefined();
  });

  it("publishes each tenant with a self link on the request's own origin", async () => {
    const res = await contractFetch(
      sim.url.replace("localhost", "127.0.0.1") + "/api/core/tenants?limit=1",
      {
        headers: { authorization: `Bearer ${client.token}` },
      },
    );
    const t = res.body.data[0];
    expect(t.links.self.href).toBe(
      `${sim.url.replace("localhost", "127.0.0.1")}/api/core/tenants/${t.id}`,
    );
    expect(res.body.links.self.href.startsWith("http://127.0.0.1:")).toBe(true);
  });

  it("adds totalResults only when asked with the string true", async () => {
    expect(
      (await client.get("/api/core/tenants?limit=1&totalResults=true")).body.totalResults,
    ).toBe(300);
    expect(
      (await client.get("/api/core/tenants?limit=1&totalResults=false")).body.totalResults,
    ).toBeUndefined();
  });

  it("honours limit 0..100", async () => {
    expect((await client.get("/api/core/tenants?limit=100")).body.data).toHaveLength(100);
    const zero = await client.get("/api/core/tenants?limit=0&totalResults=true");
    expect(zero.body.data).toEqual([]);
    expect(zero.body.totalResults).toBe(300);
    expect(zero.body.links.next).toBeUndefined();
  });

  it.each([
    ["limit", "limit=101"],
    ["limit", "limit=-1"],
    ["limit", "limit=2.5"],
    ["limit", "limit=abc"],
    ["limit", "limit="],
    ["limit", "limit=1&limit=2"],
    ["totalResults", "totalResults=yes"],
    ["totalResults", "totalResults=TRUE"],
    ["sort", "sort=id"],
    ["sort", "sort=name,,status"],
    ["sort", "sort=name,-name"],
    ["sort", "sort="],
    ["next", "next=123"],
    ["next", "next=zzzzzzzzzzzzzzzzzzzzzzzz"],
    ["prev", "prev=507f1f77bcf86cd79943901"],
    ["offset", "offset=not-a-cursor"],
    ["prev", "next=507f1f77bcf86cd799439011&prev=507f1f77bcf86cd799439011"],
    ["filter", "filter="],
  ])("answers 400 naming %s for ?%s", async (parameter, query) => {
    const res = await client.get(`/api/core/tenants?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].source).toEqual({ parameter });
    expect(res.body.errors[0].detail).toBeTruthy();
  });

  it("answers 400 for a well-formed cursor that was never issued", async () => {
    const res = await client.get("/api/core/tenants?next=507f1f77bcf86cd799439011");
    expect(res.status).toBe(400);
    expect(res.body.errors[0].source).toEqual({ parameter: "next" });
  });

  it("ignores unknown query parameters", async () => {
    const res = await client.get("/api/core/tenants?limit=3&foo=bar&include=everything");
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(all.slice(0, 3));
  });

  it("filters, and carries the filter, sort and limit in the next link", async () => {
    const filter = `subscriptionId eq "${subscription}" and status eq "active"`;
    const res = await client.get(
      `/api/core/tenants?limit=5&sort=-name&filter=${q(filter)}&totalResults=true`,
    );
    const expected = all.filter((t) => t.subscriptionId === subscription && t.status === "active");
    expect(res.body.totalResults).toBe(expected.length);
    const next = new URL(res.body.links.next.href);
    expect(next.searchParams.get("filter")).toBe(filter);
    expect(next.searchParams.get("sort")).toBe("-name");
    expect(next.searchParams.get("limit")).toBe("5");
    expect(next.searchParams.get("totalResults")).toBe("true");
    expect(next.searchParams.get("next")).toMatch(/^[0-9a-f]{24}$/);
  });

  it("answers 405 for other methods", async () => {
    const res = await contractFetch(`${sim.url}/api/core/tenants`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${client.token}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
  });

  it("answers 404 in Qlik's shape for unknown routes", async () => {
    for (const path of [
      "/api/core/tenant",
      "/api/v1/tenants",
      "/",
      "/api/core/tenants/x/y",
      "/__sim/stats",
    ]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.errors[0].code).toBe("HTTP-404");
    }
  });
});

describe("GET /api/core/tenants/{tenantId}", () => {
  it("answers the tenant in the list envelope", async () => {
    const t = all[42] as Tenant;
    const res = await client.get(`/api/core/tenants/${t.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([t]);
    expect(res.body.links.self.href).toBe(`${sim.url}/api/core/tenants/${t.id}`);
  });

  it("answers 404 for an unknown id and 400 for an impossible one", async () => {
    expect((await client.get("/api/core/tenants/TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69")).status).toBe(
      404,
    );
    expect((await client.get("/api/core/tenants/%3Cscript%3E")).status).toBe(400);
    expect((await client.get("/api/core/tenants/%E0%A4%A")).status).toBe(400);
  });
});

describe("GET /api/core/tenants/actions/count", () => {
  it("counts a subscription's tenants", async () => {
    const res = await client.get(
      `/api/core/tenants/actions/count?filter=${q(`subscriptionId eq "${subscription}"`)}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: all.filter((t) => t.subscriptionId === subscription).length,
    });
  });

  it("counts with further conditions and with several subscriptions", async () => {
    const other = all.find((t) => t.subscriptionId !== subscription)?.subscriptionId as string;
    const f = `(subscriptionId eq "${subscription}" or subscriptionId eq "${other}") and regionCode ne "us-east-1"`;
    const res = await client.get(`/api/core/tenants/actions/count?filter=${q(f)}`);
    expect(res.body.total).toBe(
      all.filter(
        (t) =>
          [subscription, other].includes(t.subscriptionId as string) &&
          t.regionCode !== "us-east-1",
      ).length,
    );
  });

  it.each([
    ["no filter", () => ""],
    ["an empty filter", () => "?filter="],
    ["a filter without subscriptionId", () => `?filter=${q('status eq "active"')}`],
    [
      "subscriptionId only in one branch of or",
      () => `?filter=${q(`subscriptionId eq "${subscription}" or status eq "active"`)}`,
    ],
    [
      "subscriptionId only under not",
      () => `?filter=${q(`not (subscriptionId eq "${subscription}")`)}`,
    ],
  ])("answers 400 for %s", async (_label, query) => {
    const res = await client.get(`/api/core/tenants/actions/count${query()}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].source).toEqual({ parameter: "filter" });
  });

  it("answers 403 for a subscription of another organization", async () => {
    const res = await client.get(
      `/api/core/tenants/actions/count?filter=${q('subscriptionId eq "1111222233334444"')}`,
    );
    expect(res.status).toBe(403);
  });
});

describe("POST /api/core/tenants/actions/filter", () => {
  it("filters by the body's filter and links back to the filter endpoint", async () => {
    const filter = `subscriptionId eq "${subscription}" and status eq "active"`;
    const expected = all.filter((t) => t.subscriptionId === subscription && t.status === "active");
    const first = await client.post("/api/core/tenants/actions/filter?limit=4&totalResults=true", {
      filter,
    });
    expect(first.status).toBe(200);
    expect(first.body.totalResults).toBe(expected.length);
    expect(first.body.data).toEqual(expected.slice(0, 4));
    expect(first.body.links.next.href).toMatch(
      /\/api\/core\/tenants\/actions\/filter\?limit=4&next=[0-9a-f]{24}&totalResults=true$/,
    );
    const second = await client.post(first.body.links.next.href, { filter });
    expect(second.body.data).toEqual(expected.slice(4, 8));
  });

  it("accepts a filter without subscriptionId", async () => {
    const res = await client.post("/api/core/tenants/actions/filter?totalResults=true", {
      filter: 'regionCode eq "eu-west-1"',
    });
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBe(all.filter((t) => t.regionCode === "eu-west-1").length);
  });

  it.each([
    ["invalid JSON", "{oops", "/"],
    ["an array body", "[]", "/"],
    ["a missing filter", "{}", "/filter"],
    ["a non-string filter", '{"filter": 5}', "/filter"],
    ["an invalid filter", '{"filter": "name co \\"x\\""}', "/filter"],
  ])("answers 400 for %s", async (_label, body) => {
    const res = await client.post("/api/core/tenants/actions/filter", body);
    expect(res.status).toBe(400);
  });

  it("answers 400 naming the parameter for bad query parameters", async () => {
    const res = await client.post("/api/core/tenants/actions/filter?limit=500", {
      filter: 'status eq "active"',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].source).toEqual({ parameter: "limit" });
  });

  it("answers 403 for a foreign subscription and 401 without a token", async () => {
    const res = await client.post("/api/core/tenants/actions/filter", {
      filter: 'subscriptionId eq "9876543210987654"',
    });
    expect(res.status).toBe(403);
    const anon = await contractFetch(`${sim.url}/api/core/tenants/actions/filter`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(anon.status).toBe(401);
  });

  it("answers 400 for a non-JSON content type", async () => {
    const res = await contractFetch(`${sim.url}/api/core/tenants/actions/filter`, {
      method: "POST",
      headers: { authorization: `Bearer ${client.token}`, "content-type": "text/plain" },
      body: JSON.stringify({ filter: 'status eq "active"' }),
    });
    expect(res.status).toBe(400);
  });
});
