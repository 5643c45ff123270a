import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../../simulator/server";
import { contractFetch } from "./support/contract-fetch";
import { CLIENT, api, getToken, startTestSimulator } from "./support/sim";

const post = (sim: SimulatorHandle, body: string, type?: string) =>
  contractFetch(`${sim.url}/oauth/token`, {
    method: "POST",
    headers: type ? { "content-type": type } : {},
    body,
  });

describe("POST /oauth/token", () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startTestSimulator({ tenants: 60, tokenTtlSeconds: 1 });
  });
  afterAll(() => sim.close());

  it("issues a bearer token for a JSON body", async () => {
    const res = await post(sim, JSON.stringify(CLIENT), "application/json");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token_type: "Bearer",
      scope: "cloud-console.tenants:read",
      expires_in: 1,
    });
    expect(res.body.access_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(Date.parse(res.body.expires_at)).toBeGreaterThan(Date.now() - 1000);
    expect(res.body.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("issues a token for a form-encoded body, and different tokens each time", async () => {
    const form = new URLSearchParams(CLIENT).toString();
    const a = await post(sim, form, "application/x-www-form-urlencoded");
    const b = await post(sim, form, "application/x-www-form-urlencoded; charset=utf-8");
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.access_token).not.toBe(b.body.access_token);
  });

  it("refuses wrong credentials with 401", async () => {
    const res = await post(
      sim,
      JSON.stringify({ ...CLIENT, client_secret: "nope" }),
      "application/json",
    );
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ code: "HTTP-401", status: "401" });
    const wrongId = await post(
      sim,
      JSON.stringify({ ...CLIENT, client_id: "other" }),
      "application/json",
    );
    expect(wrongId.status).toBe(401);
  });

  it.each([
    ["invalid JSON", "{not json", "application/json"],
    ["a JSON array", "[]", "application/json"],
    [
      "a missing client_secret",
      JSON.stringify({ client_id: "demo-client", grant_type: "client_credentials" }),
      "application/json",
    ],
    [
      "a missing grant_type",
      JSON.stringify({ client_id: "demo-client", client_secret: "demo-secret" }),
      "application/json",
    ],
    [
      "a wrong grant_type",
      JSON.stringify({ ...CLIENT, grant_type: "password" }),
      "application/json",
    ],
    ["a non-string field", JSON.stringify({ ...CLIENT, client_id: 5 }), "application/json"],
    ["an unknown scope", JSON.stringify({ ...CLIENT, scope: "admin" }), "application/json"],
    ["an empty body", "", "application/json"],
    ["an unsupported content type", JSON.stringify(CLIENT), "text/plain"],
    ["no content type", JSON.stringify(CLIENT), undefined],
    [
      "a repeated form field",
      "grant_type=client_credentials&client_id=a&client_id=b&client_secret=x",
      "application/x-www-form-urlencoded",
    ],
  ])("answers 400 for %s", async (_label, body, type) => {
    const res = await post(sim, body, type);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].status).toBe("400");
    expect(res.body.errors[0].detail).toBeTruthy();
  });

  it("accepts the granted scope when asked for it", async () => {
    const res = await post(
      sim,
      JSON.stringify({ ...CLIENT, scope: "cloud-console.tenants:read" }),
      "application/json",
    );
    expect(res.status).toBe(200);
  });

  it("answers 405 for GET and 404 for unknown routes", async () => {
    const res = await contractFetch(`${sim.url}/oauth/token`);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect((await contractFetch(`${sim.url}/oauth/authorize`)).status).toBe(404);
  });
});

describe("bearer tokens on the API", () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startTestSimulator({ tenants: 60, tokenTtlSeconds: 1 });
  });
  afterAll(() => sim.close());

  const list = (auth?: string) =>
    contractFetch(`${sim.url}/api/core/tenants?limit=1`, {
      headers: auth ? { authorization: auth } : {},
    });

  it("accepts the token with any case of the scheme", async () => {
    const token = await getToken(sim);
    expect((await list(`Bearer ${token}`)).status).toBe(200);
    expect((await list(`bearer ${token}`)).status).toBe(200);
    expect((await list(`BEARER ${token}`)).status).toBe(200);
  });

  it.each([
    ["no Authorization header", undefined],
    ["an unknown token", "Bearer not-a-token"],
    ["another scheme", "Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ="],
    ["a scheme without token", "Bearer"],
  ])("answers 401 for %s", async (_label, auth) => {
    const res = await list(auth);
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ code: "HTTP-401", status: "401" });
    expect(res.body.traceId).toMatch(/^[0-9a-f]{16}$/);
  });

  it("answers 401 once the token has expired (ttl 1 s)", async () => {
    const token = await getToken(sim);
    expect((await list(`Bearer ${token}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const res = await list(`Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.errors[0].detail).toMatch(/expired/);
  });

  it("answers 401 after revocation, and a new token works", async () => {
    const client = await api(sim);
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(200);
    sim.revokeAllTokens();
    expect((await client.get("/api/core/tenants?limit=1")).status).toBe(401);
    const fresh = await api(sim);
    expect((await fresh.get("/api/core/tenants?limit=1")).status).toBe(200);
  });

  it("counts token requests and issued tokens", async () => {
    sim.resetStats();
    await getToken(sim);
    await post(sim, "{}", "application/json");
    const stats = sim.stats();
    expect(stats.tokenRequests).toBe(2);
    expect(stats.tokensIssued).toBe(1);
    expect(stats.byRoute["POST /oauth/token"]).toBe(2);
  });
});
