// The deploy path, step by step, as the Dockerfile takes it: `npm run build`, the standalone folder
// copied into an empty directory, started with `node server.js` and nothing else (no npm, no tsx,
// no node_modules above it), against the simulator. It applies its migrations, lets a demo admin
// sign in through next-auth's endpoints and serves tenants; on SIGTERM it finishes the request in
// flight and exits 0; after a restart on the same data it serves the stored snapshot at once, and a
// SIGTERM in the middle of a sync records that pass as interrupted and gives the sync lease back.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type SimulatorHandle } from "@/simulator/server";
import { ensureStandaloneBuild, ROOT } from "./support/build";

const CLIENT_ID = "deploy-client";
const CLIENT_SECRET = `deploy-secret-${randomBytes(8).toString("hex")}`;
const DEMO_KEY = randomBytes(32).toString("base64url");
const METRICS_TOKEN = randomBytes(24).toString("hex");
const TENANTS = 150;

let tmp: string;
let deployDir: string;
let dataDir: string;
let sim: SimulatorHandle;
const timings: string[] = [];
const running = new Set<ChildProcess>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Server {
  url: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** `node server.js` in the deploy folder, with only the settings a deployment gives it. */
async function startServer(): Promise<Server> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const started = Date.now();
  const child = spawn(process.execPath, ["server.js"], {
    cwd: deployDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: tmp,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOSTNAME: "localhost",
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      QLIK_BASE_URL: sim.url,
      QLIK_CLIENT_ID: CLIENT_ID,
      QLIK_CLIENT_SECRET: CLIENT_SECRET,
      ATLAS_DEMO: "true",
      ATLAS_DEMO_KEY: DEMO_KEY,
      ATLAS_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "atlas.db")}`,
      LOG_LEVEL: "info",
      METRICS_TOKEN,
    },
  });
  running.add(child);
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.js exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`no answer from ${url}/api/health:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  timings.push(`start ${Date.now() - started} ms`);
  return { url, child, exited, output: () => output };
}

/** A browser's cookie jar, reduced to what next-auth's demo sign-in needs. */
class Session {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if (init.method && init.method !== "GET") headers.set("origin", this.base);
    const res = await fetch(`${this.base}${pathname}`, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    return res;
  }

  /** e2e/support/fixtures.ts signInWithApi, over plain fetch. */
  async signInAsDemo(role: "admin" | "viewer"): Promise<string> {
    const { csrfToken } = (await (await this.fetch("/api/auth/csrf")).json()) as {
      csrfToken: string;
    };
    const res = await this.fetch("/api/auth/callback/demo", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, role, json: "true", callbackUrl: this.base }),
    });
    expect(res.status, `demo sign-in: ${await res.clone().text()}`).toBe(200);
    const session = (await (await this.fetch("/api/auth/session")).json()) as {
      user?: { email?: string };
    };
    return session.user?.email ?? "";
  }
}

function openDatabase(): Database.Database {
  return new Database(path.join(dataDir, "atlas.db"), { readonly: true, fileMustExist: true });
}

beforeAll(async () => {
  const build = await ensureStandaloneBuild();
  timings.push(build.built ? `npm run build ${(build.ms / 1000).toFixed(1)} s` : "build reused");

  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-deploy-"));
  // Node looks for packages in every node_modules above the folder: there must be none.
  for (let dir = tmp; dir !== path.dirname(dir); dir = path.dirname(dir))
    expect(fs.existsSync(path.join(dir, "node_modules")), `${dir}/node_modules`).toBe(false);
  deployDir = path.join(tmp, "app");
  dataDir = path.join(tmp, "data");
  const copied = Date.now();
  // As `cp -a` or Docker's COPY: relative symbolic links stay relative.
  fs.cpSync(path.join(ROOT, ".next", "standalone"), deployDir, {
    recursive: true,
    verbatimSymlinks: true,
  });
  timings.push(`copy ${Date.now() - copied} ms`);

  sim = await startSimulator({
    port: 0,
    tenants: TENANTS,
    subscriptions: 3,
    seed: 5,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    demoKey: DEMO_KEY,
  });
}, 20 * 60_000);

afterAll(async () => {
  for (const child of running) child.kill("SIGKILL");
  await sim?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`deploy test: ${timings.join(", ")}`);
});

