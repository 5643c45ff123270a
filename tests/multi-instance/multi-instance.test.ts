// Two app processes (the built app, `next start`) on one PostgreSQL database and one simulator, as
// behind a load balancer. Only one of them syncs; the other serves each new snapshot within 5 s;
// a share link made on one opens on the other, and revoking it on one stops it on the other within
// 1 s, as does signing out; failed sign-ins and failed link lookups are counted once for both;
// killing the syncing process mid-pass (SIGKILL) leaves the old snapshot serving, and the other
// process takes the next sync over at once (same machine: the dead holder's pid is checked; on
// another machine its lease would expire first).
// Needs a PostgreSQL server (TEST_DATABASE_URL, as tests/db); skipped with the reason otherwise.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantsResponse } from "@/lib/tenants/types";
import { DEFAULT_FAULTS } from "../../simulator/faults";
import { startSimulator, type SimulatorHandle } from "../../simulator/server";
import { postgresUnavailableReason } from "../db/support/databases";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database";
import {
  attemptSignIn,
  buildIfStale,
  call,
  signInAsAdmin,
  signOut,
  SIM_CREDENTIALS,
  startInstance,
  waitFor,
  type Instance,
  type Jar,
} from "./support/instances";

const skipReason = await postgresUnavailableReason();
if (skipReason) console.warn(`Multi-instance test skipped: ${skipReason}`);

const TENANTS = 2_000;

