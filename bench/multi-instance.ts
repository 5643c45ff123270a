// `npm run bench -- multi` (or `npx tsx bench/multi-instance.ts`): GET /api/tenants on a
// 50,000-tenant snapshot, 50 connections for 30 s, against one app instance and then against two
// sharing one PostgreSQL database (a throwaway database on TEST_DATABASE_URL's server, dropped
// after), the connections split evenly between them as a load balancer would. Prints median, p99,
// throughput and errors side by side (the goal: zero errors). Both instances run on this machine,
// next to the load generator: two instances can only gain where there are cores to spare.
// Also exports startCluster() for bench/soak.ts.
import os from "node:os";
import pg from "pg";
import { Pool } from "undici";
import type { Tenant, TenantsResponse } from "@/lib/tenants/types";
import { viewToSearchParams } from "@/lib/tenants/view-codec";
import { startSimulator, type SimulatorHandle } from "@/simulator/server";
import {
  buildIfStale,
  signInAsAdmin,
  SIM_CREDENTIALS,
  startInstance,
  waitFor,
  type Instance,
} from "../tests/multi-instance/support/instances";
import {
  createThrowawayDatabase,
  TEST_PG_URL,
  type ThrowawayDatabase,
} from "../tests/support/throwaway-database";
import { searchTerms, targetView } from "./api";

const TENANTS = 50_000;
const CONNECTIONS = 50;
const DURATION_MS = 30_000;

export interface Cluster {
  sim: SimulatorHandle;
  db: ThrowawayDatabase;
  instances: Instance[];
  /** Cookie header of a signed-in admin (valid on every instance). */
  cookie: string;
  /** Starts one more instance on the same database. */
  add(name: string): Promise<Instance>;
  stop(): Promise<void>;
}

/**
 * The simulator with `tenants`, a throwaway PostgreSQL database and one app instance on it that
 * has finished its first sync; more with add().
 */
