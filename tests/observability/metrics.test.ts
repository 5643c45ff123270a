// GET /api/metrics against the real app in-process: syncs from the simulator (one meeting a short
// 429 storm, one refused), a few API requests and a share link opened, then one scrape that must report each with
// the right labels. Without METRICS_TOKEN, or without the right token, the route does not exist.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as metrics } from "@/app/api/metrics/route";
import { GET as getSync, POST as postSync } from "@/app/api/sync/route";
import { GET as getTenant } from "@/app/api/tenants/[id]/route";
import { GET as listTenants } from "@/app/api/tenants/route";
import { getStorage, setStorageForTests } from "@/lib/db/storage";
import { resetQlikClientForTests } from "@/lib/qlik";
import { getSnapshot, stopSnapshotSync } from "@/lib/tenants/snapshot";
import type { SimulatorHandle } from "../../simulator/server";
import { PEOPLE, fromAddress, noParams, request, sessionCookie, useEnv } from "../auth/support";
import { api, makeLink } from "../shares/support/app";
import { discoverApiHandlers } from "../support/api-routes";
import { CLIENT_ID, CLIENT_SECRET, startSim, tempSqlite, type TempDb } from "../sync/support/setup";

const METRICS_TOKEN = "scrape-token-5f1c9e0b7a2d4c68";
const TENANTS = 300;

type Sample = { name: string; labels: Record<string, string>; value: number };

function parse(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, k, v] of (m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k!] = v!;
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}

