// `npm run bench -- sync` (or `npx tsx bench/sync.ts`): the sync figures.
//   (a) 10,000 tenants from the simulator at 50 ms latency per request, default rate limits: the
//       first (sequential) sync, then the partitioned sync, then a plain sequential pass again for
//       a warm baseline. Prints wall time, requests and 429s of each, and the two goals: at most
//       ceil(10,000/100) + 20 requests with zero 429s, and at most half the sequential wall time.
//   (b) RSS of a server process that loaded a 50,000-tenant snapshot from the database into the
//       snapshot holder and built its query index (goal ≤ 300 MB); load times from SQLite and,
//       when one answers, PostgreSQL.
//   (c) Alert rules: the partitioned sync again with 20 alert rules defined (its wall time must not
//       change: the rules are evaluated after the run is recorded, off the sync's path), and the
//       rule evaluation time on the 50,000-tenant snapshot: a first evaluation (announcing every
//       current match) and the next sync's (the usual case: a few changes, little new).
// The simulator runs in this process; the measured code runs in child processes started with the
// `react-server` condition (server-only modules refuse to load otherwise), so the client and the
// simulator do not share a CPU core and the RSS figure is that of a process doing nothing else.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { EvaluationReport } from "@/lib/alerts/evaluate";
import type { AlertTrigger } from "@/lib/alerts/types";
import type { Storage } from "@/lib/db/storage";
import type { Tenant } from "@/lib/tenants/types";

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

export interface AlertEvaluationFigures {
  ms: number;
  rules: number;
  matched: number;
  fresh: number;
  deliveries: number;
}

export interface SyncBenchReport {
  firstSync: PassFigures;
  partitionedSync: PassFigures;
  /** The same partitioned sync with 20 alert rules defined. */
  partitionedWithRules: PassFigures;
  sequentialPass: PassFigures;
  /** The background evaluation that followed the partitioned sync with rules (10,000 tenants). */
  syncEvaluation: AlertEvaluationFigures | null;
  alerts: {
    tenants: number;
    rules: number;
    changes: number;
    /** Building the snapshot's serving index (the holder's work, which scopes reuse). */
    indexMs: number;
    first: AlertEvaluationFigures;
    next: AlertEvaluationFigures;
  };
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
      Pick<
        SyncBenchReport,
        | "firstSync"
        | "partitionedSync"
        | "partitionedWithRules"
        | "sequentialPass"
        | "syncEvaluation"
      >
    >("sync", [sim.url, `file:${path.join(dir, "sync.db")}`]);
    const simUsed = process.cpuUsage(simCpu);
    const requestLimit = Math.ceil(SYNC_TENANTS / 100) + 20;
    console.log(
      `  (simulator CPU over the passes ${secs((simUsed.user + simUsed.system) / 1000)}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores: timings stretch on a busy machine)`,
    );
    const row = (label: string, p: PassFigures) =>
      console.log(
        `  ${label.padEnd(34)} ${secs(p.wallMs).padStart(8)} (client CPU ${secs(p.cpuMs)})  ${String(p.requests).padStart(4)} requests  ${p.rateLimited} × 429  ${p.retries} retries  ${p.tenants} tenants${p.partitions ? `  ${p.partitions} partitions` : ""}`,
      );
    row("first sync (sequential, + DB write)", passes.firstSync);
    row("partitioned sync (+ DB write)", passes.partitionedSync);
    row("  the same with 20 alert rules", passes.partitionedWithRules);
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
    const alerts = await child<SyncBenchReport["alerts"]>("alerts", [dbUrl]);
    console.log(
      `  RSS after loading a ${rss.tenants.toLocaleString("en-US")}-tenant snapshot from the DB into the holder + index: ${rss.rssMb} MB (heap ${rss.heapUsedMb} MB): ${rss.rssMb <= 300 ? "met" : "NOT MET"} (goal ≤ 300 MB)`,
    );
    console.log(
      `  load from SQLite: ${rss.loadMs} ms; index build: ${rss.indexMs} ms; load from PostgreSQL: ${rss.postgresLoadMs === null ? "skipped (no server)" : `${rss.postgresLoadMs} ms`}`,
    );
    const ev = (e: AlertEvaluationFigures) =>
      `${e.ms} ms (${e.matched.toLocaleString("en-US")} matches, ${e.fresh.toLocaleString("en-US")} new, ${e.deliveries.toLocaleString("en-US")} deliveries enqueued)`;
    const withRules = passes.partitionedWithRules.wallMs / passes.partitionedSync.wallMs;
    console.log(
      `  rule evaluation after a sync: ${passes.syncEvaluation ? ev(passes.syncEvaluation) : "none ran"} (20 rules, ${SYNC_TENANTS.toLocaleString("en-US")} tenants; off the sync's path)`,
    );
    console.log(
      `  goal: sync timing unchanged with 20 alert rules → partitioned sync ${secs(passes.partitionedWithRules.wallMs)} vs ${secs(passes.partitionedSync.wallMs)} (${(withRules * 100).toFixed(0)} %): ${withRules <= 1.1 ? "met" : "NOT MET"} (within 10 %)`,
    );
    console.log(
      `  rule evaluation (${alerts.rules} rules, ${alerts.tenants.toLocaleString("en-US")} tenants, ${alerts.changes} changes; scopes on the serving index the holder builds anyway, ${alerts.indexMs} ms): first run ${ev(alerts.first)}; next sync ${ev(alerts.next)}`,
    );
    return { ...passes, requestLimit, rss, alerts };
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
  // The same partitioned sync with 20 alert rules: evaluated after the run, in the background.
  const { alertEvaluationsSettled } = await import("@/lib/alerts/after-sync");
  await alertEvaluationsSettled();
  await createBenchRules(storage);
  const partitionedWithRules = await timed(async () => {
    const outcome = await fromRun(tenants!.tenants);
    return { ...outcome.run, tenants: outcome.snapshot!.tenants.length };
  });
  const evaluated = await alertEvaluationsSettled();
  const syncEvaluation = evaluated ? evaluationFigures(evaluated) : null;
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
    partitionedWithRules: { ...pick(partitionedWithRules), partitions },
    sequentialPass: pick(sequentialPass),
    syncEvaluation,
  };
}