export async function startCluster(
  options: { tenants: number; env?: Record<string, string> } = { tenants: TENANTS },
): Promise<Cluster> {
  await buildIfStale();
  const sim = await startSimulator({
    port: 0,
    tenants: options.tenants,
    subscriptions: 12,
    seed: 1,
    ...SIM_CREDENTIALS,
  });
  const db = await createThrowawayDatabase("bench");
  const instances: Instance[] = [];
  const add = async (name: string) => {
    const instance = await startInstance({
      name,
      databaseUrl: db.url,
      simUrl: sim.url,
      env: { SYNC_INTERVAL_MINUTES: "60", ...options.env },
    });
    instances.push(instance);
    return instance;
  };
  const stop = async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await sim.close();
    await db.drop();
  };
  try {
    const first = await add("a");
    const jar = await signInAsAdmin(first.url);
    const cookie = jar.header();
    const started = Date.now();
    await waitFor(
      "the first sync",
      600_000,
      async () => {
        const res = await fetch(`${first.url}/api/tenants?limit=1`, { headers: { cookie } });
        if (res.status === 503) return undefined;
        if (!res.ok) throw new Error(`GET /api/tenants answered ${res.status}`);
        const body = (await res.json()) as TenantsResponse;
        return body.totalAll >= options.tenants ? true : undefined;
      },
      500,
    );
    console.log(
      `  first sync: ${options.tenants.toLocaleString("en-US")} tenants in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return { sim, db, instances, cookie, add, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Null when the PostgreSQL server of TEST_DATABASE_URL answers, else why not. */
export async function postgresUnreachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return `no PostgreSQL server at TEST_DATABASE_URL (${(error as Error).message}); this bench needs one`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Resident set size of `pid` in MB (Linux /proc), or null. */
export async function rssMb(pid: number): Promise<number | null> {
  try {
    const { readFile } = await import("node:fs/promises");
    const kb = /VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

interface LoadResult {
  count: number;
  errors: number;
  medianMs: number;
  p99Ms: number;
  requestsPerSecond: number;
}

/** `connections` connections, split evenly over `targets`, each sending `paths` in turn. */
async function load(
  targets: Instance[],
  paths: string[],
  cookie: string,
  durationMs: number,
): Promise<LoadResult> {
  const perTarget = Math.floor(CONNECTIONS / targets.length);
  const pools = targets.map((t) => new Pool(t.url, { connections: perTarget, pipelining: 1 }));
  const request = async (pool: Pool, path: string) => {
    const res = await pool.request({ method: "GET", path, headers: { cookie } });
    await res.body.text();
    return res.statusCode;
  };
  try {
    // Warm-up: every path once on every instance (route chunks loaded, JIT warm).
    for (const pool of pools) for (const p of paths.slice(0, 100)) await request(pool, p);
    const samples: number[] = [];
    let errors = 0;
    let next = 0;
    const until = performance.now() + durationMs;
    const t0 = performance.now();
    await Promise.all(
      pools.flatMap((pool) =>
        Array.from({ length: perTarget }, async () => {
          while (performance.now() < until) {
            const path = paths[next++ % paths.length]!;
            const s = performance.now();
            const status = await request(pool, path).catch(() => 0);
            samples.push(performance.now() - s);
            if (status !== 200) errors++;
          }
        }),
      ),
    );
    const seconds = (performance.now() - t0) / 1000;
    samples.sort((x, y) => x - y);
    const at = (q: number) =>
      samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
    return {
      count: samples.length,
      errors,
      medianMs: at(0.5),
      p99Ms: at(0.99),
      requestsPerSecond: samples.length / seconds,
    };
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}

export interface MultiBenchReport {
  one: LoadResult;
  two: LoadResult;
  rssMb: Record<string, number | null>;
}

export async function runMultiInstanceBench(): Promise<MultiBenchReport | { skipped: string }> {
  const unreachable = await postgresUnreachable();
  if (unreachable) {
    console.log(`  skipped: ${unreachable}`);
    return { skipped: unreachable };
  }
  console.log(
    `  ${TENANTS.toLocaleString("en-US")} tenants, ${CONNECTIONS} connections, ${DURATION_MS / 1000} s per run; machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const cluster = await startCluster();
  try {
    const [a] = cluster.instances as [Instance];
    const sample: Tenant[] = [];
    for (let offset = 0; offset < TENANTS; offset += 5000) {
      const res = await fetch(`${a.url}/api/tenants?offset=${offset}&limit=50`, {
        headers: { cookie: cluster.cookie },
      });
      sample.push(...((await res.json()) as TenantsResponse).rows);
    }
    const paths = searchTerms(sample, 200).map(
      (q, k) => `/api/tenants?${viewToSearchParams(targetView(q, k), { offset: 0, limit: 100 })}`,
    );

    const one = await load([a], paths, cluster.cookie, DURATION_MS);
    const b = await cluster.add("b");
    await waitFor(
      "b serving the snapshot",
      120_000,
      async () => {
        const res = await fetch(`${b.url}/api/tenants?limit=1`, {
          headers: { cookie: cluster.cookie },
        });
        return res.ok ? true : undefined;
      },
      250,
    );
    const two = await load([a, b], paths, cluster.cookie, DURATION_MS);
    const rss = { a: await rssMb(a.pid), b: await rssMb(b.pid) };

    const row = (label: string, f: (r: LoadResult) => string) =>
      `  ${label.padEnd(22)}${f(one).padStart(14)}${f(two).padStart(16)}`;
    console.log(`  ${"".padEnd(22)}${"one instance".padStart(14)}${"two instances".padStart(16)}`);
    console.log(row("median", (r) => `${r.medianMs.toFixed(1)} ms`));
    console.log(row("p99", (r) => `${r.p99Ms.toFixed(1)} ms`));
    console.log(row("requests/s", (r) => r.requestsPerSecond.toFixed(0)));
    console.log(row("requests", (r) => String(r.count)));
    console.log(row("errors (not 200)", (r) => String(r.errors)));
    console.log(`  RSS after the runs: a ${rss.a ?? "?"} MB, b ${rss.b ?? "?"} MB`);
    console.log(`  zero errors: ${one.errors === 0 && two.errors === 0 ? "met" : "NOT met"}`);
    return { one, two, rssMb: rss };
  } finally {
    await cluster.stop();
  }
}

if (require.main === module) {
  runMultiInstanceBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
