import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  QlikAuthError,
  QlikProtocolError,
  QlikRequestError,
  QlikUnavailableError,
} from "@/lib/qlik";
import { json, tenant, tokenResponse } from "./support/fake-server";
import { startFakeQlik, type FakeQlik } from "./support/fake-qlik";
import { CLIENT_ID, fastClient, SECRET } from "./support/client";

let fake: FakeQlik;
afterEach(async () => {
  await fake?.close();
});

const okTenant = (res: ServerResponse) => json(res, 200, { data: [tenant("a")] });

describe("access token", () => {
  it("requests a client-credentials token with a JSON body, as documented", async () => {
    fake = await startFakeQlik((_req, res) => okTenant(res));
    const client = fastClient(fake.url);
    await client.getTenant("a");
    const [tokenReq] = fake.tokenRequests();
    expect(tokenReq?.method).toBe("POST");
    expect(tokenReq?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(tokenReq!.body)).toEqual({
      client_id: CLIENT_ID,
      client_secret: SECRET,
      grant_type: "client_credentials",
    });
    const [apiReq] = fake.apiRequests();
    expect(apiReq?.headers.authorization).toBe(`Bearer ${fake.issued[0]}`);
    await client.close();
  });

  it("is cached across calls and shared by 100 concurrent cold callers", async () => {
    fake = await startFakeQlik((_req, res) => okTenant(res));
    // A slow token endpoint makes the concurrency real.
    fake.onToken(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 100));
      const body = tokenResponse();
      fake.issued.push(body.access_token);
      json(res, 200, body);
    });
    const client = fastClient(fake.url, { limits: { tier1: false } });
    await Promise.all(Array.from({ length: 100 }, () => client.getTenant("a")));
    await client.getTenant("a");
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.apiRequests()).toHaveLength(101);
    expect(client.stats()).toMatchObject({ tokenRequests: 1, tokensIssued: 1, requests: 101 });
    await client.close();
  });

  it("accepts token_type bearer in any case, and a missing one", async () => {
    for (const tokenType of ["bearer", "BEARER", undefined]) {
      fake = await startFakeQlik((_req, res) => okTenant(res));
      fake.onToken((_req, res) => json(res, 200, tokenResponse({ token_type: tokenType })));
      const client = fastClient(fake.url);
      expect(await client.getTenant("a")).not.toBeNull();
      await client.close();
      await fake.close();
    }
  });

  it("refuses a token of another type", async () => {
    fake = await startFakeQlik((_req, res) => okTenant(res));
    fake.onToken((_req, res) => json(res, 200, tokenResponse({ token_type: "mac" })));
    const client = fastClient(fake.url);
    const error = await client.getTenant("a").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QlikProtocolError);
    expect((error as QlikProtocolError).field).toBe("token_type");
    expect(fake.apiRequests()).toHaveLength(0);
  });

  it("renews the token shortly before it expires (expires_in)", async () => {
    fake = await startFakeQlik((_req, res) => okTenant(res));
    fake.onToken((_req, res) => json(res, 200, tokenResponse({ expires_in: 1 })));
    const client = fastClient(fake.url);
    await client.getTenant("a");
    await client.getTenant("a");
    expect(fake.tokenRequests()).toHaveLength(1);
    // Lifetime 1 s, margin 10 % → renewed after 0.9 s.
    await new Promise((r) => setTimeout(r, 950));
    await client.getTenant("a");
    expect(fake.tokenRequests()).toHaveLength(2);
  });

  it("uses expires_at when it is earlier than expires_in, and ignores one already past", async () => {
    let now = Date.parse("2026-04-08T09:45:03.000Z");
    fake = await startFakeQlik((_req, res) => okTenant(res));
    fake.onToken((_req, res) =>
      json(res, 200, tokenResponse({ expires_in: 21600, expires_at: "2026-04-08T10:45:03.000Z" })),
    );
    const client = fastClient(fake.url, { now: () => now });
    await client.getTenant("a");
    now += 58 * 60_000; // 2 min before expires_at: margin is 60 s, still cached
    await client.getTenant("a");
    expect(fake.tokenRequests()).toHaveLength(1);
    now += 90_000; // 30 s before: renewed
    await client.getTenant("a");
    expect(fake.tokenRequests()).toHaveLength(2);

    // A skewed expires_at in the past falls back to expires_in instead of renewing every call.
    fake.onToken((_req, res) =>
      json(res, 200, tokenResponse({ expires_in: 3600, expires_at: "2000-01-01T00:00:00.000Z" })),
    );
    client.clearToken();
    await client.getTenant("a");
    await client.getTenant("a");
    expect(fake.tokenRequests()).toHaveLength(3);
  });

  it("refreshes once and retries once when the API answers 401", async () => {
    fake = await startFakeQlik((req, res) => {
      if (req.headers.authorization === `Bearer ${fake.issued[0]}`) {
        json(res, 401, { errors: [{ code: "HTTP-401", title: "Unauthorized", status: "401" }] });
      } else okTenant(res);
    });
    const client = fastClient(fake.url);
    expect((await client.getTenant("a"))?.id).toBe("a");
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(fake.apiRequests()).toHaveLength(2);
    expect(client.stats()).toMatchObject({ authRefreshes: 1, retries: 1, requests: 2 });
  });

  it("concurrent 401s share one refresh", async () => {
    fake = await startFakeQlik((req, res) => {
      if (req.headers.authorization === `Bearer ${fake.issued[0]}`) json(res, 401, {});
      else okTenant(res);
    });
    const client = fastClient(fake.url, { limits: { tier1: false } });
    await Promise.all(Array.from({ length: 20 }, () => client.getTenant("a")));
    expect(fake.tokenRequests()).toHaveLength(2);
  });

  it("gives up with QlikAuthError when a fresh token is refused too", async () => {
    fake = await startFakeQlik((_req, res) => json(res, 401, {}));
    const client = fastClient(fake.url);
    const error = await client.getTenant("a").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QlikAuthError);
    expect((error as QlikAuthError).userMessage).toMatch(/organization-level client/);
    expect(fake.apiRequests()).toHaveLength(2);
  });

  it("turns a 401 from the token endpoint into QlikAuthError naming the settings", async () => {
    fake = await startFakeQlik();
    fake.onToken((_req, res) =>
      json(res, 401, { errors: [{ code: "OAUTH-1", title: "invalid_client", status: "401" }] }),
    );
    const client = fastClient(fake.url);
    const error = (await client.getTenant("a").catch((e: unknown) => e)) as QlikAuthError;
    expect(error).toBeInstanceOf(QlikAuthError);
    expect(error.code).toBe("qlik_auth_failed");
    expect(error.status).toBe(401);
    expect(error.userMessage).toBe(
      "Qlik rejected the client ID or secret: check QLIK_CLIENT_ID/QLIK_CLIENT_SECRET, or create a new secret in the Cloud Console.",
    );
    expect(error.upstream?.title).toBe("invalid_client");
    expect(fake.tokenRequests()).toHaveLength(1); // not retried
  });

  it("explains a 404 token endpoint as a wrong QLIK_BASE_URL", async () => {
    fake = await startFakeQlik();
    fake.onToken((_req, res) => json(res, 404, "not here"));
    const error = (await fastClient(fake.url)
      .getTenant("a")
      .catch((e: unknown) => e)) as QlikRequestError;
    expect(error).toBeInstanceOf(QlikRequestError);
    expect(error.userMessage).toContain("QLIK_BASE_URL");
  });

  it("retries a failing token endpoint, then reports Qlik unavailable", async () => {
    fake = await startFakeQlik((_req, res) => okTenant(res));
    fake.onToken((_req, res) =>
      json(res, 503, { errors: [{ code: "HTTP-503", title: "Unavailable" }] }),
    );
    const client = fastClient(fake.url);
    const error = (await client.getTenant("a").catch((e: unknown) => e)) as QlikUnavailableError;
    expect(error).toBeInstanceOf(QlikUnavailableError);
    expect(error.userMessage).toContain(`Qlik Cloud is unreachable at ${fake.url}`);
    expect(fake.tokenRequests()).toHaveLength(3);
    expect(fake.apiRequests()).toHaveLength(0);

    // The failure is not cached: the next call tries again and succeeds.
    fake.onToken((_req, res) => json(res, 200, tokenResponse()));
    expect(await client.getTenant("a")).not.toBeNull();
  });

  it("times out a token endpoint that never answers", async () => {
    fake = await startFakeQlik((_req, res) => okTenant(res));
    fake.onToken(() => {
      /* never answers */
    });
    const client = fastClient(fake.url, {
      timeouts: { requestMs: 150 },
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const started = Date.now();
    const error = await client.getTenant("a").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QlikUnavailableError);
    expect((error as Error).message).toMatch(/no complete response within 150 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
    await client.close();
  });

  it("does not follow a token redirect to another host (the secret stays home)", async () => {
    const elsewhere = await startFakeQlik();
    fake = await startFakeQlik((_req, res) => okTenant(res));
    fake.onToken((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/oauth/token` });
      res.end();
    });
    const error = await fastClient(fake.url)
      .getTenant("a")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QlikProtocolError);
    expect((error as QlikProtocolError).reason).toBe("redirect");
    expect(elsewhere.requests).toHaveLength(0);
    await elsewhere.close();
  });

  it("follows a same-origin token redirect (curl -L in the guide)", async () => {
    fake = await startFakeQlik((_req, res) => okTenant(res));
    fake.onToken((req, res) => {
      if (req.url === "/oauth/token") {
        res.writeHead(308, { location: "/oauth/token/v2" });
        res.end();
      } else json(res, 200, tokenResponse());
    });
    expect(await fastClient(fake.url).getTenant("a")).not.toBeNull();
    expect(fake.tokenRequests().map((r) => [r.url, JSON.parse(r.body).grant_type])).toEqual([
      ["/oauth/token", "client_credentials"],
      ["/oauth/token/v2", "client_credentials"],
    ]);
  });
});
