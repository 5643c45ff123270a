// `npm run bench -- sync` (or `npx tsx bench/sync.ts`): the sync figures.
//   (a) 10,000 tenants from the simulator at 50 ms latency per request, default rate limits: the
//       first (sequential) sync, then the partitioned sync, then a plain sequential pass again for
//       a warm baseline. Prints wall time, requests and 429s of each, and the two goals: at most
//       ceil(10,000/100) + 20 requests with zero 429s, and at most half the sequential wall time.
//   (b) RSS of a server process that loaded a 50,000-tenant snapshot from the database into the
//       snapshot holder and built its query index (goal ≤ 300 MB); load times from SQLite and,
//       when one answers, PostgreSQL.
// The simulator runs in this process; the measured code runs in child processes started with the
// `react-server` condition (server-only modules refuse to load otherwise), so the client and the
// simulator do not share a CPU core and the RSS figure is that of a process doing nothing else.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const SYNC_TENANTS = 10_000;
const RSS_TENANTS = 50_000;
const LATENCY_MS = 50;
const CLIENT = { clientId: "bench-client", clientSecret: "bench-secret-0123456789" };
const PG_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

export interface PassFigures {
  wallMs: number;
  /** CPU time of the syncing process during the pass. */
  cpuMs: number;
  requests: number;
  rateLimited: number;
  retries: number;
  tenants: number;
  partitions?: number;
}

