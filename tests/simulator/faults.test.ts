import { afterEach, describe, expect, it } from "vitest";
import type { SimulatorHandle, Tenant } from "../../simulator/server";
import { contractFetch } from "./support/contract-fetch";
import { CLIENT, admin, api, startTestSimulator, type Res } from "./support/sim";

let sim: SimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const start = async (opts = {}) => (sim = await startTestSimulator({ tenants: 120, ...opts }));
const tokenRequest = (s: SimulatorHandle, signal?: AbortSignal) =>
  contractFetch(`${s.url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(CLIENT),
    signal,
  });

describe("fault injection", () => {
  it("adds latency to every API request", async () => {
    const s = await start();
    const client = await api(s);
    s.setFaults({ latencyMs: 150 });
    const t0 = performance.now();
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
  });

  it("answers errorRate 1 with 500s and 503s in Qlik's error shape", async () => {
    const s = await start({ faults: { errorRate: 1 } });
    const client = await api(s);
    const statuses = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const res = await client.get("/api/core/tenants?limit=1");
      statuses.add(res.status);
      expect(res.body.errors[0].status).toBe(String(res.status));
    }
    expect([...statuses].sort()).toEqual([500, 503]);
    expect(s.stats().faultsInjected).toBe(20);
  });

  it("fails about errorRate of the requests, identically for the same seed", async () => {
    const run = async () => {
      const s = await startTestSimulator({ tenants: 60, seed: 5 });
      const client = await api(s);
      s.setFaults({ errorRate: 0.3 });
      const statuses: number[] = [];
      for (let i = 0; i < 120; i++)
        statuses.push((await client.get("/api/core/tenants?limit=1")).status);
      await s.close();
      return statuses;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    const failed = a.filter((s) => s !== 200).length / a.length;
    expect(failed).toBeGreaterThan(0.15);
    expect(failed).toBeLessThan(0.45);
  });

  it("answers a 429 storm of `count` requests, then recovers", async () => {
    const s = await start();
    const client = await api(s);
    s.setFaults({ rateLimitStorm: { retryAfterSeconds: 2, count: 3 } });
    for (let i = 0; i < 3; i++) {
      const res = await client.get("/api/core/tenants?limit=1");
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("2");
      expect(res.body.errors[0].code).toBe("HTTP-429");
    }
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(200);
    expect(s.stats().rateLimited).toBe(3);
  });

  it.each(["500", "503"] as const)("fails token requests with %s", async (status) => {
    const s = await start({ faults: { tokenFailure: status } });
    const res = await tokenRequest(s);
    expect(res.status).toBe(Number(status));
    expect(res.body.errors[0].status).toBe(status);
    s.setFaults({ tokenFailure: null });
    expect((await tokenRequest(s)).status).toBe(200);
  });

  it("never answers token requests with tokenFailure timeout, and still closes cleanly", async () => {
    const s = await start({ faults: { tokenFailure: "timeout" } });
    await expect(tokenRequest(s, AbortSignal.timeout(300))).rejects.toThrow();
    void tokenRequest(s).catch(() => undefined); // left hanging; close() must not wait for it
    await s.close();
  });

  it("drops connections mid-body: the client sees an error, not a body", async () => {
    const s = await start();
    const client = await api(s);
    s.setFaults({ dropConnectionRate: 1 });
    await expect(client.get("/api/core/tenants?limit=100")).rejects.toThrow();
    s.setFaults({ dropConnectionRate: 0 });
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(200);
  });

  it("sends truncated JSON in 200 answers with malformedJsonRate 1", async () => {
    const s = await start();
    const client = await api(s);
    s.setFaults({ malformedJsonRate: 1 });
    const res = await client.get("/api/core/tenants?limit=10", { expectInvalidJson: true });
    expect(res.status).toBe(200);
    expect(res.jsonError).toBeTruthy();
    expect(res.text.length).toBeGreaterThan(10);
    // Errors are not mangled.
    expect((await client.get("/api/core/tenants?limit=1000")).status).toBe(400);
  });

  it("kills a sync pass midway: pages after `afterPages` fail with the status, `count` times", async () => {
    const s = await start();
    const client = await api(s);
    s.setFaults({ failRequests: { afterPages: 3, status: 503, count: 2 } });
    const statuses: number[] = [];
    let href: string | undefined = "/api/core/tenants?limit=10";
    let retries = 0;
    const seen: string[] = [];
    while (href) {
      const res: Res = await client.get(href);
      statuses.push(res.status);
      if (res.status !== 200) {
        retries++;
        continue; // retry the same page, as a resilient sync would
      }
      seen.push(...res.body.data.map((t: Tenant) => t.id));
      href = res.body.links.next?.href;
    }
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 503, 503, 200]);
    expect(retries).toBe(2);
    expect(seen).toEqual(s.tenants().map((t) => t.id));
    // Count and get-by-id are not pages and are never failed by this fault.
    s.setFaults({ failRequests: { afterPages: 0, status: 500 } });
    expect((await client.get(`/api/core/tenants/${s.tenants()[0]?.id}`)).status).toBe(200);
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(500);
    expect(
      (
        await client.post("/api/core/tenants/actions/filter?limit=1", {
          filter: 'status eq "active"',
        })
      ).status,
    ).toBe(500);
  });

  it("scopes faults to onlyPaths", async () => {
    const s = await start();
    const client = await api(s);
    const sub = s.tenants()[0]?.subscriptionId as string;
    s.setFaults({ errorRate: 1, onlyPaths: ["/api/core/tenants/actions/count"] });
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(200);
    const count = await client.get(
      `/api/core/tenants/actions/count?filter=${encodeURIComponent(`subscriptionId eq "${sub}"`)}`,
    );
    expect([500, 503]).toContain(count.status);
  });

  it("rejects invalid fault settings", async () => {
    const s = await start();
    expect(() => s.setFaults({ errorRate: 2 })).toThrow(/errorRate/);
    expect(() => s.setFaults({ tokenFailure: "404" as never })).toThrow(/tokenFailure/);
  });
});

describe("admin endpoints", () => {
  it("are 404 without admin: true (except health)", async () => {
    const s = await start();
    for (const [method, path] of [
      ["GET", "/__sim/stats"],
      ["POST", "/__sim/faults"],
      ["DELETE", "/__sim/faults"],
      ["POST", "/__sim/revoke-tokens"],
      ["POST", "/__sim/tenants"],
      ["POST", "/__sim/stats/reset"],
    ]) {
      const res = await admin(s, path as string, method === "POST" ? {} : undefined, method);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await admin(s, "/__sim/health", undefined, "GET")).body).toEqual({ status: "ok" });
  });

  it("set, merge and reset faults, report and reset stats, revoke tokens", async () => {
    const s = await start({ admin: true });
    const client = await api(s);
    let res = await admin(s, "/__sim/faults", { latencyMs: 5 });
    expect(res.body).toMatchObject({ latencyMs: 5, errorRate: 0 });
    res = await admin(s, "/__sim/faults", { errorRate: 1 });
    expect(res.body).toMatchObject({ latencyMs: 5, errorRate: 1 });
    expect([500, 503]).toContain((await client.get("/api/core/tenants?limit=1")).status);
    res = await admin(s, "/__sim/faults", undefined, "DELETE");
    expect(res.body).toMatchObject({ latencyMs: 0, errorRate: 0, rateLimitStorm: null });
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(200);

    const bad = await admin(s, "/__sim/faults", { errorRate: "lots" });
    expect(bad.status).toBe(400);
    expect((await admin(s, "/__sim/faults", { nonsense: 1 })).status).toBe(400);
    const notJson = await contractFetch(`${s.url}/__sim/faults`, { method: "POST", body: "{" });
    expect(notJson.status).toBe(400);

    const stats = await admin(s, "/__sim/stats", undefined, "GET");
    expect(stats.body).toMatchObject({
      requests: 3,
      tokenRequests: 1,
      tokensIssued: 1,
      faultsInjected: 1,
    });
    expect(stats.body.byRoute["GET /api/core/tenants"]).toBe(2);
    expect((await admin(s, "/__sim/stats/reset")).body.requests).toBe(0);

    expect((await admin(s, "/__sim/revoke-tokens")).status).toBe(200);
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(401);
    expect((await admin(s, "/__sim/unknown", undefined, "GET")).status).toBe(404);
    expect((await admin(s, "/__sim/stats", undefined, "DELETE")).status).toBe(405);
  });
});
