// A second instance on PostgreSQL switching to a snapshot another instance installed: at once when
// notified (its own polling is an hour away), and within 5 s by polling while notifications are
// not arriving.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "@/lib/db/storage";
import type { QlikClient } from "@/lib/qlik";
import type { SimulatorHandle } from "../../simulator/server";
import { postgresDatabase, postgresUnavailableReason } from "../db/support/databases";
import { simClient, startSim, testHolder, until } from "./support/setup";

const skipReason = await postgresUnavailableReason();
if (skipReason) console.warn(skipReason);

const HOUR = 60 * 60_000;

describe.skipIf(skipReason !== null)("another instance's new snapshot", () => {
  const db = postgresDatabase();
  let sim: SimulatorHandle;
  let client: QlikClient;
  let storage: Storage;
  beforeAll(async () => {
    sim = await startSim({ tenants: 300 });
    client = simClient(sim);
    storage = await db.open();
  });
  afterAll(async () => {
    await client.close();
    await db.cleanup();
    await sim.close();
  });

  /** Renames a tenant upstream, syncs on `writer`, and resolves when `reader` serves the result. */
  async function switchTime(
    writer: ReturnType<typeof testHolder>,
    reader: ReturnType<typeof testHolder>,
  ) {
    const before = await reader.getSnapshot();
    sim.mutate({ op: "rename", id: before.tenants[0]!.id, name: `renamed ${Date.now()}` });
    const run = await (await writer.refreshNow()).done;
    expect(run?.outcome).toBe("success");
    const installed = Date.now();
    await until(async () => (await reader.getSnapshot()).id !== before.id, 10_000);
    return Date.now() - installed;
  }

  it("switches as soon as it is notified", async () => {
    const a = testHolder(storage, client, { instance: "host-a:1:a", pollMs: HOUR });
    const b = testHolder(await db.openAgain(), client, { instance: "host-b:1:b", pollMs: HOUR });
    try {
      await a.getSnapshot();
      await until(async () => (await b.getSnapshot({ waitMs: 0 }).catch(() => null)) !== null);
      await new Promise((r) => setTimeout(r, 300)); // b's listener connected
      expect(await switchTime(a, b)).toBeLessThan(1_000);
      expect(await switchTime(b, a)).toBeLessThan(1_000);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it("switches within 5 s by polling while notifications do not arrive", async () => {
    const a = testHolder(storage, client, { instance: "host-a:1:a", pollMs: HOUR });
    const other = await db.openAgain();
    // A listener that never connects: the holder is told notifications are not arriving.
    const deaf: Storage = {
      ...other,
      watchSnapshots: (handlers) => {
        setImmediate(() => handlers.onListening?.(false));
        return { close: async () => {} };
      },
    };
    const b = testHolder(deaf, client, { instance: "host-b:1:b", pollMs: HOUR });
    try {
      await a.getSnapshot();
      await b.start();
      await b.getSnapshot();
      expect(await switchTime(a, b)).toBeLessThan(5_000);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
