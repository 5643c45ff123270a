// A server process killed (SIGKILL) in the middle of a pass: the last good snapshot is still
// served, and the run it left "running" is recorded as interrupted when the next pass starts.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "@/lib/db/storage";
import type { SimulatorHandle } from "../../simulator/server";
import {
  byId,
  simClient,
  startSim,
  tempSqlite,
  testHolder,
  until,
  type TempDb,
} from "./support/setup";

const ROOT = path.resolve(__dirname, "../..");

function startChild(dbUrl: string, simUrl: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      "tests/sync/support/child-sync.ts",
      dbUrl,
      simUrl,
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
}

describe("a server killed midway through a pass", () => {
  let sim: SimulatorHandle;
  let db: TempDb;
  let storage: Storage;
  beforeAll(async () => {
    sim = await startSim();
    db = tempSqlite();
    storage = await db.open();
  });
  afterAll(async () => {
    await db.cleanup();
    await sim.close();
  });

  it("leaves the last good snapshot serving and its run recorded as interrupted", async () => {
    const client = simClient(sim);
    const first = testHolder(storage, client);
    const good = await first.getSnapshot();
    await first.stop();

    sim.setFaults({ latencyMs: 150 });
    sim.mutate({ op: "rename", id: good.tenants[0]!.id, name: "renamed while dying" });
    const child = startChild(db.url, sim.url);
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    try {
      await until(async () => {
        if (child.exitCode !== null) throw new Error(`child exited early: ${stderr}`);
        const running = await storage.getRunningSyncRun();
        return (running?.tenantsRead ?? 0) > 0;
      }, 20_000);
    } finally {
      child.kill("SIGKILL");
    }
    await exited;
    const orphan = (await storage.getRunningSyncRun())!;
    expect(orphan.outcome).toBe("running");
    expect(orphan.tenantsRead).toBeLessThan(good.tenants.length);

    // A new process: serves the stored snapshot at once, untouched by the killed pass.
    sim.setFaults({ latencyMs: 0 });
    const restarted = testHolder(storage, client);
    const served = await restarted.getSnapshot({ waitMs: 0 });
    expect(served.id).toBe(good.id);
    expect(byId(served.tenants)).toEqual(byId(good.tenants));

    // The start recorded the dead process's run as interrupted.
    const interrupted = await storage.getSyncRun(orphan.id);
    expect(interrupted).toMatchObject({ outcome: "failed" });
    expect(interrupted?.error).toMatch(/^Interrupted/);
    expect(interrupted?.finishedAt).not.toBeNull();
    expect(interrupted?.requests).toBeGreaterThan(0);
    expect(restarted.getSnapshotInfo()).toMatchObject({
      syncing: false,
      lastError: interrupted?.error,
    });

    // The next pass takes over the dead process's lease without waiting for it to expire.
    const refresh = await restarted.refreshNow();
    expect(refresh.started).toBe(true);
    expect((await refresh.done)?.outcome).toBe("success");
    const latest = await restarted.getSnapshot();
    expect(byId(latest.tenants).get(good.tenants[0]!.id)?.name).toBe("renamed while dying");
    await restarted.stop();
    await client.close();
  });
});
