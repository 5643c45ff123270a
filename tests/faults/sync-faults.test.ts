// The sync under faults, two instances on one database (a throwaway PostgreSQL database; SQLite
// when no server answers, without the database-restart case). For each fault: a pass under it
// either ends with a snapshot equal to the simulator's data or fails and leaves the last good one
// in place (stored and served by both instances, the failure shown as the stale banner's error);
// the simulator refuses none of our requests for going over its rate limit (only the 429s it was
// told to inject); nothing rejects unhandled; and once the fault ends the next pass succeeds and
// the other instance serves its snapshot within 5 s, with nothing restarted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "@/lib/db/storage";
import { createQlikClient, type QlikClient } from "@/lib/qlik";
import type { SnapshotHolder } from "@/lib/tenants/sync/snapshot-holder";
import type { SyncRunSummary, Tenant } from "@/lib/tenants/types";
import { DEFAULT_FAULTS } from "../../simulator/faults";
import type { FaultConfig, SimulatorHandle } from "../../simulator/server";
import { postgresUnavailableReason } from "../db/support/databases";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  expectedTenants,
  startSim,
  testHolder,
  until,
} from "../sync/support/setup";

const pgSkipReason = await postgresUnavailableReason();
if (pgSkipReason) console.warn(`${pgSkipReason} The fault suite runs on SQLite instead.`);

// The simulator's limits, tightened so that a few passes fill a good part of a window, and the
// client's budgets just under them, as the app's are under Qlik's published limits.
const RATE_WINDOW_MINUTES = 0.1;
const SIM_PER_MINUTE = 1_200; // 120 requests per 6 s and tier
const CLIENT_BUDGET = { requests: 110, windowMs: RATE_WINDOW_MINUTES * 60_000 };

