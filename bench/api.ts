// `npm run bench -- api` (or `npx tsx bench/api.ts [--in-process | --http]`): the tenants API on a
// 50,000-tenant snapshot, in two layers.
//   (a) in process: index build time, then index.query() for the target view (a search, two
//       filters, grouped by region and subscription, first 100 rows) over varied searches, with
//       the caches off and on, and the route's serialization of the response.
//   (b) over HTTP: the simulator with 50,000 tenants, the built app as `npm start` runs it
//       (`next start`, built first if missing or stale), the first sync, a demo sign-in, then 20
//       concurrent connections for 10 s per run, every route through the same Next.js pipeline:
//       /api/health (the baseline: a route that does nothing), the target view with more search
//       terms than the caches hold, with few enough that they all fit, with gzip asked for as a
//       browser does, and revalidated with If-None-Match (304). The server's RSS after the sync
//       and 60 s after the runs.
//   Both layers then put annotations on the 50,000 tenants (bench/support/annotations.ts: names on
//   every subscription, owners on 60%, 1–3 of 40 tags each, notes on 10%; over HTTP through the
//   real path, POST /api/annotations/import) and measure a tag-filtered view, an owner-grouped
//   view and the target view again.
// Goals, as ratios to /api/health in the same run (the machine is shared and noisy): the target
// view's median ≤ 1.5× and p99 ≤ 2× (with annotations too); a revalidated view's median ≤ 1.1×;
// settled RSS ≤ 300 MB. Figures only; nothing here asserts. Every section prints the load average
// and a CPU check.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Pool } from "undici";
import { generateDataset } from "@/simulator/data/generate";
import { buildIfStale, freePort, startApp, waitFor } from "./support/app";
import { toTenant } from "./support/tenants";
import { annotationsCsv, benchAnnotations, BENCH_OWNERS, BENCH_TAGS } from "./support/annotations";
import {
  createTenantIndex,
  overlaySource,
  tenantsResponseBody,
  type AnnotationSource,
  type TenantIndex,
} from "@/lib/tenants/query";
import type { SnapshotRef, Tenant, TenantView, TenantsResponse } from "@/lib/tenants/types";
import { DEFAULT_VIEW, viewToSearchParams } from "@/lib/tenants/view-codec";

const TENANTS = 50_000;
const SUBSCRIPTIONS = 12;
const CONCURRENCY = 20;
const DURATION_MS = 10_000;
const GOAL = { medianRatio: 1.5, p99Ratio: 2, notModifiedMedianRatio: 1.1, settledRssMb: 300 };