describe("the standalone server, copied to an empty folder and started with node", () => {
  it("holds no development tools and no settings", () => {
    const modules = fs.readdirSync(path.join(deployDir, "node_modules"));
    for (const tool of ["tsx", "typescript", "vitest", "eslint", "@playwright", "drizzle-kit"])
      expect(modules).not.toContain(tool);
    expect(modules).toEqual(
      expect.arrayContaining(["better-sqlite3", "pg", "prom-client", "next"]),
    );
    expect(fs.readdirSync(deployDir).filter((f) => f.startsWith(".env"))).toEqual([]);
    expect(fs.existsSync(path.join(deployDir, "lib/db/migrations/sqlite"))).toBe(true);
    expect(fs.existsSync(path.join(deployDir, "lib/db/migrations/postgres"))).toBe(true);
  });

  it("migrates, signs a demo admin in and serves tenants; SIGTERM finishes the request in flight and exits 0", async () => {
    // Every Qlik request takes 1 s: the first sync, which the tenants request waits for, is slow.
    sim.setFaults({ latencyMs: 1000 });
    const server = await startServer();
    const session = new Session(server.url);
    expect(await session.signInAsDemo("admin")).toMatch(/@/);

    const inFlight = session.fetch("/api/tenants?limit=10");
    await new Promise((r) => setTimeout(r, 300));
    const signalled = Date.now();
    server.child.kill("SIGTERM");

    const res = await inFlight;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: unknown[]; totalAll: number };
    expect(body.totalAll).toBe(TENANTS);
    expect(body.rows).toHaveLength(10);

    expect(await server.exited).toEqual({ code: 0, signal: null });
    timings.push(`SIGTERM to exit ${Date.now() - signalled} ms (request in flight)`);
    expect(server.output()).toContain("stopping: finishing the requests in flight");
    expect(server.output()).toMatch(/"clean":true[^\n]*"msg":"stopped"/);
    expect(server.output()).not.toContain(CLIENT_SECRET);

    const db = openDatabase();
    try {
      const journal = JSON.parse(
        fs.readFileSync(path.join(ROOT, "lib/db/migrations/sqlite/meta/_journal.json"), "utf8"),
      ) as { entries: unknown[] };
      const applied = db.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as {
        n: number;
      };
      expect(applied.n).toBe(journal.entries.length);
      expect(db.prepare("SELECT outcome FROM sync_runs ORDER BY id").pluck().all()).toEqual([
        "success",
      ]);
      expect(db.prepare("SELECT count(*) FROM leases").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000);

  it("restarts on the same data, and a SIGTERM mid-sync records the pass as interrupted and gives the lease back", async () => {
    sim.setFaults({ latencyMs: 0 });
    const server = await startServer();
    const session = new Session(server.url);
    await session.signInAsDemo("admin");
    const tenants = await session.fetch("/api/tenants?limit=1");
    expect(tenants.status).toBe(200);
    // The Dockerfile's HEALTHCHECK: the database answers and a snapshot is loaded.
    const ready = await fetch(`${server.url}/api/ready`, { headers: { "x-request-id": "hc-1" } });
    expect(ready.status).toBe(200);
    expect(ready.headers.get("x-request-id")).toBe("hc-1");
    // prom-client made it into the folder, and the scrape sees what this instance served.
    const scrape = (authorization?: string) =>
      fetch(`${server.url}/api/metrics`, { headers: authorization ? { authorization } : {} });
    const metrics = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain(
      'atlas_http_requests_total{route="/api/tenants",method="GET",status="200"} 1',
    );
    expect(text).toMatch(new RegExp(`^atlas_snapshot_tenants ${TENANTS}$`, "m"));
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect((await scrape()).status).toBe(404);
    expect(server.output()).not.toContain(METRICS_TOKEN);

    sim.setFaults({ latencyMs: 5000 });
    const refresh = await session.fetch("/api/sync", { method: "POST" });
    expect(refresh.status).toBe(202);
    const db = openDatabase();
    try {
      const holder = () => db.prepare("SELECT holder FROM leases WHERE name = 'sync'").pluck();
      const deadline = Date.now() + 10_000;
      while (!holder().get() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(holder().get()).toBeTruthy();

      const signalled = Date.now();
      server.child.kill("SIGTERM");
      expect(await server.exited).toEqual({ code: 0, signal: null });
      timings.push(`SIGTERM to exit ${Date.now() - signalled} ms (sync running)`);
      expect(Date.now() - signalled).toBeLessThan(10_000);

      expect(holder().get()).toBeUndefined();
      const last = db
        .prepare("SELECT outcome, error FROM sync_runs ORDER BY id DESC LIMIT 1")
        .get() as { outcome: string; error: string };
      expect(last.outcome).toBe("failed");
      expect(last.error).toMatch(/^Interrupted/);
      expect(
        db.prepare("SELECT count(*) FROM sync_runs WHERE outcome = 'running'").pluck().get(),
      ).toBe(0);
    } finally {
      db.close();
      sim.setFaults({ latencyMs: 0 });
    }
  }, 120_000);
});
