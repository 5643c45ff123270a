// Demo drift seen through the app's own sync: two drift rounds on the simulator, one sync, and the
// change feed has the rename, the status change and the new tenant, while the snapshot shows the
// license brought to within 30 days and the deletion scheduled — what a first-time demo user sees.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Storage } from "@/lib/db/storage";
import type { QlikClient } from "@/lib/qlik";
import type { SnapshotHolder } from "@/lib/tenants/sync/snapshot-holder";
import type { SimulatorHandle } from "../../simulator/server";
import { simClient, startSim, tempSqlite, testHolder, type TempDb } from "./support/setup";

const DAY = 86_400_000;
let sim: SimulatorHandle;
let client: QlikClient;
let db: TempDb;
let storage: Storage;
let holder: SnapshotHolder<number>;

beforeAll(async () => {
  sim = await startSim();
  client = simClient(sim);
  db = tempSqlite();
  storage = await db.open();
  holder = testHolder(storage, client);
});
afterAll(async () => {
  await holder.stop();
  await client.close();
  await db.cleanup();
  await sim.close();
});

it("a sync after two drift rounds records every kind of drift", async () => {
  await holder.getSnapshot();
  const applied = [...sim.drift(), ...sim.drift()];
  const of = (op: string) => applied.find((m) => m.op === op)!;
  const refresh = await holder.refreshNow();
  expect((await refresh.done)?.outcome).toBe("success");

  const { items } = await storage.listChanges();
  const kinds = new Set(items.map((c) => `${c.kind}:${c.tenantId}`));
  const added = of("add");
  expect(added.op === "add" && kinds.has(`added:${added.tenant.id}`)).toBe(true);
  const renamed = of("rename");
  expect(renamed.op === "rename" && kinds.has(`renamed:${renamed.id}`)).toBe(true);
  const status = of("set-status");
  expect(status.op === "set-status" && kinds.has(`status_changed:${status.id}`)).toBe(true);

  const snapshot = await holder.getSnapshot();
  const byId = new Map(snapshot.tenants.map((t) => [t.id, t]));
  const license = of("set-license");
  const ends = Date.parse(byId.get(license.op === "set-license" ? license.id : "")!.licenseEndsAt!);
  expect(ends).toBeGreaterThan(Date.now());
  expect(ends).toBeLessThanOrEqual(Date.now() + 30 * DAY);
  const deletion = of("schedule-deletion");
  expect(
    byId.get(deletion.op === "schedule-deletion" ? deletion.id : "")!.deletionStartsAt,
  ).not.toBeNull();
});