export interface LatencySummary {
  count: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export type HttpRun = LatencySummary & {
  requestsPerSecond: number;
  errors: number;
  /** CPU time the app's processes spent per request (Linux /proc), independent of other load. */
  serverCpuMsPerRequest: number | null;
};

export interface HttpReport {
  /** GET /api/health: a route that does nothing, through the same pipeline: the baseline. */
  health: HttpRun;
  /** 200 search terms in turn: more views than the caches hold, so every request is computed. */
  misses: HttpRun;
  /** 30 search terms in turn: all fit in the caches, as when people page and revisit views. */
  hits: HttpRun;
  /** The 200 terms again with `Accept-Encoding: gzip`, as the explorer in a browser asks. */
  gzip: HttpRun;
  /** The 200 terms again with the If-None-Match of an earlier answer: 304s. */
  notModified: HttpRun;
  /** The goals' ratios: target view (misses) and 304 to /api/health. */
  ratios: { median: number; p99: number; notModifiedMedian: number };
  /** With annotations on every tenant (imported through POST /api/annotations/import). */
  annotated:
    | {
        importMs: number;
        tagFiltered: HttpRun;
        ownerGrouped: HttpRun;
        target: HttpRun;
        ratios: Record<"tagFiltered" | "ownerGrouped" | "target", { median: number; p99: number }>;
      }
    | { skipped: string };
  /**
   * The app's resident memory (MB): settled once the 50,000-tenant snapshot is loaded, the most
   * seen during the runs, and 60 s after them.
   */
  rssMb: { afterSync: number | null; peakUnderLoad: number | null; afterRuns: number | null };
}

export interface ApiBenchReport {
  inProcess:
    | {
        tenants: number;
        buildColdMs: number;
        buildWarmMs: number;
        noCache: LatencySummary;
        withCache: LatencySummary & { hitRate: number };
        allTenantsNoCache: LatencySummary;
        queryAndBody: LatencySummary & { bytes: number };
        annotated: {
          /** Building the annotation columns for a new version (first query after a change). */
          layerMs: number;
          targetNoCache: LatencySummary;
          tagFilteredNoCache: LatencySummary;
          ownerGroupedNoCache: LatencySummary;
          queryAndBody: LatencySummary;
        };
      }
    | { skipped: string };
  http: HttpReport | { skipped: string };
}

function summarize(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    count: sorted.length,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: sorted[sorted.length - 1] ?? 0,
  };
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const line = (label: string, s: LatencySummary) =>
  `  ${label.padEnd(46)} median ${fmt(s.medianMs).padStart(9)}  p95 ${fmt(s.p95Ms).padStart(9)}  p99 ${fmt(s.p99Ms).padStart(9)}  max ${fmt(s.maxMs).padStart(9)}  (n=${s.count})`;

/** Load average and a fixed CPU loop, so a reader can tell a busy machine from a slow program. */
function machine(): string {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 1e7; i++) x += i % 7;
  const loopMs = performance.now() - t0 + (x < 0 ? 1 : 0);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  return `machine: ${os.cpus().length} cores, load average ${load}; 10M-iteration loop ${loopMs.toFixed(0)} ms (higher = busier machine; ≈ 17 ms on the idle 2-core dev VM)`;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Search terms a person might type: name words and prefixes, hostname and id fragments. */
export function searchTerms(tenants: readonly Tenant[], count = 300): string[] {
  const random = rng(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const terms = new Set<string>([
    "zurich",
    "müller",
    "analytics",
    "prod",
    "sandbox",
    "emea",
    "東京",
  ]);
  while (terms.size < count) {
    const t = pick(tenants);
    const word = pick(t.name.split(/[\s,—-]+/).filter((w) => w.length >= 3)) ?? "acme";
    switch (Math.floor(random() * 5)) {
      case 0:
        terms.add(word.toLowerCase());
        break;
      case 1:
        terms.add(word.slice(0, 3 + Math.floor(random() * 3)).toLowerCase());
        break;
      case 2:
        terms.add((t.hostnames[0] ?? "qlik").split(".")[0]?.slice(0, 6) ?? "qlik");
        break;
      case 3:
        terms.add(t.id.slice(0, 8));
        break;
      default:
        terms.add(`${word.toLowerCase()} ${pick(["prod", "dev", "test", "emea"])}`);
    }
  }
  return [...terms];
}

/** Issue 15's views with annotations: a search and one of the 40 tags. */
export function tagView(q: string, variant: number): TenantView {
  return { ...DEFAULT_VIEW, q, tag: [BENCH_TAGS[variant % BENCH_TAGS.length] as string] };
}

/** A search and a status, grouped by owner. */
export function ownerGroupedView(q: string, variant: number): TenantView {
  return {
    ...DEFAULT_VIEW,
    q,
    status: variant % 2 === 0 ? ["active"] : ["active", "disabled"],
    group: "owner",
  };
}

/** The issue's view: a search, two filters, grouped by region and subscription. */
export function targetView(q: string, variant: number): TenantView {
  const regions = [
    ["us-east-1", "eu-west-1", "eu-central-1"],
    ["eu-west-1", "eu-west-2", "eu-north-1", "eu-central-1"],
    ["us-east-1", "us-west-2", "ca-central-1"],
  ][variant % 3] as string[];
  return {
    ...DEFAULT_VIEW,
    q,
    region: [...regions].sort(),
    status: variant % 2 === 0 ? ["active"] : ["active", "disabled"],
    group: "region,subscription",
  };
}

// ---------------------------------------------------------------------------------------------
// (a) in process

function runInProcess(): ApiBenchReport["inProcess"] {
  console.log(
    `\n(a) In process: createTenantIndex + index.query, ${TENANTS.toLocaleString("en-US")} tenants`,
  );
  console.log(`  ${machine()}`);
  const tenants = generateDataset({
    tenants: TENANTS,
    subscriptions: SUBSCRIPTIONS,
    seed: 1,
  }).tenants.map(toTenant);
  let t0 = performance.now();
  createTenantIndex(tenants);
  const buildColdMs = performance.now() - t0;
  const warm: number[] = [];
  for (let k = 0; k < 3; k++) {
    t0 = performance.now();
    createTenantIndex(tenants);
    warm.push(performance.now() - t0);
  }
  const buildWarmMs = summarize(warm).medianMs;
  const columnMb = createTenantIndex(tenants).stats().columnBytes / 2 ** 20;
  console.log(
    `  index build: first ${fmt(buildColdMs)}, then median ${fmt(buildWarmMs)} (of 3); ${columnMb.toFixed(1)} MB of typed arrays`,
  );

  const terms = searchTerms(tenants);
  const random = rng(7);
  const sequence = Array.from({ length: 3000 }, (_, k) =>
    targetView(terms[Math.floor(random() * terms.length)] as string, k),
  );
  const page = { offset: 0, limit: 100 };
  const time = (index: TenantIndex, views: TenantView[], annotations?: AnnotationSource) =>
    views.map((v) => {
      const s = performance.now();
      index.query(v, page, annotations);
      return performance.now() - s;
    });

  const uncached = createTenantIndex(tenants, { cacheSize: 0 });
  time(uncached, sequence.slice(0, 300)); // JIT warm-up
  const noCache = summarize(time(uncached, sequence));
  console.log(line("target view, caches off", noCache));

  const cached = createTenantIndex(tenants);
  time(cached, sequence.slice(0, 300));
  const before = cached.stats();
  const withCacheSamples = time(cached, sequence);
  const after = cached.stats();
  const hits = after.cacheHits - before.cacheHits;
  const hitRate = hits / (hits + after.cacheMisses - before.cacheMisses);
  const withCache = { ...summarize(withCacheSamples), hitRate };
  console.log(
    line(
      `target view, caches on (${Math.round(hitRate * 100)}% hits, ${terms.length} terms)`,
      withCache,
    ),
  );

  const fields = ["name", "createdAt", "hostname"] as const;
  const allTenants = Array.from({ length: 300 }, (_, k): TenantView => ({
    ...DEFAULT_VIEW,
    sort: [{ field: fields[k % 3] ?? "name", desc: k % 2 === 1 }],
  }));
  const allTenantsNoCache = summarize(time(uncached, allTenants));
  console.log(line("all tenants, one sort key, caches off", allTenantsNoCache));

  // What the route does on a miss: the query, then the body bytes (lib/tenants/query/response.ts).
  const ref: SnapshotRef = { id: 1, takenAt: new Date().toISOString() };
  let bytes = 0;
  const bodyTimes = sequence.slice(0, 1000).map((v) => {
    const s = performance.now();
    const body = tenantsResponseBody(uncached, v, page, ref, { cache: false });
    bytes = Math.max(bytes, body.length);
    return performance.now() - s;
  });
  const queryAndBody = { ...summarize(bodyTimes), bytes };
  console.log(
    line(`query + response bytes, caches off (≤ ${Math.round(bytes / 1024)} KB)`, queryAndBody),
  );

  // With annotations on every tenant: the columns for a version are built on first use.
  const a = benchAnnotations(tenants);
  const owned = [...a.tenants.values()].filter((x) => x.owner !== null).length;
  console.log(
    `  annotations: ${a.subscriptions.size} subscription names, ${owned.toLocaleString("en-US")} owners (${BENCH_OWNERS.length} distinct), 1–3 of ${BENCH_TAGS.length} tags on each tenant, ${[...a.tenants.values()].filter((x) => x.note).length.toLocaleString("en-US")} notes`,
  );
  const layers: number[] = [];
  for (let k = 0; k < 5; k++) {
    const source = overlaySource({ version: `layer-${k}`, ...a });
    const s = performance.now();
    uncached.query(DEFAULT_VIEW, { offset: 0, limit: 0 }, source);
    layers.push(performance.now() - s);
  }
  const layerMs = summarize(layers).medianMs;
  console.log(`  annotation columns for a new version: median ${fmt(layerMs)} (of 5)`);
  const annotations = overlaySource({ version: "bench", ...a });
  const tagViews = sequence.map((v, k) => tagView(v.q, k));
  const ownerViews = sequence.map((v, k) => ownerGroupedView(v.q, k));
  time(uncached, sequence.slice(0, 300), annotations);
  const targetNoCache = summarize(time(uncached, sequence, annotations));
  console.log(line("annotated: target view, caches off", targetNoCache));
  const tagFilteredNoCache = summarize(time(uncached, tagViews, annotations));
  console.log(line("annotated: search + tag filter, caches off", tagFilteredNoCache));
  const ownerGroupedNoCache = summarize(time(uncached, ownerViews, annotations));
  console.log(line("annotated: search + status, grouped by owner, off", ownerGroupedNoCache));
  const annotatedBodies = summarize(
    sequence.slice(0, 1000).map((v) => {
      const s = performance.now();
      tenantsResponseBody(uncached, v, page, ref, { cache: false, annotations });
      return performance.now() - s;
    }),
  );
  console.log(line("annotated: query + response bytes, caches off", annotatedBodies));
  return {
    tenants: TENANTS,
    buildColdMs,
    buildWarmMs,
    noCache,
    withCache,
    allTenantsNoCache,
    queryAndBody,
    annotated: {
      layerMs,
      targetNoCache,
      tagFilteredNoCache,
      ownerGroupedNoCache,
      queryAndBody: annotatedBodies,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// (b) over HTTP

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** next-auth v4 credentials sign-in with the demo provider; returns the Cookie header to send. */
async function signIn(appUrl: string, role: "viewer" | "admin"): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${appUrl}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${appUrl}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookie(),
      origin: appUrl,
    },
    body: new URLSearchParams({ csrfToken, role, callbackUrl: appUrl, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token")))
    throw new Error(`demo sign-in gave no session cookie (HTTP ${res.status})`);
  return cookie();
}

/**
 * CPU milliseconds used so far by `pid` and its descendants (should the server start helper
 * processes), from /proc; null where there is no /proc. Clock ticks are taken as 100/s.
 */
function processTreeCpuMs(pid: number): number | null {
  try {
    const stats = readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map((d) => {
        try {
          // Fields after the ")" that ends the command name: state ppid … utime(14) stime(15).
          const text = readFileSync(`/proc/${d}/stat`, "utf8");
          const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
          return {
            pid: Number(d),
            ppid: Number(fields[1]),
            ticks: Number(fields[11]) + Number(fields[12]),
          };
        } catch {
          return null; // the process ended meanwhile
        }
      })
      .filter((s) => s !== null);
    const tree = new Set([pid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const s of stats)
        if (!tree.has(s.pid) && tree.has(s.ppid)) {
          tree.add(s.pid);
          grew = true;
        }
    }
    return stats.filter((s) => tree.has(s.pid)).reduce((sum, s) => sum + s.ticks, 0) * 10;
  } catch {
    return null;
  }
}

/** Resident set size of `pid` in MB (Linux /proc), or null. */
function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * RSS once it has stopped falling: V8 returns freed heap pages in steps, the last ones by its
 * memory reducer some 10–30 s after a collection. Reads every 2 s for 60 s; prints the readings.
 */
async function settledRssMb(pid: number, label: string): Promise<number | null> {
  const readings: number[] = [];
  for (let k = 0; k < 30; k++) {
    await sleep(2000);
    const now = rssMb(pid);
    if (now === null) return null;
    readings.push(now);
  }
  console.log(`  RSS ${label}, every 2 s: ${readings.join(" ")} MB`);
  return readings[readings.length - 1] ?? null;
}

/**
 * What the server's memory is made of, from its own GET /api/metrics (prom-client's process and
 * Node.js metrics): the V8 heap (used of allocated, and its largest spaces), the memory V8 knows of
 * outside it (Buffers, typed arrays, native objects) and the resident set. The rest of the RSS is
 * the binary's code, the native heap (SQLite, ICU, malloc arenas) and the stacks.
 */
async function memoryMakeUp(appUrl: string, token: string): Promise<string> {
  try {
    const res = await fetch(`${appUrl}/api/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) return `memory make-up: /api/metrics answered ${res.status}`;
    const text = await res.text();
    const mb = (name: string, labels = "") => {
      const line = text
        .split("\n")
        .find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
      const value = line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : NaN;
      return Number.isFinite(value) ? `${Math.round(value / 1048576)} MB` : "?";
    };
    const space = (s: string) => mb("nodejs_heap_space_size_used_bytes", `space="${s}"`);
    return (
      `memory make-up: V8 heap ${mb("nodejs_heap_size_used_bytes")} used of ${mb("nodejs_heap_size_total_bytes")} allocated ` +
      `(old space ${space("old")}, large objects ${space("large_object")}, code ${space("code")}, new space ${space("new")}); ` +
      `outside the heap ${mb("nodejs_external_memory_bytes")} (Buffers, typed arrays, native objects); ` +
      `RSS ${mb("process_resident_memory_bytes")}`
    );
  } catch (error) {
    return `memory make-up: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function runHttp(): Promise<HttpReport> {
  console.log(
    `\n(b) Over HTTP: the app (next start) + simulator, ${CONCURRENCY} connections, ${DURATION_MS / 1000} s per run`,
  );
  await buildIfStale();
  const { startSimulator } = await import("@/simulator/server");
  const demoKey = randomBytes(24).toString("base64url");
  const sim = await startSimulator({
    port: 0,
    tenants: TENANTS,
    subscriptions: SUBSCRIPTIONS,
    seed: 1,
    clientId: "bench-client",
    clientSecret: "bench-secret",
    demoKey,
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "atlas-bench-api-"));
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const metricsToken = randomBytes(24).toString("base64url");
  const app = startApp(
    {
      ...process.env,
      METRICS_TOKEN: metricsToken,
      QLIK_BASE_URL: sim.url,
      QLIK_CLIENT_ID: "bench-client",
      QLIK_CLIENT_SECRET: "bench-secret",
      ATLAS_DEMO: "true",
      ATLAS_DEMO_KEY: demoKey,
      ATLAS_DATA_DIR: dataDir,
      NEXTAUTH_SECRET: "bench-nextauth-secret-0123456789abcdef012345",
      NEXTAUTH_URL: appUrl,
      DATABASE_URL: `file:${path.join(dataDir, "atlas.db")}`,
      LOG_LEVEL: "warn",
    },
    port,
  );
  const pool = new Pool(appUrl, { connections: CONCURRENCY, pipelining: 1 });
  try {
    await waitFor("the app answering /api/health", 120_000, async () => {
      if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode})`);
      const res = await fetch(`${appUrl}/api/health`);
      return res.ok ? true : undefined;
    });
    const cookie = await signIn(appUrl, "viewer");
    const started = Date.now();
    // The first request starts the first sync; the snapshot holder answers 503 until it is done.
    const first = await waitFor("the first sync", 300_000, async () => {
      const res = await fetch(`${appUrl}/api/tenants?limit=1`, { headers: { cookie } });
      if (res.status === 503) return undefined;
      if (!res.ok) throw new Error(`GET /api/tenants answered ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as TenantsResponse;
      return body.totalAll >= TENANTS ? body : undefined;
    });
    console.log(
      `  first sync: ${first.totalAll.toLocaleString("en-US")} tenants after ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    // The app indexes the snapshot right after the sync; let that settle before measuring.
    const afterSync =
      app.pid === undefined ? null : await settledRssMb(app.pid, "after the first sync");
    console.log(`  ${await memoryMakeUp(appUrl, metricsToken)}`);

    // Terms come from the synced data itself, so searches find what a person would.
    const sample: Tenant[] = [];
    for (let offset = 0; offset < TENANTS; offset += 5000) {
      const res = await fetch(`${appUrl}/api/tenants?offset=${offset}&limit=50`, {
        headers: { cookie },
      });
      sample.push(...((await res.json()) as TenantsResponse).rows);
    }
    const terms = searchTerms(sample, 200);
    const pathsFor = (list: string[]) =>
      list.map(
        (q, k) => `/api/tenants?${viewToSearchParams(targetView(q, k), { offset: 0, limit: 100 })}`,
      );
    const etags = new Map<string, string>();
    const request = async (p: string, withCookie: boolean, gzip = false, revalidate = false) => {
      const etag = revalidate ? etags.get(p) : undefined;
      const res = await pool.request({
        method: "GET",
        path: p,
        headers: {
          ...(withCookie ? { cookie } : {}),
          ...(gzip ? { "accept-encoding": "gzip" } : {}),
          ...(etag ? { "if-none-match": etag } : {}),
        },
      });
      await res.body.text();
      const tag = res.headers.etag;
      if (typeof tag === "string") etags.set(p, tag);
      return res.statusCode;
    };
    const run = async (
      label: string,
      paths: string[],
      { withCookie = true, gzip = false, revalidate = false } = {},
    ): Promise<HttpRun> => {
      const expected = revalidate ? 304 : 200;
      // Warm-up: route chunks loaded and JIT-compiled before the clock starts (and, for
      // revalidation, every path's ETag known).
      const warmUp = revalidate ? Math.max(100, paths.length) : 100;
      for (let k = 0; k < warmUp; k++)
        await request(paths[k % paths.length] as string, withCookie, gzip);
      const samples: number[] = [];
      let errors = 0;
      let next = 0;
      const cpuBefore = app.pid === undefined ? null : processTreeCpuMs(app.pid);
      const until = performance.now() + DURATION_MS;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < until) {
            const p = paths[next++ % paths.length] as string;
            const s = performance.now();
            const status = await request(p, withCookie, gzip, revalidate);
            samples.push(performance.now() - s);
            if (status !== expected) errors++;
          }
        }),
      );
      const summary = summarize(samples);
      const requestsPerSecond = samples.length / ((performance.now() - t0) / 1000);
      const cpuAfter = app.pid === undefined ? null : processTreeCpuMs(app.pid);
      const serverCpuMsPerRequest =
        cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / samples.length;
      const cpu =
        serverCpuMsPerRequest === null
          ? ""
          : `, server CPU ${serverCpuMsPerRequest.toFixed(2)} ms/req; projected on a core of its own: ≈ ${Math.round(1000 / serverCpuMsPerRequest)} req/s, median ≈ ${(CONCURRENCY * serverCpuMsPerRequest).toFixed(0)} ms at ${CONCURRENCY} connections`;
      console.log(`${line(label, summary)}`);
      console.log(
        `  ${"".padEnd(46)} ${requestsPerSecond.toFixed(0)} req/s${errors ? `, ${errors} not ${expected}` : ""}${cpu}`,
      );
      return { ...summary, requestsPerSecond, errors, serverCpuMsPerRequest };
    };

    console.log(`  ${machine()}`);
    let peakUnderLoad: number | null = null;
    const sampler = setInterval(() => {
      const now = app.pid === undefined ? null : rssMb(app.pid);
      if (now !== null) peakUnderLoad = Math.max(peakUnderLoad ?? 0, now);
    }, 500);
    const health = await run("GET /api/health (baseline: does nothing)", ["/api/health"], {
      withCookie: false,
    });
    const misses = await run(`target view, ${terms.length} terms (caches miss)`, pathsFor(terms));
    const hits = await run("target view, 30 terms (caches hit)", pathsFor(terms.slice(0, 30)));
    const gzip = await run(`target view, ${terms.length} terms, gzip`, pathsFor(terms), {
      gzip: true,
    });
    const notModified = await run(
      `target view, ${terms.length} terms, If-None-Match → 304`,
      pathsFor(terms),
      {
        revalidate: true,
      },
    );
    const annotated = await runAnnotated(appUrl, cookie, terms, health, run);
    clearInterval(sampler);
    const afterRuns = app.pid === undefined ? null : await settledRssMb(app.pid, "after the runs");
    console.log(`  ${await memoryMakeUp(appUrl, metricsToken)}`);
    const ratios = {
      median: misses.medianMs / health.medianMs,
      p99: misses.p99Ms / health.p99Ms,
      notModifiedMedian: notModified.medianMs / health.medianMs,
    };
    const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
    console.log(
      `  target view vs /api/health: median ${ratios.median.toFixed(2)}× (goal ≤ ${GOAL.medianRatio}×, ${verdict(ratios.median <= GOAL.medianRatio)}), p99 ${ratios.p99.toFixed(2)}× (goal ≤ ${GOAL.p99Ratio}×, ${verdict(ratios.p99 <= GOAL.p99Ratio)})`,
    );
    console.log(
      `  304 vs /api/health: median ${ratios.notModifiedMedian.toFixed(2)}× (goal ≤ ${GOAL.notModifiedMedianRatio}×, ${verdict(ratios.notModifiedMedian <= GOAL.notModifiedMedianRatio)})`,
    );
    console.log(
      `  server RSS: ${afterSync ?? "?"} MB with the snapshot loaded and idle; ${peakUnderLoad ?? "?"} MB at most under load; ${afterRuns ?? "?"} MB 60 s after the runs (goal ≤ ${GOAL.settledRssMb} MB, ${verdict(afterRuns !== null && afterRuns <= GOAL.settledRssMb)})`,
    );
    return {
      health,
      misses,
      hits,
      gzip,
      notModified,
      ratios,
      annotated,
      rssMb: { afterSync, peakUnderLoad, afterRuns },
    };
  } finally {
    await pool.close().catch(() => undefined);
    if (app.exitCode === null) {
      app.kill("SIGTERM");
      await Promise.race([new Promise((r) => app.once("exit", r)), sleep(5000)]);
      if (app.exitCode === null && app.signalCode === null) app.kill("SIGKILL");
    }
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Issue 15's annotations on every tenant, imported as an admin would (the export's ids and
 * subscriptions, then POST /api/annotations/import), then a tag-filtered view, an owner-grouped view
 * and the target view again, each with ratios to /api/health.
 */
async function runAnnotated(
  appUrl: string,
  viewerCookie: string,
  terms: string[],
  health: HttpRun,
  run: (label: string, paths: string[]) => Promise<HttpRun>,
): Promise<HttpReport["annotated"]> {
  try {
    const admin = await signIn(appUrl, "admin");
    const exported = await fetch(
      `${appUrl}/api/tenants/export?columns=id,subscriptionId&format=json`,
      { headers: { cookie: viewerCookie } },
    );
    if (!exported.ok) throw new Error(`the export answered ${exported.status}`);
    const list = (await exported.json()) as { id: string; subscriptionId: string | null }[];
    const a = benchAnnotations(list);
    const csv = annotationsCsv(list, a);
    const t0 = performance.now();
    const res = await fetch(`${appUrl}/api/annotations/import?dryRun=false`, {
      method: "POST",
      headers: { cookie: admin, origin: appUrl, "content-type": "text/csv" },
      body: csv,
    });
    if (!res.ok)
      throw new Error(`the import answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    await res.arrayBuffer();
    const importMs = performance.now() - t0;
    console.log(
      `  annotations: ${list.length.toLocaleString("en-US")} rows (${a.subscriptions.size} subscription names, owners on 60%, 1–3 of ${BENCH_TAGS.length} tags each, notes on 10%) imported through POST /api/annotations/import (${(csv.length / 2 ** 20).toFixed(1)} MB) in ${(importMs / 1000).toFixed(1)} s`,
    );
    const paths = (make: (q: string, k: number) => TenantView) =>
      terms.map(
        (q, k) => `/api/tenants?${viewToSearchParams(make(q, k), { offset: 0, limit: 100 })}`,
      );
    const tagFiltered = await run(
      `annotated: search + 1 of ${BENCH_TAGS.length} tags, ${terms.length} terms`,
      paths(tagView),
    );
    const ownerGrouped = await run(
      `annotated: search, grouped by owner, ${terms.length} terms`,
      paths(ownerGroupedView),
    );
    const target = await run(`annotated: target view, ${terms.length} terms`, paths(targetView));
    const ratio = (r: HttpRun) => ({
      median: r.medianMs / health.medianMs,
      p99: r.p99Ms / health.p99Ms,
    });
    const ratios = {
      tagFiltered: ratio(tagFiltered),
      ownerGrouped: ratio(ownerGrouped),
      target: ratio(target),
    };
    const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
    for (const [label, r, run] of [
      ["tag-filtered view", ratios.tagFiltered, tagFiltered],
      ["owner-grouped view", ratios.ownerGrouped, ownerGrouped],
      ["target view (annotated)", ratios.target, target],
    ] as const)
      console.log(
        `  ${label} vs /api/health: median ${fmt(run.medianMs)} = ${r.median.toFixed(2)}× (goal ≤ ${GOAL.medianRatio}×, ${verdict(r.median <= GOAL.medianRatio)}), p99 ${fmt(run.p99Ms)} = ${r.p99.toFixed(2)}× (goal ≤ ${GOAL.p99Ratio}×, ${verdict(r.p99 <= GOAL.p99Ratio)}); /api/health median ${fmt(health.medianMs)}, p99 ${fmt(health.p99Ms)}`,
      );
    return { importMs, tagFiltered, ownerGrouped, target, ratios };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.log(`  annotated runs not measured: ${reason}`);
    return { skipped: reason };
  }
}

export async function runApiBench(
  options: { inProcess?: boolean; http?: boolean } = {},
): Promise<ApiBenchReport> {
  const report: ApiBenchReport = {
    inProcess: { skipped: "not requested" },
    http: { skipped: "not requested" },
  };
  if (options.inProcess ?? true) report.inProcess = runInProcess();
  if (options.http ?? true) {
    try {
      report.http = await runHttp();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.log(`  HTTP layer not measured: ${reason}`);
      report.http = { skipped: reason };
    }
  }
  return report;
}

if (require.main === module) {
  const args = new Set(process.argv.slice(2));
  runApiBench({ inProcess: !args.has("--http"), http: !args.has("--in-process") }).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
