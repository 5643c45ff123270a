// The client against the Organization API simulator over real HTTP: tokens, retries, faults,
// rate limits and SCIM filters end to end.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createRequestStats,
  QlikAuthError,
  QlikUnavailableError,
  scim,
  type QlikClient,
  type QlikClientOptions,
} from "@/lib/qlik";
import { parseTenant } from "@/lib/qlik/schemas";
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from "@/simulator/server";
import {
  collect,
  fastClient,
  recordingLogger,
  SECRET,
  CLIENT_ID,
  serializeError,
} from "./support/client";

const base: SimulatorOptions = {
  port: 0,
  admin: true,
  tenants: 450,
  subscriptions: 4,
  seed: 7,
  clientId: CLIENT_ID,
  clientSecret: SECRET,
};

const clients: QlikClient[] = [];
function client(sim: SimulatorHandle, overrides: Partial<QlikClientOptions> = {}): QlikClient {
  const c = fastClient(sim.url, overrides);
  clients.push(c);
  return c;
}

let sim: SimulatorHandle;
let reference: string[];

beforeAll(async () => {
  sim = await startSimulator(base);
  reference = sim.tenants().map((t) => t.id);
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  sim.setFaults({
    errorRate: 0,
    dropConnectionRate: 0,
    malformedJsonRate: 0,
    rateLimitStorm: null,
    tokenFailure: null,
    failRequests: null,
    onlyPaths: null,
    latencyMs: 0,
  });
  sim.resetStats();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe("against the simulator", () => {
  it("lists every tenant, parsed into our Tenant type, in the simulator's order", async () => {
    const c = client(sim);
    const pages = await collect(c.listTenants({ totalResults: true }));
    expect(pages.flatMap((p) => p.tenants.map((t) => t.id))).toEqual(reference);
    expect(pages[0]?.totalResults).toBe(reference.length);
    expect(pages).toHaveLength(Math.ceil(reference.length / 100));
    const published = sim.tenants();
    const parsed = pages.flatMap((p) => p.tenants);
    expect(parsed).toEqual(published.map((t, i) => parseTenant(t, `#${i}`)));
    expect(sim.stats().rateLimited).toBe(0);
  });

  it("a full sync at the default limits sees zero 429s", async () => {
    const big = await startSimulator({ ...base, tenants: 3000 });
    try {
      const c = createClientForDefaults(big);
      const stats = createRequestStats();
      const all = await c.listAllTenants({ stats });
      expect(all).toHaveLength(3000);
      expect(stats).toMatchObject({ requests: 30, retries: 0, rateLimited: 0 });
      expect(big.stats().rateLimited).toBe(0);
    } finally {
      await big.close();
    }
  });

  it("getTenant reads the published envelope; unknown ids are null; counts match", async () => {
    const c = client(sim);
    const first = sim.tenants()[0]!;
    expect(await c.getTenant(first.id)).toEqual(parseTenant(first, "t"));
    expect(await c.getTenant("does-not-exist")).toBeNull();
    const sub = first.subscriptionId!;
    const expected = sim.tenants().filter((t) => t.subscriptionId === sub).length;
    expect(await c.countTenants(scim.eq("subscriptionId", sub))).toBe(expected);
    const filtered = (
      await collect(c.filterTenants(scim.eq("subscriptionId", sub), { limit: 50 }))
    ).flatMap((p) => p.tenants);
    expect(filtered).toHaveLength(expected);
  });

  it("100 concurrent cold calls make exactly one token request", async () => {
    const c = client(sim, { limits: { tier1: false } });
    const id = reference[0]!;
    const results = await Promise.all(Array.from({ length: 100 }, () => c.getTenant(id)));
    expect(results.every((t) => t?.id === id)).toBe(true);
    expect(sim.stats().tokenRequests).toBe(1);
    expect(sim.stats().byRoute["GET /api/core/tenants/{tenantId}"]).toBe(100);
  });

  it("refreshes the token once and retries after revokeAllTokens()", async () => {
    const c = client(sim);
    await c.getTenant(reference[0]!);
    sim.revokeAllTokens();
    const stats = createRequestStats();
    expect((await c.getTenant(reference[1]!, { stats }))?.id).toBe(reference[1]);
    expect(stats).toMatchObject({ requests: 2, retries: 1, authRefreshes: 1 });
    expect(sim.stats().tokenRequests).toBe(2);
  });

  it("renews a short-lived token before it expires", async () => {
    const short = await startSimulator({ ...base, tenants: 5, tokenTtlSeconds: 1 });
    try {
      const c = client(short);
      const id = short.tenants()[0]!.id;
      await c.getTenant(id);
      await new Promise((r) => setTimeout(r, 1000));
      await c.getTenant(id);
      expect(short.stats().tokenRequests).toBe(2);
      expect(c.stats().authRefreshes).toBe(0); // renewed in time, never refused
    } finally {
      await short.close();
    }
  });

  it("retries deterministic 503s on list pages", async () => {
    sim.setFaults({ failRequests: { afterPages: 1, status: 503, count: 2 } });
    const c = client(sim);
    const stats = createRequestStats();
    expect((await c.listAllTenants({ stats })).map((t) => t.id)).toEqual(reference);
    expect(stats.retries).toBe(2);
    expect(stats.requests).toBe(Math.ceil(reference.length / 100) + 2);
  });

  it("survives random 5xx, dropped connections and malformed JSON", async () => {
    sim.setFaults({ errorRate: 0.2, dropConnectionRate: 0.2, malformedJsonRate: 0.2 });
    const c = client(sim, { retry: { maxAttempts: 10, baseDelayMs: 2, maxDelayMs: 10 } });
    const stats = createRequestStats();
    const all = await c.listAllTenants({ limit: 25, stats });
    expect(all.map((t) => t.id)).toEqual(reference);
    expect(stats.retries).toBeGreaterThan(0);
    expect(sim.stats().faultsInjected).toBeGreaterThan(0);
  });

  it("gives up on persistent 5xx with QlikUnavailableError", async () => {
    sim.setFaults({ errorRate: 1 });
    const error = await client(sim)
      .listAllTenants()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QlikUnavailableError);
    expect((error as QlikUnavailableError).userMessage).toContain(
      `Qlik Cloud at ${sim.url} answered with server errors`,
    );
  });

  it("token endpoint failures become clear errors", async () => {
    sim.setFaults({ tokenFailure: "503" });
    const unavailable = await client(sim)
      .getTenant(reference[0]!)
      .catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(QlikUnavailableError);
    expect((unavailable as Error).message).toContain("token request");
    expect(sim.stats().tokenRequests).toBe(3);

    sim.setFaults({ tokenFailure: "timeout" });
    const started = Date.now();
    const timedOut = await client(sim, {
      timeouts: { requestMs: 200 },
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    })
      .getTenant(reference[0]!)
      .catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(QlikUnavailableError);
    expect(Date.now() - started).toBeLessThan(2000);

    sim.setFaults({ tokenFailure: null });
    const wrong = createClientWithSecret(sim, "not-the-secret");
    const auth = (await wrong.getTenant(reference[0]!).catch((e: unknown) => e)) as QlikAuthError;
    expect(auth).toBeInstanceOf(QlikAuthError);
    expect(auth.userMessage).toBe(
      "Qlik rejected the client ID or secret: check QLIK_CLIENT_ID/QLIK_CLIENT_SECRET, or create a new secret in the Cloud Console.",
    );
    expect(serializeError(auth)).not.toContain("not-the-secret");
  });

  it("a 429 storm holds the tier: waiting callers do not hammer", async () => {
    const c = client(sim, { limits: { tier1: false, maxRetryAfterMs: 10_000 } });
    sim.setFaults({ rateLimitStorm: { retryAfterSeconds: 1 } });
    const id = reference[0]!;
    const started = Date.now();
    const first = c.getTenant(id);
    while (sim.stats().rateLimited === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50)); // the client has read the 429: tier 1 is held
    const others = Array.from({ length: 20 }, () => c.getTenant(id));
    setTimeout(() => sim.setFaults({ rateLimitStorm: null }), 1500);
    const results = await Promise.all([first, ...others]);
    expect(results.every((t) => t?.id === id)).toBe(true);
    // One 429 for the first request, one for the probe at ~1 s; the probe at ~2 s passes.
    expect(sim.stats().rateLimited).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(c.stats()).toMatchObject({ rateLimited: 2, requests: 23 });
  });

  it("a storm on tier 2 does not hold tier 1", async () => {
    const c = client(sim, { limits: { maxRetryAfterMs: 10_000 } });
    const sub = sim.tenants()[0]!.subscriptionId!;
    sim.setFaults({
      rateLimitStorm: { retryAfterSeconds: 1, count: 1 },
      onlyPaths: ["/api/core/tenants/actions/filter"],
    });
    let filterDone = 0;
    const filtering = collect(c.filterTenants(scim.eq("subscriptionId", sub))).then(
      () => (filterDone = Date.now()),
    );
    while (sim.stats().rateLimited === 0) await new Promise((r) => setTimeout(r, 5));
    await Promise.all(reference.slice(0, 5).map((id) => c.getTenant(id)));
    const tier1Done = Date.now();
    await filtering;
    expect(tier1Done).toBeLessThan(filterDone);
    expect(c.stats().byOperation.filterTenants?.rateLimited).toBe(1);
    expect(c.stats().byOperation.getTenant?.rateLimited ?? 0).toBe(0);
  });

  it("its budget keeps a burst under a small server limit with zero 429s", async () => {
    // Server: 500/min over 0.01 min = 5 requests per 600 ms. Client: the same 5 per 600 ms.
    const tight = await startSimulator({
      ...base,
      tenants: 20,
      tier1PerMinute: 500,
      rateWindowMinutes: 0.01,
    });
    try {
      const ids = tight.tenants().map((t) => t.id);
      const budgeted = client(tight, { limits: { tier1: { requests: 5, windowMs: 600 } } });
      const stats = createRequestStats();
      await Promise.all(ids.slice(0, 12).map((id) => budgeted.getTenant(id, { stats })));
      expect(tight.stats().rateLimited).toBe(0);
      expect(stats.rateLimited).toBe(0);
      expect(stats.throttledMs).toBeGreaterThan(0);

      // Control: the same burst without a budget is refused by the server.
      await new Promise((r) => setTimeout(r, 700));
      tight.resetStats();
      const unbudgeted = client(tight, { limits: { tier1: false, maxRetryAfterMs: 5000 } });
      await Promise.all(ids.slice(0, 12).map((id) => unbudgeted.getTenant(id)));
      expect(tight.stats().rateLimited).toBeGreaterThan(0);
    } finally {
      await tight.close();
    }
  });

  it("hostile tenant names round-trip through the SCIM builder as single values", async () => {
    const c = client(sim);
    const target = sim.tenants()[3]!;
    const sub = target.subscriptionId!;
    let seed = 1234;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = [
      '"',
      "\\",
      '" or "1" eq "1',
      ") or (",
      "not ",
      " and ",
      '\\"',
      "é",
      "🙂",
      "\n",
      "\t",
      "x",
      "'",
      "/",
      "\\u0041",
    ];
    const names = [
      'x" or "1" eq "1',
      'a\\" or name eq "b',
      '") or (subscriptionId eq "',
      "\\",
      '"',
      ...Array.from({ length: 20 }, (_, i) => {
        let s = `h${i}`;
        for (let k = 0; k < 6; k++) s += pieces[Math.floor(random() * pieces.length)]!;
        return s;
      }),
    ];
    for (const name of names) {
      sim.mutate({ op: "rename", id: target.id, name });
      const byList = await c.listAllTenants({
        filter: scim.and(scim.eq("subscriptionId", sub), scim.eq("name", name)),
      });
      expect(byList.map((t) => [t.id, t.name])).toEqual([[target.id, name]]);
      // Without the subscription clause too: the name alone must not widen the match.
      const byName = await c.listAllTenants({ filter: scim.eq("name", name) });
      expect(byName.map((t) => t.id)).toEqual([target.id]);
      const negated = await c.countTenants(
        scim.and(scim.eq("subscriptionId", sub), scim.not(scim.eq("name", name))),
      );
      expect(negated).toBe(sim.tenants().filter((t) => t.subscriptionId === sub).length - 1);
    }
    const viaPost = (
      await collect(
        c.filterTenants(scim.and(scim.eq("subscriptionId", sub), scim.eq("name", names[0]!))),
      )
    ).flatMap((p) => p.tenants);
    expect(viaPost).toHaveLength(0); // renamed away by the loop above
    expect(sim.stats().rateLimited).toBe(0);
  });

  it("never logs the secret or a token", async () => {
    const logger = recordingLogger();
    const c = client(sim, { logger });
    sim.setFaults({ errorRate: 0.3, dropConnectionRate: 0.1, malformedJsonRate: 0.1 });
    await c.listAllTenants({ limit: 50 }).catch(() => undefined);
    sim.revokeAllTokens();
    await c.getTenant(reference[0]!).catch(() => undefined);
    const text = JSON.stringify(logger.lines);
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/Bearer /i);
  });
});

function createClientForDefaults(s: SimulatorHandle): QlikClient {
  // Default limits, timeouts and retries: only the credentials are given.
  const c = fastClient(s.url, { timeouts: undefined, retry: undefined, limits: undefined });
  clients.push(c);
  return c;
}

function createClientWithSecret(s: SimulatorHandle, secret: string): QlikClient {
  const c = fastClient(s.url, {
    credentials: () => ({ clientId: CLIENT_ID, clientSecret: secret }),
  });
  clients.push(c);
  return c;
}
