import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  createRequestStats,
  QlikPermissionError,
  QlikProtocolError,
  QlikRateLimitError,
  QlikRequestError,
  QlikUnavailableError,
} from "@/lib/qlik";
import { json, startFakeServer, tenant } from "./support/fake-server";
import { startFakeQlik, type FakeQlik } from "./support/fake-qlik";
import { collect, fastClient } from "./support/client";

let fake: FakeQlik;
afterEach(async () => {
  await fake?.close();
});

const page = (res: http.ServerResponse, ids: string[] = ["a"]) =>
  json(res, 200, {
    data: ids.map((id) => tenant(id)),
    links: { self: { href: "/api/core/tenants" } },
  });

/** Answers the first `n` API requests with `fail`, the rest with a page. */
function failFirst(n: number, fail: (res: http.ServerResponse) => void) {
  let seen = 0;
  return (_req: unknown, res: http.ServerResponse) => {
    seen += 1;
    if (seen <= n) fail(res);
    else page(res);
  };
}

describe("retries", () => {
  it("retries 5xx with backoff and succeeds", async () => {
    fake = await startFakeQlik(
      failFirst(2, (res) => json(res, 503, { errors: [{ title: "busy" }] })),
    );
    const client = fastClient(fake.url);
    const stats = createRequestStats();
    const all = await client.listAllTenants({ stats });
    expect(all.map((t) => t.id)).toEqual(["a"]);
    expect(stats).toMatchObject({ requests: 3, retries: 2, rateLimited: 0 });
    expect(client.stats().byOperation.listTenants).toMatchObject({ requests: 3, retries: 2 });
  });

  it("gives up after maxAttempts with QlikUnavailableError naming the origin", async () => {
    fake = await startFakeQlik((_req, res) =>
      json(res, 500, { errors: [{ title: "boom" }], traceId: "t-1" }),
    );
    const error = (await fastClient(fake.url)
      .listAllTenants()
      .catch((e: unknown) => e)) as QlikUnavailableError;
    expect(error).toBeInstanceOf(QlikUnavailableError);
    expect(error.code).toBe("qlik_unavailable");
    expect(error.message).toContain("failed after 3 attempts: HTTP 500 (boom, trace t-1)");
    expect(error.userMessage).toMatch(
      new RegExp(
        `^Qlik Cloud at ${fake.url} answered with server errors \\(HTTP 500, 3 attempts\\)`,
      ),
    );
    expect(error.userMessage).not.toContain("proxy");
    expect(fake.apiRequests()).toHaveLength(3);
  });

  it("does not retry other 4xx", async () => {
    fake = await startFakeQlik((_req, res) =>
      json(res, 400, {
        errors: [
          { code: "HTTP-400", title: "Invalid filter", detail: "subscriptionId is required" },
        ],
      }),
    );
    const error = (await fastClient(fake.url)
      .countTenants('status eq "x"')
      .catch((e: unknown) => e)) as QlikRequestError;
    expect(error).toBeInstanceOf(QlikRequestError);
    expect(error.status).toBe(400);
    expect(error.upstream?.detail).toBe("subscriptionId is required");
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it("maps 403 to QlikPermissionError without retrying", async () => {
    fake = await startFakeQlik((_req, res) => json(res, 403, { errors: [{ title: "Forbidden" }] }));
    const error = (await fastClient(fake.url)
      .listAllTenants()
      .catch((e: unknown) => e)) as QlikPermissionError;
    expect(error).toBeInstanceOf(QlikPermissionError);
    expect(error.userMessage).toBe(
      "The OAuth client has no organization permission: recreate it in the Cloud Console (console.qlikcloud.com → OAuth) as the Service Account Owner.",
    );
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it("retries malformed JSON in a 200, then gives up with QlikProtocolError", async () => {
    fake = await startFakeQlik(failFirst(1, (res) => json(res, 200, '{"data":[{"id":"a",')));
    expect(await fastClient(fake.url).listAllTenants()).toHaveLength(1);
    await fake.close();

    fake = await startFakeQlik((_req, res) => json(res, 200, "<html>proxy error</html>"));
    const error = (await fastClient(fake.url)
      .listAllTenants()
      .catch((e: unknown) => e)) as QlikProtocolError;
    expect(error).toBeInstanceOf(QlikProtocolError);
    expect(error.reason).toBe("malformed_json");
    expect(fake.apiRequests()).toHaveLength(3);
  });

  it("retries a connection dropped in the middle of the body", async () => {
    fake = await startFakeQlik(
      failFirst(2, (res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
        res.write('{"data":[{"id":"a","name":"half');
        setTimeout(() => res.socket?.destroy(), 10);
      }),
    );
    const client = fastClient(fake.url);
    expect(await client.listAllTenants()).toHaveLength(1);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it("retries a connection closed before any response", async () => {
    fake = await startFakeQlik(failFirst(1, (res) => res.socket?.destroy()));
    expect(await fastClient(fake.url).listAllTenants()).toHaveLength(1);
  });

  it("reports a refused connection as unavailable", async () => {
    const gone = await startFakeServer(() => {});
    await gone.close();
    const error = (await fastClient(gone.url)
      .listAllTenants()
      .catch((e: unknown) => e)) as QlikUnavailableError;
    expect(error).toBeInstanceOf(QlikUnavailableError);
    expect(error.message).toMatch(/ECONNREFUSED/);
    fake = await startFakeQlik(); // for afterEach
  });
});

describe("timeouts", () => {
  it("abandons an attempt that gets no headers within requestMs and retries", async () => {
    fake = await startFakeQlik(failFirst(1, () => {}));
    const client = fastClient(fake.url, { timeouts: { requestMs: 200 } });
    const started = Date.now();
    expect(await client.listAllTenants()).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(client.stats().retries).toBe(1);
    await client.close();
  });

  it("abandons a body that stalls", async () => {
    fake = await startFakeQlik((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data":[');
    });
    const client = fastClient(fake.url, {
      timeouts: { requestMs: 150 },
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    const error = (await client.listAllTenants().catch((e: unknown) => e)) as QlikUnavailableError;
    expect(error).toBeInstanceOf(QlikUnavailableError);
    expect(error.message).toContain("no complete response within 150 ms");
    await client.close();
  });

  it("stops at once when the caller aborts", async () => {
    fake = await startFakeQlik(() => {});
    const client = fastClient(fake.url, { timeouts: { requestMs: 10_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("sync cancelled")), 100);
    const started = Date.now();
    await expect(client.listAllTenants({ signal: controller.signal })).rejects.toThrow(
      "sync cancelled",
    );
    expect(Date.now() - started).toBeLessThan(1000);
    await client.close();
  });
});

describe("rate limits", () => {
  it("honours Retry-After in seconds", async () => {
    fake = await startFakeQlik(
      failFirst(1, (res) =>
        json(
          res,
          429,
          { errors: [{ code: "HTTP-429", title: "API rate limit reached." }] },
          { "retry-after": "1" },
        ),
      ),
    );
    const client = fastClient(fake.url);
    const started = Date.now();
    expect(await client.listAllTenants()).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(client.stats()).toMatchObject({ rateLimited: 1, retries: 1, requests: 2 });
  });

  it("honours Retry-After as an HTTP date", async () => {
    fake = await startFakeQlik(
      failFirst(1, (res) =>
        json(res, 429, {}, { "retry-after": new Date(Date.now() + 2000).toUTCString() }),
      ),
    );
    const started = Date.now();
    expect(await fastClient(fake.url).listAllTenants()).toHaveLength(1);
    // HTTP dates have whole seconds: the wait is between 1 and 2 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("holds the whole tier: concurrent callers wait instead of hammering", async () => {
    let limitedUntil = Number.POSITIVE_INFINITY;
    const arrivals: number[] = [];
    let filterDone = 0;
    let limitSent!: () => void;
    const firstLimited = new Promise<void>((r) => (limitSent = r));
    fake = await startFakeQlik((req, res) => {
      if (req.method === "POST") return page(res, ["f"]);
      arrivals.push(Date.now());
      if (arrivals.length === 1) limitedUntil = Date.now() + 1000;
      if (Date.now() < limitedUntil) {
        json(res, 429, {}, { "retry-after": "1" });
        return limitSent();
      }
      page(res);
    });
    const client = fastClient(fake.url, { limits: { tier1: false } });
    const first = client.getTenant("first"); // limited, then retried after the hold
    await firstLimited;
    await new Promise((r) => setTimeout(r, 50)); // the client has read the 429
    await Promise.all([
      first,
      ...Array.from({ length: 20 }, () => client.getTenant("x")),
      collect(client.filterTenants('subscriptionId eq "1"')).then(() => (filterDone = Date.now())),
    ]);
    // Only one request of tier 1 arrived while the tier was held (the first one)…
    expect(arrivals.filter((t) => t < limitedUntil)).toHaveLength(1);
    expect(arrivals).toHaveLength(22);
    expect(client.stats().rateLimited).toBe(1);
    // …while tier 2 was not held: the filter finished during the hold.
    expect(filterDone).toBeLessThan(limitedUntil);
  });

  it("lets a single probe through after the hold; the others follow only when it passes", async () => {
    let limited = 2; // the storm answers the first request and the first probe
    const arrivals: number[] = [];
    let firstLimited!: () => void;
    const firstLimitedSent = new Promise<void>((r) => (firstLimited = r));
    fake = await startFakeQlik((_req, res) => {
      arrivals.push(Date.now());
      if (limited > 0) {
        limited -= 1;
        json(res, 429, {}, { "retry-after": "0.3" });
        return firstLimited();
      }
      page(res);
    });
    const client = fastClient(fake.url, { limits: { tier1: false } });
    const first = client.getTenant("a");
    await firstLimitedSent;
    await new Promise((r) => setTimeout(r, 50)); // the client has read the 429: the tier is held
    await Promise.all([first, ...Array.from({ length: 10 }, () => client.getTenant("a"))]);
    // 1 limited + 1 limited probe + 1 passing probe + 10 others = 13: nobody hammered during the
    // holds, and the rest came only after a probe passed.
    expect(arrivals).toHaveLength(13);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(280);
    expect(arrivals[2]! - arrivals[1]!).toBeGreaterThanOrEqual(280);
    expect(client.stats().rateLimited).toBe(2);
  });

  it("fails with QlikRateLimitError when Retry-After is longer than allowed", async () => {
    fake = await startFakeQlik((_req, res) => json(res, 429, {}, { "retry-after": "600" }));
    const client = fastClient(fake.url, { limits: { maxRetryAfterMs: 2000 } });
    const started = Date.now();
    const error = (await client.listAllTenants().catch((e: unknown) => e)) as QlikRateLimitError;
    expect(error).toBeInstanceOf(QlikRateLimitError);
    expect(error.retryAfterMs).toBe(600_000);
    expect(error.userMessage).toContain("try again in 600 s");
    expect(Date.now() - started).toBeLessThan(2000);
    // A second caller does not even send: the tier is held for 10 minutes.
    await expect(client.getTenant("a")).rejects.toBeInstanceOf(QlikRateLimitError);
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it("stops after maxRateLimitRetries", async () => {
    fake = await startFakeQlik((_req, res) => json(res, 429, {}, { "retry-after": "0" }));
    const client = fastClient(fake.url, { retry: { maxRateLimitRetries: 3 } });
    await expect(client.listAllTenants()).rejects.toBeInstanceOf(QlikRateLimitError);
    expect(fake.apiRequests()).toHaveLength(4);
  });

  it("keeps itself under its budget", async () => {
    const arrivals: number[] = [];
    fake = await startFakeQlik((_req, res) => {
      arrivals.push(Date.now());
      page(res);
    });
    const client = fastClient(fake.url, { limits: { tier1: { requests: 4, windowMs: 400 } } });
    const stats = createRequestStats();
    await Promise.all(Array.from({ length: 10 }, () => client.getTenant("a", { stats })));
    // Any 400 ms saw at most 4 arrivals (a slot is counted until 400 ms after its response).
    for (let i = 4; i < arrivals.length; i++)
      expect(arrivals[i]! - arrivals[i - 4]!).toBeGreaterThanOrEqual(398);
    expect(stats.throttledMs).toBeGreaterThan(0);
  });
});