/** 20 rules of every kind, some scoped, some digests: what a team might define. */
async function createBenchRules(storage: Storage): Promise<number> {
  const channels = [
    {
      id: "ch_benchAAA",
      type: "webhook" as const,
      url: "http://127.0.0.1:9/hook",
      format: "json" as const,
      secret: "bench-secret-0123456789",
    },
  ];
  const triggers = [
    [{ kind: "licenseEndsWithin", days: 30 }, ""],
    [{ kind: "licenseEndsWithin", days: 60 }, "status=active"],
    [{ kind: "licenseEndsWithin", days: 90 }, "region=eu-central-1,eu-west-1"],
    [{ kind: "licenseEndsWithin", days: 14 }, "region=us-east-1"],
    [{ kind: "licenseEndsWithin", days: 365 }, "country=DE"],
    [{ kind: "licenseEndsWithin", days: 7 }, ""],
    [{ kind: "deletionScheduled" }, ""],
    [{ kind: "deletionScheduled" }, "region=eu-central-1"],
    [{ kind: "deletionScheduled" }, "status=active"],
    [{ kind: "statusChanged" }, ""],
    [{ kind: "statusChanged", to: ["disabled"] }, ""],
    [{ kind: "statusChanged", to: ["deleted", "deactivated"] }, "region=us-east-1,us-west-2"],
    [{ kind: "statusChanged" }, "createdFrom=2022-01-01"],
    [{ kind: "tenantAdded" }, ""],
    [{ kind: "tenantAdded" }, "region=eu-central-1"],
    [{ kind: "tenantRemoved" }, ""],
    [{ kind: "renamedOrMoved" }, ""],
    [{ kind: "renamedOrMoved" }, "region=eu-west-1"],
    [{ kind: "renamedOrMoved" }, "status=active"],
    [{ kind: "renamedOrMoved" }, "country=US"],
  ] as const;
  let n = 0;
  for (const [trigger, scope] of triggers) {
    n++;
    await storage.createAlertRule({
      id: `alr_bench${String(n).padStart(11, "0")}`,
      name: `Bench rule ${n}`,
      scope,
      trigger: trigger as AlertTrigger,
      channels,
      digest: n % 3 === 0,
      enabled: true,
      createdBy: "bench@example.com",
    });
  }
  return n;
}

function evaluationFigures(r: EvaluationReport) {
  return {
    ms: Math.round(r.ms),
    rules: r.rules,
    matched: r.matched,
    fresh: r.fresh,
    deliveries: r.deliveries,
  };
}

/**
 * Rule evaluation on the 50,000-tenant snapshot: 20 rules, then two syncs' worth of changes
 * (about 1 % of the tenants renamed, disabled, moved or given a new license end), each written
 * as the sync writes it and evaluated as the sync's hook does.
 */
async function phaseAlerts(dbUrl: string) {
  const { openStorage } = await import("@/lib/db/storage");
  const { afterSyncSucceeded, alertEvaluationsSettled, setAlertScopeIndexSource } =
    await import("@/lib/alerts/after-sync");
  const { createTenantIndex } = await import("@/lib/tenants/query");
  const storage = await openStorage({ url: dbUrl });
  const stored = await storage.loadCurrentSnapshot();
  if (!stored) throw new Error("no snapshot to evaluate against");
  const rules = await createBenchRules(storage);
  const DAY = 86_400_000;
  const mutateSome = (tenants: Tenant[], round: number) =>
    tenants.map((t, i) => {
      if (i % 100 !== round) return t;
      switch (Math.floor(i / 100) % 4) {
        case 0:
          return { ...t, name: `${t.name} (renamed ${round})` };
        case 1:
          return { ...t, status: t.status === "active" ? "disabled" : "active" };
        case 2:
          return { ...t, licenseEndsAt: new Date(Date.now() + ((i % 80) + 1) * DAY).toISOString() };
        default:
          return { ...t, regionCode: t.regionCode === "eu-west-1" ? "eu-central-1" : "eu-west-1" };
      }
    });
  let previous = stored.tenants;
  let changes = 0;
  let indexMs = 0;
  const evaluate = async (round: number) => {
    const next = mutateSome(previous, round);
    const saved = await storage.replaceSnapshot({ tenants: next });
    changes = saved.changes;
    // The serving index the app's holder builds for every snapshot (not part of the evaluation).
    const start = performance.now();
    const index = createTenantIndex(next, { asOf: saved.snapshot.takenAt });
    indexMs = Math.round(performance.now() - start);
    setAlertScopeIndexSource(async (id) => (id === saved.snapshot.id ? index : null));
    afterSyncSucceeded({
      storage,
      snapshot: { id: saved.snapshot.id, takenAt: saved.snapshot.takenAt, tenants: next },
      previous,
      changes: saved.changes,
      logger,
    });
    const report = await alertEvaluationsSettled();
    previous = next;
    if (!report) throw new Error("no evaluation ran");
    return evaluationFigures(report);
  };
  const first = await evaluate(1);
  const next = await evaluate(2);
  await storage.close();
  return { tenants: stored.tenants.length, rules, changes, indexMs, first, next };
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
    case "alerts":
      return phaseAlerts(args[0]!);
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