/** The value of `name` with exactly `labels` (ignoring `le`-less extra labels is not allowed). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (s) =>
      s.name === name &&
      Object.keys(s.labels).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length !== 1)
    throw new Error(`${name}${JSON.stringify(labels)}: ${found.length} samples`);
  return found[0]!.value;
}

const scrape = (authorization?: string) =>
  metrics(request("/api/metrics", { headers: authorization ? { authorization } : {} }), noParams);

describe("GET /api/metrics", () => {
  let sim: SimulatorHandle;
  let db: TempDb;
  let viewer: string;
  let admin: string;
  let token: string;
  let tenantId: string;
  let text: string;
  let samples: Sample[];

  async function syncNow(): Promise<void> {
    const res = await postSync(request("/api/sync", { method: "POST", cookie: admin }), noParams);
    expect(res.status).toBe(202);
    for (;;) {
      const body = (await (
        await getSync(request("/api/sync", { cookie: viewer }), noParams)
      ).json()) as { snapshot: { syncing: boolean }; runs: { outcome: string }[] };
      if (!body.snapshot.syncing && body.runs[0]?.outcome !== "running") return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    sim = await startSim({ tenants: TENANTS });
    db = tempSqlite();
    useEnv({
      QLIK_BASE_URL: sim.url,
      QLIK_CLIENT_ID: CLIENT_ID,
      QLIK_CLIENT_SECRET: CLIENT_SECRET,
      DATABASE_URL: db.url,
      METRICS_TOKEN,
    });
    viewer = await sessionCookie(PEOPLE.viewer);
    admin = await sessionCookie(PEOPLE.admin);
    tenantId = (await getSnapshot()).tenants[0]!.id; // the first sync, at start-up
    // The second, by hand, meets two 429s from Qlik on the way.
    sim.setFaults({ rateLimitStorm: { retryAfterSeconds: 0, count: 2 } });
    await syncNow();
    // The third is refused by Qlik (403, not retried) and fails.
    sim.setFaults({ failRequests: { afterPages: 0, status: 403, count: 1 } });
    await syncNow();

    const list = await listTenants(request("/api/tenants?limit=5", { cookie: viewer }), noParams);
    expect(list.status).toBe(200);
    const one = await getTenant(request(`/api/tenants/${tenantId}`, { cookie: viewer }), {
      params: Promise.resolve({ id: tenantId }),
    });
    expect(one.status).toBe(200);
    expect((await listTenants(request("/api/tenants"), noParams)).status).toBe(401);

    token = (await makeLink({ view: "status=active" }, viewer)).token;
    for (const address of ["10.0.0.1", "10.0.0.2"]) {
      const opened = await api.open(token, { headers: fromAddress(address) });
      expect(opened.status).toBe(200);
      await opened.arrayBuffer();
    }
    await (await api.tenants(token, "limit=1")).arrayBuffer();

    const response = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    text = await response.text();
    samples = parse(text);
  }, 60_000);

  afterAll(async () => {
    await stopSnapshotSync();
    await resetQlikClientForTests();
    await (await getStorage()).close();
    setStorageForTests(null);
    await db.cleanup();
    await sim.close();
  });

  it("counts API requests by route pattern, method and status, with a latency histogram", () => {
    const http = (route: string, status: string, method = "GET") => ({ route, method, status });
    expect(value(samples, "atlas_http_requests_total", http("/api/tenants", "200"))).toBe(1);
    expect(value(samples, "atlas_http_requests_total", http("/api/tenants", "401"))).toBe(1);
    expect(value(samples, "atlas_http_requests_total", http("/api/tenants/[id]", "200"))).toBe(1);
    expect(value(samples, "atlas_http_requests_total", http("/api/sync", "202", "POST"))).toBe(2);
    expect(
      value(samples, "atlas_http_request_duration_seconds_count", http("/api/tenants", "200")),
    ).toBe(1);
    expect(
      value(samples, "atlas_http_request_duration_seconds_bucket", {
        ...http("/api/tenants", "200"),
        le: "+Inf",
      }),
    ).toBe(1);
    expect(
      value(samples, "atlas_http_request_duration_seconds_sum", http("/api/tenants", "200")),
    ).toBeGreaterThan(0);
  });

  it("counts sync runs by outcome, with their duration", () => {
    expect(value(samples, "atlas_sync_runs_total", { outcome: "success" })).toBe(2);
    expect(value(samples, "atlas_sync_duration_seconds_count", { outcome: "success" })).toBe(2);
    expect(
      value(samples, "atlas_sync_duration_seconds_sum", { outcome: "success" }),
    ).toBeGreaterThan(0);
    expect(value(samples, "atlas_sync_runs_total", { outcome: "failed" })).toBe(1);
    expect(value(samples, "atlas_sync_duration_seconds_count", { outcome: "failed" })).toBe(1);
  });

  it("reports the snapshot's tenants and age, as of the scrape", () => {
    expect(value(samples, "atlas_snapshot_tenants")).toBe(TENANTS);
    const age = value(samples, "atlas_snapshot_age_seconds");
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60);
  });

  it("counts Qlik requests by endpoint and status, the 429s and the token refreshes", () => {
    const qlik = (endpoint: string, method: string, status: string) =>
      value(samples, "atlas_qlik_requests_total", { endpoint, method, status });
    expect(qlik("/oauth/token", "POST", "200")).toBeGreaterThanOrEqual(1);
    expect(qlik("/api/core/tenants", "GET", "200")).toBeGreaterThanOrEqual(2);
    expect(qlik("/api/core/tenants", "GET", "429")).toBe(2);
    expect(qlik("/api/core/tenants", "GET", "403")).toBe(1);
    expect(value(samples, "atlas_qlik_rate_limited_total", { endpoint: "/api/core/tenants" })).toBe(
      2,
    );
    expect(value(samples, "atlas_qlik_token_refreshes_total")).toBe(
      qlik("/oauth/token", "POST", "200"),
    );
  });

  it("counts share-link openings, and the link's routes under their pattern", () => {
    expect(value(samples, "atlas_share_link_openings_total")).toBe(2);
    expect(
      value(samples, "atlas_http_requests_total", {
        route: "/api/s/[token]",
        method: "GET",
        status: "200",
      }),
    ).toBe(2);
    expect(
      value(samples, "atlas_http_requests_total", {
        route: "/api/s/[token]/tenants",
        method: "GET",
        status: "200",
      }),
    ).toBe(1);
  });

  it("never puts a share token, a tenant id or a raw path in a label", () => {
    expect(text).not.toContain(token);
    expect(text).not.toContain(tenantId);
    const routes = new Set(discoverApiHandlers().map((h) => h.route));
    const labelled = new Set(samples.map((s) => s.labels.route).filter(Boolean));
    expect(labelled.size).toBeGreaterThan(3);
    for (const route of labelled) expect(routes, route).toContain(route);
  });

  it("includes the process metrics", () => {
    for (const name of [
      "process_cpu_user_seconds_total",
      "process_resident_memory_bytes",
      "nodejs_heap_size_used_bytes",
      "nodejs_eventloop_lag_seconds",
    ])
      expect(
        samples.some((s) => s.name === name),
        name,
      ).toBe(true);
  });

  it("is a 404 in the one error shape without the token, with a wrong one or another scheme", async () => {
    for (const authorization of [
      undefined,
      "Bearer",
      `Bearer ${METRICS_TOKEN}x`,
      `Bearer ${METRICS_TOKEN.slice(0, -1)}`,
      `Basic ${Buffer.from(`x:${METRICS_TOKEN}`).toString("base64")}`,
      METRICS_TOKEN,
    ]) {
      const response = await scrape(authorization);
      expect(response.status, authorization).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: "not_found", message: "Not found." },
      });
    }
    expect((await scrape(`bearer ${METRICS_TOKEN}`)).status).toBe(200);
  });

  it("is a 404 whatever is sent while METRICS_TOKEN is unset", async () => {
    useEnv({
      QLIK_BASE_URL: sim.url,
      QLIK_CLIENT_ID: CLIENT_ID,
      QLIK_CLIENT_SECRET: CLIENT_SECRET,
      DATABASE_URL: db.url,
    });
    try {
      for (const authorization of [
        undefined,
        `Bearer ${METRICS_TOKEN}`,
        "Bearer undefined",
        "Bearer ",
      ])
        expect((await scrape(authorization)).status, authorization).toBe(404);
    } finally {
      useEnv({
        QLIK_BASE_URL: sim.url,
        QLIK_CLIENT_ID: CLIENT_ID,
        QLIK_CLIENT_SECRET: CLIENT_SECRET,
        DATABASE_URL: db.url,
        METRICS_TOKEN,
      });
    }
  });
});