interface RunRow {
  id: number;
  outcome: string;
  instance: string;
  tenants_read: number;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

// Needs a PostgreSQL server (CI has one): skipped, with the reason printed above, only without.
describe.skipIf(skipReason !== null)("two app instances on one PostgreSQL", () => {
  let db: ThrowawayDatabase;
  let sim: SimulatorHandle;
  let sql: pg.Client;
  let a: Instance;
  let b: Instance;
  let admin: Jar;
  const timings: string[] = [];

  const runs = async () =>
    (await sql.query<RunRow>("SELECT * FROM sync_runs ORDER BY id")).rows.map((r) => ({
      ...r,
      started_at: Number(r.started_at),
      finished_at: r.finished_at === null ? null : Number(r.finished_at),
    }));
  const currentSnapshotId = async () =>
    (await sql.query<{ id: number }>("SELECT max(id) AS id FROM snapshots")).rows[0]?.id ?? null;
  /** The instance id's pid part (host:pid:random) of a run. */
  const pidOf = (instance: string) => Number(instance.split(":")[1]);

  /**
   * Sends a request every 20 ms from `at` until `refused` says one was refused (at most 3 s):
   * the ms from `at` to sending the last request that was still accepted (-1 if none was), and to
   * sending the first refused one. "Within 1 s" holds when nothing sent 1 s or more after `at`
   * was accepted.
   */
  async function probeUntilRefused(at: number, refused: () => Promise<boolean>) {
    let lastAccepted = -1;
    while (Date.now() - at < 3_000) {
      const sent = Date.now() - at;
      if (await refused()) return { lastAccepted, firstRefused: sent };
      lastAccepted = sent;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("still accepted after 3 s");
  }

  async function served(instance: Instance): Promise<TenantsResponse> {
    const res = await call(instance, "/api/tenants?limit=1", { cookie: admin.header() });
    if (res.status !== 200) throw new Error(`${instance.name}: ${res.status} ${await res.text()}`);
    return (await res.json()) as TenantsResponse;
  }

  beforeAll(async () => {
    const built = await buildIfStale();
    if (built) timings.push(`build ${(built.ms / 1000).toFixed(1)} s`);
    db = await createThrowawayDatabase("multi");
    sim = await startSimulator({
      port: 0,
      tenants: TENANTS,
      subscriptions: 8,
      seed: 3,
      admin: true,
      ...SIM_CREDENTIALS,
    });
    const started = Date.now();
    // No scheduled sync during the test: every pass after the first is asked for.
    const start = (name: string) =>
      startInstance({
        name,
        databaseUrl: db.url,
        simUrl: sim.url,
        env: { SYNC_INTERVAL_MINUTES: "60" },
      });
    [a, b] = await Promise.all([start("a"), start("b")]);
    timings.push(`both instances up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    admin = await signInAsAdmin(a.url);
  }, 600_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sql?.end().catch(() => {});
    await sim?.close();
    await db?.drop();
    if (timings.length) console.log(`multi-instance: ${timings.join("; ")}`);
  }, 60_000);

  it("has exactly one of them run the first sync; both serve its snapshot", async () => {
    const first = (instance: Instance) =>
      waitFor(`${instance.name} serving the first snapshot`, 60_000, async () => {
        const body = await served(instance).catch(() => undefined);
        return body && body.totalAll === TENANTS ? body : undefined;
      });
    const [onA, onB] = await Promise.all([first(a), first(b)]);
    expect(onA.snapshot.id).toBe(onB.snapshot.id);
    const all = await runs();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ outcome: "success" });
    expect([a.pid, b.pid]).toContain(pidOf(all[0]!.instance));
  });

  it("starts one pass when both are asked at once; the other serves its snapshot within 5 s", async () => {
    const before = (await served(a)).snapshot.id;
    const renamed = sim.tenants()[10]!;
    sim.mutate({ op: "rename", id: renamed.id, name: "Renamed across instances" });
    const answers = await Promise.all(
      [a, b].map(async (instance) => {
        const res = await call(instance, "/api/sync", { method: "POST", cookie: admin.header() });
        expect(res.status).toBe(202);
        return (await res.json()) as { started: boolean };
      }),
    );
    expect(answers.filter((x) => x.started)).toHaveLength(1);

    const newId = await waitFor(
      "the new snapshot in the database",
      30_000,
      async () => {
        const id = await currentSnapshotId();
        return id !== null && id !== before ? id : undefined;
      },
      20,
    );
    const installedAt = Date.now();
    const all = await runs();
    expect(all).toHaveLength(2); // one pass for both requests
    const syncer = pidOf(all[1]!.instance) === a.pid ? a : b;
    const other = syncer === a ? b : a;
    await waitFor(
      "the other instance serving it",
      5_000,
      async () => ((await served(other)).snapshot.id === newId ? true : undefined),
      20,
    );
    const followedMs = Date.now() - installedAt;
    timings.push(`new snapshot served by the other instance after ${followedMs} ms`);
    expect(followedMs).toBeLessThan(5_000);
    const search = await call(other, `/api/tenants?q=${encodeURIComponent("Renamed across")}`, {
      cookie: admin.header(),
    });
    expect(((await search.json()) as TenantsResponse).rows.map((r) => r.id)).toContain(renamed.id);
  });

  it("opens a link made on one instance on the other, and stops it on both within 1 s of revoking", async () => {
    const created = await call(a, "/api/shares", {
      method: "POST",
      cookie: admin.header(),
      body: { name: "Across instances", view: "", columns: ["status"], access: "anyone" },
    });
    expect(created.status).toBe(201);
    const { share, url } = (await created.json()) as { share: { id: string }; url: string };
    const token = url.split("/").pop()!;
    const open = (instance: Instance) =>
      call(instance, `/api/s/${token}`, { address: "198.51.100.20" });
    expect((await open(b)).status).toBe(200);
    expect((await call(b, `/api/s/${token}/tenants`, { address: "198.51.100.20" })).status).toBe(
      200,
    );

    const revoked = await call(b, `/api/shares/${share.id}`, {
      method: "DELETE",
      cookie: admin.header(),
    });
    expect(revoked.status).toBe(204);
    const at = Date.now();
    const probe = await probeUntilRefused(at, async () => (await open(a)).status === 410);
    timings.push(`revoked link refused by the other instance from ${probe.firstRefused} ms`);
    expect(probe.lastAccepted).toBeLessThan(1_000);
    expect((await open(b)).status).toBe(410);
  });

  it("ends a session signed out on one instance on the other within 1 s", async () => {
    const session = await signInAsAdmin(b.url, "203.0.113.8");
    expect((await call(a, "/api/tenants?limit=1", { cookie: session.header() })).status).toBe(200);
    const stolenCopy = session.header();
    // Timed from the sign-out request: each instance keeps a session's check for up to a second
    // (lib/auth/revocation.ts), and `a` has just checked this one.
    const at = Date.now();
    await signOut(b.url, session);
    const probe = await probeUntilRefused(
      at,
      async () => (await call(a, "/api/tenants?limit=1", { cookie: stolenCopy })).status === 401,
    );
    timings.push(
      `ended session: last accepted by the other instance at ${probe.lastAccepted} ms, refused from ${probe.firstRefused} ms`,
    );
    expect(probe.lastAccepted).toBeLessThan(1_000);
    // The admin's own session is untouched.
    expect((await call(a, "/api/tenants?limit=1", { cookie: admin.header() })).status).toBe(200);
  });

  it("counts failed sign-ins and failed link lookups once for all instances", async () => {
    // Five wrong passwords from one address, spread over both: the sixth try is refused anywhere.
    const address = "198.51.100.77";
    for (const [k, instance] of [a, b, a, b, a].entries()) {
      const { error } = await attemptSignIn(instance.url, { password: `wrong-${k}`, address });
      expect(error, `attempt ${k + 1}`).toMatch(k < 4 ? /^CredentialsSignin$/ : /^RateLimited:/);
    }
    // Even with the right password.
    expect((await attemptSignIn(b.url, { address })).error).toMatch(/^RateLimited:/);

    // Twenty unknown links from one address, half on each: the next lookup is refused on both.
    const scanner = "198.51.100.79";
    for (let i = 0; i < 20; i++) {
      const res = await call(i % 2 ? a : b, `/api/s/${"x".repeat(43)}${i}`, { address: scanner });
      expect(res.status).toBe(404);
    }
    for (const instance of [a, b])
      expect((await call(instance, `/api/s/${"y".repeat(44)}`, { address: scanner })).status).toBe(
        429,
      );
  });

  it("keeps serving the old snapshot when the syncing instance is killed mid-pass; the other takes the next sync over", async () => {
    const good = (await served(b)).snapshot.id;
    const renamed = sim.tenants()[20]!;
    sim.mutate({ op: "rename", id: renamed.id, name: "Renamed while a dies" });
    // Slow pages, so the pass is still reading when `a` is killed.
    sim.setFaults({ latencyMs: 600 });
    const asked = await call(a, "/api/sync", { method: "POST", cookie: admin.header() });
    expect(((await asked.json()) as { started: boolean }).started).toBe(true);
    const running = await waitFor("a's pass under way", 20_000, async () => {
      const run = (await runs()).at(-1)!;
      return run.outcome === "running" && pidOf(run.instance) === a.pid && run.tenants_read > 0
        ? run
        : undefined;
    });
    await a.kill();
    sim.setFaults(DEFAULT_FAULTS);

    expect(await currentSnapshotId()).toBe(good);
    expect((await served(b)).snapshot.id).toBe(good);
    const info = await call(b, "/api/sync", { cookie: admin.header() });
    expect(info.status).toBe(200);

    const taken = await call(b, "/api/sync", { method: "POST", cookie: admin.header() });
    expect(((await taken.json()) as { started: boolean }).started).toBe(true);
    const newId = await waitFor("b's snapshot", 30_000, async () => {
      const id = (await served(b)).snapshot.id;
      return id !== good ? id : undefined;
    });
    const all = await runs();
    expect(all.find((r) => r.id === running.id)).toMatchObject({ outcome: "failed" });
    expect(all.find((r) => r.id === running.id)?.error).toMatch(/^Interrupted/);
    expect(all.at(-1)).toMatchObject({ outcome: "success" });
    expect(pidOf(all.at(-1)!.instance)).toBe(b.pid);
    expect(await currentSnapshotId()).toBe(newId);
    const search = await call(b, `/api/tenants?q=${encodeURIComponent("Renamed while")}`, {
      cookie: admin.header(),
    });
    expect(((await search.json()) as TenantsResponse).rows.map((r) => r.id)).toContain(renamed.id);
  });
});
