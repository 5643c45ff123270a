// The snapshot holder against the real simulator over HTTP and a real SQLite database: runs are
// recorded, changes detected, failed passes leave the last good snapshot serving, refreshes join.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import type { Storage } from "@/lib/db/storage";
import type { QlikClient } from "@/lib/qlik";
import type { SnapshotHolder } from "@/lib/tenants/sync/snapshot-holder";
import type { ChangeKind } from "@/lib/tenants/types";
import type { SimulatorHandle } from "../../simulator/server";
import {
  byId,
  expectedTenants,
  simClient,
  startSim,
  tempSqlite,
  testHolder,
  until,
  type TempDb,
} from "./support/setup";

describe("snapshot sync", () => {
  let sim: SimulatorHandle;
  let client: QlikClient;
  let db: TempDb;
  let storage: Storage;
  let holder: SnapshotHolder<number>;
  const holders: SnapshotHolder<number>[] = [];
  const track = (h: SnapshotHolder<number>) => (holders.push(h), h);

  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    // A fresh client each time: a 429 hold from one test must not carry over to the next.
    client = simClient(sim);
    sim.setFaults({
      latencyMs: 0,
      failRequests: null,
      dropConnectionRate: 0,
      rateLimitStorm: null,
      errorRate: 0,
    });
    db = tempSqlite();
    storage = await db.open();
    holder = track(testHolder(storage, client));
  });
  afterEach(async () => {
    for (const h of holders.splice(0)) await h.stop();
    await client.close();
    await db.cleanup();
  });

  it("takes the first snapshot, records the run and no 'added' flood", async () => {
    const snapshot = await holder.getSnapshot();
    const expected = expectedTenants(sim);
    expect(snapshot.tenants).toHaveLength(expected.size);
    expect(snapshot.index).toBe(expected.size);
    for (const t of snapshot.tenants) expect(t).toMatchObject(expected.get(t.id)!);

    const [run] = await storage.listSyncRuns();
    expect(run).toMatchObject({
      outcome: "success",
      tenants: expected.size,
      trigger: "startup",
      mode: "sequential",
      error: null,
      snapshotId: snapshot.id,
    });
    expect(run!.requests).toBe(Math.ceil(expected.size / 100));
    expect(run!.finishedAt).not.toBeNull();
    expect((await storage.listChanges()).items).toEqual([]);

    const info = holder.getSnapshotInfo();
    expect(info).toMatchObject({
      takenAt: snapshot.takenAt,
      tenantCount: expected.size,
      syncing: false,
      progress: null,
      lastError: null,
    });
    expect(info.lastRun?.id).toBe(run!.id);
  });

  it("detects every kind of change between snapshots", async () => {
    const first = await holder.getSnapshot();
    const [a, b, c, d, e, f] = first.tenants;
    const added = sim.mutate({ op: "add", tenant: { name: "Fresh tenant" } });
    sim.mutate({ op: "delete", id: a!.id });
    sim.mutate({
      op: "set-status",
      id: b!.id,
      status: b!.status === "disabled" ? "active" : "disabled",
    });
    sim.mutate({ op: "rename", id: c!.id, name: "Renamed tenant" });
    sim.mutate({
      op: "set-hostnames",
      id: d!.id,
      hostnames: ["custom.example.com", ...d!.hostnames],
    });
    const otherSub = first.tenants.find(
      (t) => t.subscriptionId !== e!.subscriptionId,
    )!.subscriptionId!;
    sim.mutate({ op: "move", id: e!.id, subscriptionId: otherSub });
    sim.mutate({
      op: "move",
      id: f!.id,
      regionCode: f!.regionCode === "sa-east-1" ? "eu-west-1" : "sa-east-1",
    });

    const refresh = await holder.refreshNow();
    expect(refresh.started).toBe(true);
    const run = await refresh.done;
    expect(run).toMatchObject({ outcome: "success", error: null });

    const { items } = await storage.listChanges();
    const got = new Map(items.map((ch) => [`${ch.kind}:${ch.tenantId}`, ch]));
    const want: [ChangeKind, string][] = [
      ["added", added.id],
      ["removed", a!.id],
      ["status_changed", b!.id],
      ["renamed", c!.id],
      ["hostnames_changed", d!.id],
      ["moved_subscription", e!.id],
      ["moved_region", f!.id],
    ];
    for (const [kind, id] of want) expect(got.has(`${kind}:${id}`), `${kind} ${id}`).toBe(true);
    // Moving a tenant to another region also moves its primary hostname to that region's domain.
    const extra = items.filter(
      (ch) => !want.some(([k, id]) => ch.kind === k && ch.tenantId === id),
    );
    expect(extra.map((ch) => `${ch.kind}:${ch.tenantId}`)).toEqual([`hostnames_changed:${f!.id}`]);
    expect(got.get(`renamed:${c!.id}`)).toMatchObject({ before: c!.name, after: "Renamed tenant" });
    expect(got.get(`moved_subscription:${e!.id}`)).toMatchObject({
      before: e!.subscriptionId,
      after: otherSub,
    });

    const second = await holder.getSnapshot();
    expect(second.id).toBeGreaterThan(first.id);
    expect(byId(second.tenants).has(a!.id)).toBe(false);
    expect(byId(second.tenants).get(c!.id)?.name).toBe("Renamed tenant");
    const [latest] = await storage.listSyncRuns();
    expect(latest).toMatchObject({ mode: "partitioned", trigger: "manual" });
  });

  it.each([
    ["fails after a few pages", { failRequests: { afterPages: 3, status: 500 } }, /server errors/i],
    ["drops connections", { dropConnectionRate: 1 }, /unreachable/i],
    ["keeps answering 429", { rateLimitStorm: { retryAfterSeconds: 600 } }, /rate limiting/i],
  ])("keeps the last good snapshot when Qlik %s midway", async (_name, faults, message) => {
    const good = await holder.getSnapshot();
    const stored = await storage.loadCurrentSnapshot();
    sim.mutate({ op: "rename", id: good.tenants[0]!.id, name: "not seen" });
    sim.setFaults(faults);

    const refresh = await holder.refreshNow();
    const run = await refresh.done;
    sim.setFaults({ failRequests: null, dropConnectionRate: 0, rateLimitStorm: null });

    expect(run?.outcome).toBe("failed");
    expect(run?.error).toMatch(message);
    expect(run?.error).not.toMatch(/secret|token|stack|at .*\.ts/i);
    expect(run?.finishedAt).not.toBeNull();
    const still = await holder.getSnapshot();
    expect(still.id).toBe(good.id);
    expect(still.tenants).toBe(good.tenants);
    const after = await storage.loadCurrentSnapshot();
    expect(after?.meta).toEqual(stored?.meta);
    expect(byId(after!.tenants)).toEqual(byId(stored!.tenants));
    expect((await storage.listChanges()).items).toEqual([]);
    const info = holder.getSnapshotInfo();
    expect(info.lastError).toBe(run?.error);
    expect(info.takenAt).toBe(good.takenAt);
  });

  it("lets concurrent refreshes join one pass", async () => {
    await holder.getSnapshot();
    const runsBefore = (await storage.listSyncRuns()).length;
    sim.setFaults({ latencyMs: 20 });
    sim.resetStats();
    const results = await Promise.all([
      holder.refreshNow(),
      holder.refreshNow(),
      holder.refreshNow(),
    ]);
    expect(results.filter((r) => r.started)).toHaveLength(1);
    expect(new Set(results.map((r) => r.run?.id)).size).toBe(1);
    const done = await Promise.all(results.map((r) => r.done));
    expect(done.every((r) => r?.outcome === "success")).toBe(true);
    expect((await storage.listSyncRuns()).length).toBe(runsBefore + 1);
    // One pass worth of pages (partitioned: at most one extra request per partition).
    const pages = sim.stats().byRoute["GET /api/core/tenants"] ?? 0;
    expect(pages).toBeGreaterThanOrEqual(12);
    expect(pages).toBeLessThanOrEqual(12 + 11);
  });

  it("records requests, retries and 429s of a run", async () => {
    sim.setFaults({ rateLimitStorm: { retryAfterSeconds: 0, count: 2 } });
    await holder.getSnapshot();
    const [run] = await storage.listSyncRuns();
    expect(run?.outcome).toBe("success");
    expect(run?.rateLimited).toBe(2);
    expect(run?.requests).toBe(12 + 2);

    sim.setFaults({ rateLimitStorm: null, failRequests: { afterPages: 2, status: 503, count: 2 } });
    const refreshed = await (await holder.refreshNow()).done;
    expect(refreshed).toMatchObject({ outcome: "success" });
    expect(refreshed!.retries).toBeGreaterThanOrEqual(2);
  });

  it("answers 503 with progress while the first sync runs", async () => {
    sim.setFaults({ latencyMs: 150 });
    const waiting = holder.getSnapshot({ waitMs: 600 });
    const error = await waiting.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).message).toMatch(
      /^First sync in progress: \d+ of 1,200 tenants read/,
    );
    expect(holder.getSnapshotInfo()).toMatchObject({ syncing: true, takenAt: null });
    expect(holder.getSnapshotInfo().progress?.expected).toBe(1_200);
    sim.setFaults({ latencyMs: 0 });
    expect((await holder.getSnapshot({ waitMs: 20_000 })).tenants).toHaveLength(1_200);
  });

  it("answers 503 with the reason when the first sync failed", async () => {
    sim.setFaults({ failRequests: { afterPages: 0, status: 500 } });
    const error = await holder.getSnapshot({ waitMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(
      /^The first sync has not succeeded yet \(it is retried every 30 s\): Qlik Cloud at \S+ answered with server errors \(HTTP 500/,
    );
    expect(holder.getSnapshotInfo().lastError).toMatch(/server errors/);
  });

  it("serves the stored snapshot at once after a restart, even with Qlik down", async () => {
    const before = await holder.getSnapshot();
    await holder.stop();
    sim.setFaults({ failRequests: { afterPages: 0, status: 503 } });
    const restarted = track(testHolder(storage, client, { intervalMs: 1 }));
    const served = await restarted.getSnapshot({ waitMs: 0 });
    expect(served.id).toBe(before.id);
    expect(byId(served.tenants)).toEqual(byId(before.tenants));
    // It is due (interval 1 ms) and fails: still the same snapshot, the failure is reported.
    await until(() => restarted.getSnapshotInfo().lastError !== null);
    expect((await restarted.getSnapshot()).id).toBe(before.id);
  });

  it("syncs on one instance at a time; the others load its snapshot", async () => {
    const first = await holder.getSnapshot();
    const otherDb = await db.open();
    const other = track(
      testHolder(otherDb, client, { instance: "other-host:1:b", intervalMs: 60 * 60_000 }),
    );
    expect((await other.getSnapshot()).id).toBe(first.id);

    sim.setFaults({ latencyMs: 40 });
    sim.mutate({ op: "rename", id: first.tenants[0]!.id, name: "seen by both" });
    const mine = await holder.refreshNow();
    await until(() => other.getSnapshotInfo().syncing);
    const joined = await other.refreshNow();
    expect(joined.started).toBe(false);
    expect(joined.run?.id).toBe(mine.run?.id);
    await mine.done;
    await joined.done;
    await until(async () => (await other.getSnapshot()).id !== first.id);
    const theirs = await other.getSnapshot();
    expect(theirs.id).toBe((await holder.getSnapshot()).id);
    expect(byId(theirs.tenants).get(first.tenants[0]!.id)?.name).toBe("seen by both");
    expect((await storage.listSyncRuns()).filter((r) => r.instance === "other-host:1:b")).toEqual(
      [],
    );
  });
});