function faultClient(sim: SimulatorHandle): QlikClient {
  return createQlikClient({
    baseUrl: sim.url,
    credentials: () => ({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
    // The app's retry policy with shorter waits; a 2 s stall stays within one attempt.
    timeouts: { connectMs: 1_000, requestMs: 5_000 },
    retry: {
      maxAttempts: 4,
      baseDelayMs: 20,
      maxDelayMs: 200,
      maxRateLimitRetries: 6,
      rateLimitFallbackMs: 500,
    },
    limits: { tier1: CLIENT_BUDGET, tier2: CLIENT_BUDGET, maxRetryAfterMs: 10_000 },
  });
}

function sameAsSimulator(sim: SimulatorHandle, tenants: readonly Tenant[]): boolean {
  const expected = expectedTenants(sim);
  if (tenants.length !== expected.size) return false;
  return tenants.every((t) => {
    const e = expected.get(t.id);
    return (
      e !== undefined &&
      e.name === t.name &&
      e.status === t.status &&
      e.regionCode === t.regionCode &&
      e.subscriptionId === t.subscriptionId &&
      JSON.stringify(e.hostnames) === JSON.stringify(t.hostnames)
    );
  });
}

interface FaultCase {
  name: string;
  faults: Partial<FaultConfig>;
  /** Injected 429s the simulator will have sent by the end of the case. */
  injected429?: number;
  /** The fault clears itself (a storm with a count); otherwise it is switched off after the pass. */
  selfClearing?: boolean;
  /** Runs while the pass is under way (started once it has read a first page). */
  during?: () => Promise<void>;
  /** The outcome this fault must have; by default either is fine (the rules above decide). */
  outcome?: "success" | "failed";
  postgresOnly?: boolean;
}

describe("the sync under faults", () => {
  let sim: SimulatorHandle;
  let pgDb: ThrowawayDatabase | null = null;
  let dir: string | null = null;
  const storages: Storage[] = [];
  const clients: QlikClient[] = [];
  let a: SnapshotHolder<number>;
  let b: SnapshotHolder<number>;
  let storage: Storage;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const outcomes: string[] = [];

  beforeAll(async () => {
    process.on("unhandledRejection", onUnhandled);
    sim = await startSim({
      tenants: 1_200,
      tier1PerMinute: SIM_PER_MINUTE,
      tier2PerMinute: SIM_PER_MINUTE,
      rateWindowMinutes: RATE_WINDOW_MINUTES,
    });
    let url: string;
    if (pgSkipReason) {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-faults-"));
      url = `file:${path.join(dir, "atlas.db")}`;
    } else {
      pgDb = await createThrowawayDatabase("faults");
      url = pgDb.url;
    }
    const open = async () => {
      const s = await openStorage({ url, onPoolError: () => {} });
      storages.push(s);
      return s;
    };
    const client = () => {
      const c = faultClient(sim);
      clients.push(c);
      return c;
    };
    storage = await open();
    const common = { pollMs: 500, heartbeatMs: 100, concurrency: 5 };
    a = testHolder(storage, client(), { ...common, instance: "host-a:1:a" });
    b = testHolder(await open(), client(), { ...common, instance: "host-b:1:b" });
    await a.getSnapshot();
    await until(async () => (await b.getSnapshot().catch(() => null)) !== null);
  });

  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await a?.stop();
    await b?.stop();
    for (const c of clients) await c.close();
    for (const s of storages) await s.close().catch(() => {});
    await pgDb?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await sim?.close();
    console.log(`fault suite outcomes:\n  ${outcomes.join("\n  ")}`);
  });

  afterEach(() => {
    sim.setFaults(DEFAULT_FAULTS);
  });

  /** Waits until the pass has read something, then runs `fn`. */
  const midPass = (fn: () => Promise<void>) => async () => {
    await until(() => (a.getSnapshotInfo().progress?.tenantsRead ?? 0) > 0, 10_000);
    await fn();
  };

  const cases: FaultCase[] = [
    { name: "20% of requests answer 500 or 503", faults: { errorRate: 0.2 } },
    {
      name: "a storm of 429s",
      faults: { rateLimitStorm: { retryAfterSeconds: 1, count: 4 } },
      injected429: 4,
      selfClearing: true,
    },
    { name: "2 s latency spikes", faults: { latencySpike: { rate: 0.25, ms: 2_000 } } },
    { name: "dropped connections", faults: { dropConnectionRate: 0.15 } },
    { name: "malformed JSON", faults: { malformedJsonRate: 0.15 } },
    {
      name: "the access token revoked mid-pass",
      faults: { latencyMs: 60 },
      during: midPass(async () => sim.revokeAllTokens()),
      outcome: "success",
    },
    {
      name: "the database restarting mid-pass",
      faults: { latencyMs: 150 },
      during: midPass(() => pgDb!.restart(2_500)),
      postgresOnly: true,
    },
  ];

  for (const fault of cases) {
    it.skipIf(fault.postgresOnly && pgSkipReason !== null)(fault.name, async () => {
      const started = Date.now();
      const good = await a.getSnapshot();
      const target = good.tenants[(good.id * 7) % good.tenants.length]!;
      sim.mutate({ op: "rename", id: target.id, name: `${fault.name} ${good.id}` });
      sim.resetStats();
      sim.setFaults(fault.faults);

      const refresh = await a.refreshNow();
      const [run] = await Promise.all([refresh.done, fault.during?.()]);
      if (!fault.selfClearing) sim.setFaults(DEFAULT_FAULTS);
      expect(run).not.toBeNull();
      const result = run as SyncRunSummary;
      if (fault.outcome) expect(result.outcome, result.error ?? "").toBe(fault.outcome);

      if (result.outcome === "success") {
        const now = await a.getSnapshot();
        expect(now.id).not.toBe(good.id);
        expect(sameAsSimulator(sim, now.tenants)).toBe(true);
        expect((await storage.getCurrentSnapshotMeta())?.id).toBe(now.id);
      } else {
        // The last good snapshot is untouched: stored, and served by both instances.
        expect(result.outcome).toBe("failed");
        expect((await storage.getCurrentSnapshotMeta())?.id).toBe(good.id);
        expect((await a.getSnapshot()).id).toBe(good.id);
        expect((await b.getSnapshot()).id).toBe(good.id);
        // What the stale banner shows: the error, no pass running.
        expect(a.getSnapshotInfo()).toMatchObject({ syncing: false, lastError: result.error });
        expect(result.error).toBeTruthy();
      }

      // The fault is over: the next pass succeeds and the other instance follows within 5 s.
      const passMs = Date.now() - started;
      const recovered = await (await a.refreshNow()).done;
      expect(recovered?.outcome, recovered?.error ?? "").toBe("success");
      const latest = await a.getSnapshot();
      expect(sameAsSimulator(sim, latest.tenants)).toBe(true);
      expect(a.getSnapshotInfo().lastError).toBeNull();
      const installed = Date.now();
      await until(async () => (await b.getSnapshot()).id === latest.id, 5_000);
      const followedMs = Date.now() - installed;

      // Only the injected 429s: none of our requests went over the simulator's limit.
      const stats = sim.stats();
      expect(stats.rateLimited).toBe(fault.injected429 ?? 0);
      expect(unhandled).toEqual([]);
      outcomes.push(
        `${fault.name}: ${result.outcome}${result.error ? ` (${result.error})` : ""}; recovered; other instance followed in ${followedMs} ms; ${stats.requests} requests; pass ${(passMs / 1000).toFixed(1)} s, in all ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    });
  }
});
