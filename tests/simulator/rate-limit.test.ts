import { afterEach, describe, expect, it } from "vitest";
import { RateLimiter } from "../../simulator/rate-limit";
import type { SimulatorHandle } from "../../simulator/server";
import { api, startTestSimulator } from "./support/sim";

describe("RateLimiter (sliding window)", () => {
  it("allows perMinute × windowMinutes requests in any rolling window, then names the wait", () => {
    const limiter = new RateLimiter({ tier1PerMinute: 2, tier2PerMinute: 1, windowMinutes: 2 });
    const t0 = 1_000_000;
    expect(limiter.take("c", "tier1", t0)).toBeNull();
    expect(limiter.take("c", "tier1", t0 + 10_000)).toBeNull();
    expect(limiter.take("c", "tier1", t0 + 20_000)).toBeNull();
    expect(limiter.take("c", "tier1", t0 + 30_000)).toBeNull();
    // Budget 4 spent; the oldest (t0) leaves the 120 s window at t0 + 120 s.
    expect(limiter.take("c", "tier1", t0 + 60_000)).toBe(60);
    expect(limiter.take("c", "tier1", t0 + 119_500)).toBe(1);
    expect(limiter.take("c", "tier1", t0 + 120_000)).toBeNull();
    // Other clients and other tiers have their own budgets.
    expect(limiter.take("d", "tier1", t0 + 60_000)).toBeNull();
    expect(limiter.take("c", "tier2", t0 + 60_000)).toBeNull();
  });
});

describe("rate limits over HTTP", () => {
  let sim: SimulatorHandle | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it("answers 429 with Retry-After and Qlik's body once Tier 1 is spent", async () => {
    sim = await startTestSimulator({ tenants: 60, tier1PerMinute: 3, rateWindowMinutes: 1 });
    const client = await api(sim);
    for (let i = 0; i < 3; i++)
      expect((await client.get("/api/core/tenants?limit=1")).status).toBe(200);
    const limited = await client.get("/api/core/tenants?limit=1");
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get("retry-after"));
    expect(wait).toBeGreaterThanOrEqual(59);
    expect(wait).toBeLessThanOrEqual(60);
    expect(limited.body).toEqual({
      errors: [
        {
          code: "HTTP-429",
          title: "API rate limit reached.",
          detail: `You need to wait ${wait} seconds until limit is lifted.`,
        },
      ],
    });
    // The whole tier is blocked: count and get-by-id too.
    const id = sim.tenants()[0]?.id as string;
    expect((await client.get(`/api/core/tenants/${id}`)).status).toBe(429);
    expect(sim.stats().rateLimited).toBe(2);
  });

  it("blocks Tier 2 without blocking Tier 1", async () => {
    sim = await startTestSimulator({ tenants: 60, tier2PerMinute: 2, rateWindowMinutes: 1 });
    const client = await api(sim);
    const filter = { filter: 'status eq "active"' };
    expect((await client.post("/api/core/tenants/actions/filter", filter)).status).toBe(200);
    expect((await client.post("/api/core/tenants/actions/filter", filter)).status).toBe(200);
    const limited = await client.post("/api/core/tenants/actions/filter", filter);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(200);
  });

  it("lifts the limit when the window has passed", async () => {
    sim = await startTestSimulator({ tenants: 60, tier1PerMinute: 20, rateWindowMinutes: 0.05 });
    const client = await api(sim);
    for (let i = 0; i < 1; i++)
      expect((await client.get("/api/core/tenants?limit=1")).status).toBe(200);
    let limited;
    for (let i = 0; i < 5 && limited === undefined; i++) {
      const res = await client.get("/api/core/tenants?limit=1");
      if (res.status === 429) limited = res;
    }
    expect(limited?.status).toBe(429);
    const wait = Number(limited?.headers.get("retry-after"));
    expect(wait).toBeLessThanOrEqual(3);
    await new Promise((r) => setTimeout(r, wait * 1000 + 50));
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(200);
  });

  it("does not rate-limit unauthenticated requests or the token endpoint", async () => {
    sim = await startTestSimulator({ tenants: 60, tier1PerMinute: 1, rateWindowMinutes: 1 });
    const client = await api(sim);
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(200);
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(429);
    for (let i = 0; i < 3; i++) await api(sim);
    const anon = await api(sim, "nope");
    expect((await anon.get("/api/core/tenants?limit=1")).status).toBe(401);
  });
});