export interface SyncBenchReport {
  firstSync: PassFigures;
  partitionedSync: PassFigures;
  sequentialPass: PassFigures;
  requestLimit: number;
  rss: {
    tenants: number;
    rssMb: number;
    heapUsedMb: number;
    loadMs: number;
    indexMs: number;
    postgresLoadMs: number | null;
  };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Runs this file in a child process with the server condition; resolves with its JSON result. */
function child<T>(phase: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--expose-gc",
        "--import",
        "tsx",
        __filename,
        `--phase=${phase}`,
        ...args,
      ],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, LOG_LEVEL: "silent" },
      },
    );
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    proc.on("error", reject);
    proc.on("exit", (code) => {
      const line = out
        .trim()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .pop();
      if (code !== 0 || !line)
        reject(new Error(`bench phase ${phase} exited with ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(line) as T);
    });
  });
}

export async function runSyncBench(): Promise<SyncBenchReport> {
  const { startSimulator } = await import("../simulator/server");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-bench-sync-"));
  const sim = await startSimulator({
    port: 0,
    tenants: SYNC_TENANTS,
    subscriptions: 12,
    seed: 1,
    ...CLIENT,
    faults: { latencyMs: LATENCY_MS },
  });
  try {
    console.log(
      `simulator: ${SYNC_TENANTS.toLocaleString("en-US")} tenants, ${LATENCY_MS} ms per request, default rate limits`,
    );
    const simCpu = process.cpuUsage();
    const passes = await child<
      Pick<SyncBenchReport, "firstSync" | "partitionedSync" | "sequentialPass">
    >("sync", [sim.url, `file:${path.join(dir, "sync.db")}`]);
    const simUsed = process.cpuUsage(simCpu);
    const requestLimit = Math.ceil(SYNC_TENANTS / 100) + 20;
    console.log(
      `  (simulator CPU over the three passes ${secs((simUsed.user + simUsed.system) / 1000)}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores: timings stretch on a busy machine)`,
    );
    const row = (label: string, p: PassFigures) =>
      console.log(
        `  ${label.padEnd(34)} ${secs(p.wallMs).padStart(8)} (client CPU ${secs(p.cpuMs)})  ${String(p.requests).padStart(4)} requests  ${p.rateLimited} × 429  ${p.retries} retries  ${p.tenants} tenants${p.partitions ? `  ${p.partitions} partitions` : ""}`,
      );
    row("first sync (sequential, + DB write)", passes.firstSync);
    row("partitioned sync (+ DB write)", passes.partitionedSync);
    row("plain sequential pass (warm)", passes.sequentialPass);
    const ratio = passes.partitionedSync.wallMs / passes.sequentialPass.wallMs;
    const p = passes.partitionedSync;
    console.log(
      `  goal: ≤ ${requestLimit} requests and 0 × 429 → ${p.requests} requests, ${p.rateLimited} × 429: ${p.requests <= requestLimit && p.rateLimited === 0 ? "met" : "NOT MET"}`,
    );
    console.log(
      `  goal: partitioned ≤ 1/2 of sequential → ${(ratio * 100).toFixed(0)} %: ${ratio <= 0.5 ? "met" : "NOT MET"}`,
    );

    const dbUrl = `file:${path.join(dir, "rss.db")}`;
    const prepared = await child<{ postgres: boolean }>("prepare", [dbUrl, String(RSS_TENANTS)]);
    const measured = await child<Omit<SyncBenchReport["rss"], "postgresLoadMs">>("rss", [dbUrl]);
    const postgresLoadMs = prepared.postgres
      ? (await child<{ loadMs: number | null }>("pgload", [])).loadMs
      : null;
    const rss = { ...measured, postgresLoadMs };
    console.log(
      `  RSS after loading a ${rss.tenants.toLocaleString("en-US")}-tenant snapshot from the DB into the holder + index: ${rss.rssMb} MB (heap ${rss.heapUsedMb} MB): ${rss.rssMb <= 300 ? "met" : "NOT MET"} (goal ≤ 300 MB)`,
    );
    console.log(
      `  load from SQLite: ${rss.loadMs} ms; index build: ${rss.indexMs} ms; load from PostgreSQL: ${rss.postgresLoadMs === null ? "skipped (no server)" : `${rss.postgresLoadMs} ms`}`,
    );
    return { ...passes, requestLimit, rss };
  } finally {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Child phases ------------------------------------------------------------------------------------

const logger = { info: () => {}, warn: () => {}, error: () => {} };

async function phaseSync(simUrl: string, dbUrl: string) {
  const { openStorage } = await import("@/lib/db/storage");
  const { createQlikClient, createRequestStats } = await import("@/lib/qlik");
  const { readAllTenants } = await import("@/lib/tenants/sync/pass");
  const { executeSyncRun } = await import("@/lib/tenants/sync/run");
  const storage = await openStorage({ url: dbUrl });
  const client = createQlikClient({ baseUrl: simUrl, credentials: () => CLIENT });
  const deps = { storage, client, instance: "bench:0:0", logger };

  const timed = async (
    fn: () => Promise<Omit<PassFigures, "wallMs" | "cpuMs">>,
  ): Promise<PassFigures> => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const figures = await fn();
    const used = process.cpuUsage(cpu);
    return {
      wallMs: Math.round(performance.now() - start),
      cpuMs: Math.round((used.user + used.system) / 1000),
      ...figures,
    };
  };
  const fromRun = async (previous: Parameters<typeof executeSyncRun>[1]["previous"]) => {
    const outcome = await executeSyncRun(deps, { trigger: "manual", previous });
    if (!outcome.snapshot) throw new Error(`sync failed: ${outcome.run.error}`);
    return outcome;
  };

  let tenants: Awaited<ReturnType<typeof fromRun>>["snapshot"] = null;
  const firstSync = await timed(async () => {
    const outcome = await fromRun(null);
    tenants = outcome.snapshot;
    return { ...outcome.run, tenants: outcome.snapshot!.tenants.length };
  });
  const { planPartitions } = await import("@/lib/tenants/sync/partition");
  const partitions = planPartitions(tenants!.tenants)?.length ?? 1;
  const partitionedSync = await timed(async () => {
    const outcome = await fromRun(tenants!.tenants);
    return { ...outcome.run, tenants: outcome.snapshot!.tenants.length };
  });
  const stats = createRequestStats();
  const sequentialPass = await timed(async () => {
    const result = await readAllTenants({ client, previous: null, mode: "sequential", stats });
    return { ...stats, tenants: result.tenants.length };
  });
  await client.close();
  await storage.close();
  const pick = (p: PassFigures): PassFigures => ({
    wallMs: p.wallMs,
    cpuMs: p.cpuMs,
    requests: p.requests,
    rateLimited: p.rateLimited,
    retries: p.retries,
    tenants: p.tenants,
  });
  return {
    firstSync: pick(firstSync),
    partitionedSync: { ...pick(partitionedSync), partitions },
    sequentialPass: pick(sequentialPass),
  };
}

async function phasePrepare(dbUrl: string, count: number) {
  const { generateDataset } = await import("../simulator/data/generate");
  const { parseTenant } = await import("@/lib/qlik/schemas");
  const { openStorage } = await import("@/lib/db/storage");
  const data = generateDataset({ tenants: count, subscriptions: 40, seed: 3 });
  const tenants = data.tenants.map((t) => parseTenant(t, "bench"));
  const storage = await openStorage({ url: dbUrl });
  await storage.replaceSnapshot({ tenants });
  let postgres = false;
  try {
    const pg = await openStorage({ url: PG_URL, pgSchema: "atlas_bench_sync" });
    await pg.replaceSnapshot({ tenants });
    await pg.close();
    postgres = true;
  } catch {
    // No PostgreSQL here: the PostgreSQL load time is reported as skipped.
  }
  await storage.close();
  return { tenants: tenants.length, postgres };
}

/** PostgreSQL load time, in a process of its own (its buffers must not count in the RSS figure). */
async function phasePgLoad() {
  const { openStorage } = await import("@/lib/db/storage");
  const pg = await openStorage({ url: PG_URL, pgSchema: "atlas_bench_sync" });
  try {
    const start = performance.now();
    const loaded = await pg.loadCurrentSnapshot();
    return { loadMs: loaded ? Math.round(performance.now() - start) : null };
  } finally {
    await pg.close();
    const { default: pgModule } = await import("pg");
    const admin = new pgModule.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query('DROP SCHEMA IF EXISTS "atlas_bench_sync" CASCADE');
    await admin.end();
  }
}

async function phaseRss(dbUrl: string) {
  const { openStorage } = await import("@/lib/db/storage");
  const { SnapshotHolder } = await import("@/lib/tenants/sync/snapshot-holder");
  const { createTenantIndex } = await import("@/lib/tenants/query");
  const storage = await openStorage({ url: dbUrl });

  (globalThis as { gc?: () => void }).gc?.();
  let indexMs = 0;
  const holder = new SnapshotHolder({
    storage: async () => storage,
    client: () => {
      throw new Error("the RSS bench does not sync");
    },
    buildIndex: (tenants) => {
      const start = performance.now();
      const index = createTenantIndex(tenants);
      indexMs = Math.round(performance.now() - start);
      return index;
    },
    intervalMs: 24 * 60 * 60_000,
    logger,
  });
  const start = performance.now();
  await holder.start();
  const loadMs = Math.round(performance.now() - start);
  const snapshot = await holder.getSnapshot();
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  await holder.stop();
  await storage.close();
  return {
    tenants: snapshot.tenants.length,
    rssMb: mb(memory.rss),
    heapUsedMb: mb(memory.heapUsed),
    loadMs,
    indexMs,
  };
}

async function runPhase(phase: string, args: string[]): Promise<unknown> {
  switch (phase) {
    case "sync":
      return phaseSync(args[0]!, args[1]!);
    case "prepare":
      return phasePrepare(args[0]!, Number(args[1]));
    case "rss":
      return phaseRss(args[0]!);
    case "pgload":
      return phasePgLoad();
    default:
      throw new Error(`unknown phase ${phase}`);
  }
}

if (require.main === module) {
  const phaseArg = process.argv.find((a) => a.startsWith("--phase="));
  const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const work = phaseArg
    ? runPhase(phaseArg.slice("--phase=".length), args).then((result) => {
        process.stdout.write(`${JSON.stringify(result)}\n`);
      })
    : runSyncBench().then(() => undefined);
  work.then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(1);
    },
  );
}
