// The sync end to end on PostgreSQL (several app instances share one database): a first snapshot,
// a change, a failed pass that keeps the snapshot, and a second instance that only loads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "@/lib/db/storage";
import type { QlikClient } from "@/lib/qlik";
import type { SimulatorHandle } from "../../simulator/server";
import { postgresDatabase, postgresUnavailableReason } from "../db/support/databases";
import { byId, simClient, startSim, testHolder, until } from "./support/setup";

const skipReason = await postgresUnavailableReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)("snapshot sync on PostgreSQL", () => {
  const db = postgresDatabase();
  let sim: SimulatorHandle;
  let client: QlikClient;
  let storage: Storage;
  beforeAll(async () => {
    sim = await startSim({ tenants: 800 });
    client = simClient(sim);
    storage = await db.open();
  });
  afterAll(async () => {
    await client.close();
    await db.cleanup();
    await sim.close();
  });

  it("syncs, records changes, keeps the snapshot on failure and shares it between instances", async () => {
    const a = testHolder(storage, client, { instance: "host-a:1:a" });
    const b = testHolder(await db.openAgain(), client, { instance: "host-b:1:b" });
    try {
      const first = await a.getSnapshot();
      expect(first.tenants).toHaveLength(800);
      expect((await b.getSnapshot()).id).toBe(first.id);

      const target = first.tenants[5]!;
      sim.mutate({ op: "rename", id: target.id, name: "Renamed on PostgreSQL" });
      expect((await (await a.refreshNow()).done)?.outcome).toBe("success");
      const { items } = await storage.listChanges();
      expect(items.map((c) => [c.kind, c.tenantId, c.after])).toEqual([
        ["renamed", target.id, "Renamed on PostgreSQL"],
      ]);
      await until(async () => (await b.getSnapshot()).id !== first.id);
      expect(byId((await b.getSnapshot()).tenants).get(target.id)?.name).toBe(
        "Renamed on PostgreSQL",
      );

      const good = await a.getSnapshot();
      sim.setFaults({ failRequests: { afterPages: 2, status: 500 } });
      const failed = await (await b.refreshNow()).done;
      sim.setFaults({ failRequests: null });
      expect(failed).toMatchObject({ outcome: "failed" });
      expect(failed?.error).toMatch(/server errors/);
      expect((await storage.getCurrentSnapshotMeta())?.id).toBe(good.id);
      expect((await a.getSnapshot()).id).toBe(good.id);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
