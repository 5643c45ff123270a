// GET /api/changes, GET /api/sync and POST /api/sync through the real route guard, with the app's
// own snapshot holder syncing from the simulator into a temporary SQLite database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getChanges } from "@/app/api/changes/route";
import { GET as getSync, POST as postSync } from "@/app/api/sync/route";
import { getStorage, setStorageForTests } from "@/lib/db/storage";
import { resetQlikClientForTests } from "@/lib/qlik";
import { getSnapshot, stopSnapshotSync } from "@/lib/tenants/snapshot";
import type { SimulatorHandle } from "../../simulator/server";
import { PEOPLE, noParams, request, sessionCookie, useEnv } from "../auth/support";
import { CLIENT_ID, CLIENT_SECRET, startSim, tempSqlite, type TempDb } from "./support/setup";

describe("sync and change-feed routes", () => {
  let sim: SimulatorHandle;
  let db: TempDb;
  let viewer: string;
  let admin: string;

  beforeAll(async () => {
    sim = await startSim({ tenants: 300 });
    db = tempSqlite();
    useEnv({
      QLIK_BASE_URL: sim.url,
      QLIK_CLIENT_ID: CLIENT_ID,
      QLIK_CLIENT_SECRET: CLIENT_SECRET,
      DATABASE_URL: db.url,
    });
    viewer = await sessionCookie(PEOPLE.viewer);
    admin = await sessionCookie(PEOPLE.admin);
    const first = await getSnapshot();
    sim.mutate({ op: "rename", id: first.tenants[0]!.id, name: "Renamed for the feed" });
    sim.mutate({ op: "rename", id: first.tenants[1]!.id, name: "Renamed again" });
    sim.mutate({ op: "disable", id: first.tenants[2]!.id });
    const res = await postSync(request("/api/sync", { method: "POST", cookie: admin }), noParams);
    expect(res.status).toBe(202);
    await new Promise<void>((resolve) => {
      const check = async () => {
        const body = (await (
          await getSync(request("/api/sync", { cookie: viewer }), noParams)
        ).json()) as {
          snapshot: { syncing: boolean };
          runs: { outcome: string }[];
        };
        if (!body.snapshot.syncing && body.runs[0]?.outcome !== "running") resolve();
        else setTimeout(check, 50);
      };
      void check();
    });
  });

  afterAll(async () => {
    await stopSnapshotSync();
    await resetQlikClientForTests();
    await (await getStorage()).close();
    setStorageForTests(null);
    await db.cleanup();
    await sim.close();
  });

  const changes = (query: string, cookie = viewer) =>
    getChanges(request(`/api/changes${query}`, { cookie }), noParams);

  it("needs a signed-in user", async () => {
    expect((await changes("", "")).status).toBe(401);
    expect((await getSync(request("/api/sync"), noParams)).status).toBe(401);
  });

  it("lists the change feed, newest first, filtered and paged", async () => {
    const res = await changes("");
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      changes: { kind: string; after: string }[];
      nextCursor: string | null;
    };
    expect(body.changes.map((c) => c.kind).sort()).toEqual([
      "renamed",
      "renamed",
      "status_changed",
    ]);
    expect(body.nextCursor).toBeNull();

    const renamed = (await (await changes("?kind=renamed&limit=1")).json()) as typeof body;
    expect(renamed.changes).toHaveLength(1);
    expect(renamed.nextCursor).not.toBeNull();
    const next = (await (
      await changes(`?kind=renamed&limit=1&cursor=${renamed.nextCursor}`)
    ).json()) as typeof body;
    expect(next.changes).toHaveLength(1);
    expect([renamed.changes[0]!.after, next.changes[0]!.after].sort()).toEqual([
      "Renamed again",
      "Renamed for the feed",
    ]);
    expect(next.nextCursor).toBeNull();

    const both = (await (
      await changes("?kind=renamed,status_changed&kind=added")
    ).json()) as typeof body;
    expect(both.changes).toHaveLength(3);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      ((await (await changes(`?from=${today}&to=${today}`)).json()) as typeof body).changes,
    ).toHaveLength(3);
    expect(((await (await changes("?to=2000-01-01")).json()) as typeof body).changes).toHaveLength(
      0,
    );
  });

  it.each([
    ["?kind=bogus", "kind"],
    ["?from=yesterday", "from"],
    ["?to=2026-02-30", "to"],
    ["?from=2026-02-02&to=2026-02-01", "from"],
    ["?limit=0", "limit"],
    ["?limit=abc", "limit"],
    ["?limit=501", "limit"],
    ["?tenant=a&tenant=b", "tenant"],
    ["?cursor=not-a-cursor", "cursor"],
    ["?color=blue", "color"],
  ])("answers 400 naming the parameter for %s", async (query, parameter) => {
    const res = await changes(query);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toContain(parameter);
  });

  it("shows the sync state and recent runs to viewers", async () => {
    const res = await getSync(request("/api/sync?limit=5", { cookie: viewer }), noParams);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      snapshot: { tenantCount: number; syncing: boolean; lastError: string | null };
      runs: { outcome: string; trigger?: string; instance?: string }[];
    };
    expect(body.snapshot).toMatchObject({ tenantCount: 300, syncing: false, lastError: null });
    expect(body.runs.map((r) => r.outcome)).toEqual(["success", "success"]);
    expect(body.runs[0]).not.toHaveProperty("instance");
    const bad = await getSync(request("/api/sync?limit=500", { cookie: viewer }), noParams);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("limit");
  });

  it("lets only admins refresh, and records who did", async () => {
    const denied = await postSync(
      request("/api/sync", { method: "POST", cookie: viewer }),
      noParams,
    );
    expect(denied.status).toBe(403);
    const res = await postSync(request("/api/sync", { method: "POST", cookie: admin }), noParams);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { started: boolean; run: { id: number; outcome: string } };
    expect(body.run.outcome).toBe("running");
    const audit = await (await getStorage()).listAudit({ action: "sync.refresh" });
    expect(audit.items[0]).toMatchObject({
      actor: PEOPLE.admin.email,
      details: { runId: body.run.id },
    });
  });
});
