// Shared set-up for the sync tests: a simulator on a free port, a Qlik client with fast retries
// against it, a fresh SQLite database, and snapshot holders wired to both.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openStorage, type Storage } from "@/lib/db/storage";
import { createQlikClient, type QlikClient, type QlikClientOptions } from "@/lib/qlik";
import { SnapshotHolder, type SnapshotHolderOptions } from "@/lib/tenants/sync/snapshot-holder";
import type { Tenant } from "@/lib/tenants/types";
import {
  startSimulator,
  type SimulatorHandle,
  type SimulatorOptions,
  type Tenant as SimTenant,
} from "../../../simulator/server";
import {
  CHILD_CLIENT_ID as CLIENT_ID,
  CHILD_CLIENT_SECRET as CLIENT_SECRET,
  silentLogger,
} from "./child-support";

export { CLIENT_ID, CLIENT_SECRET, silentLogger };

export function startSim(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  return startSimulator({
    port: 0,
    tenants: 1_200,
    subscriptions: 8,
    seed: 11,
    admin: true,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...opts,
  });
}

export function simClient(
  sim: SimulatorHandle,
  overrides: Partial<QlikClientOptions> = {},
): QlikClient {
  return createQlikClient({
    baseUrl: sim.url,
    credentials: () => ({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
    timeouts: { connectMs: 1_000, requestMs: 2_000 },
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, rateLimitFallbackMs: 50 },
    limits: { maxRetryAfterMs: 5_000 },
    ...overrides,
  });
}

export interface TempDb {
  url: string;
  dir: string;
  open(): Promise<Storage>;
  cleanup(): Promise<void>;
}

export function tempSqlite(): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-sync-"));
  const url = `file:${path.join(dir, "atlas.db")}`;
  const opened: Storage[] = [];
  return {
    url,
    dir,
    async open() {
      const storage = await openStorage({ url });
      opened.push(storage);
      return storage;
    },
    async cleanup() {
      for (const s of opened.splice(0)) await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A holder for tests: short polls, the index is the tenant count. */
export function testHolder(
  storage: Storage,
  client: QlikClient,
  overrides: Partial<SnapshotHolderOptions<number>> = {},
): SnapshotHolder<number> {
  return new SnapshotHolder<number>({
    storage: async () => storage,
    client: () => client,
    buildIndex: (tenants) => tenants.length,
    intervalMs: 60 * 60_000,
    pollMs: 50,
    heartbeatMs: 50,
    logger: silentLogger,
    ...overrides,
  });
}

/** The simulator's tenants in our shape, for comparing with a snapshot. */
export function expectedTenants(sim: SimulatorHandle): Map<string, Partial<Tenant>> {
  return new Map(
    sim.tenants().map((t: SimTenant) => [
      t.id,
      {
        id: t.id,
        name: t.name ?? "",
        status: t.status,
        hostnames: t.hostnames,
        regionCode: t.regionCode,
        subscriptionId: t.subscriptionId ?? null,
      },
    ]),
  );
}

export const byId = (tenants: readonly Tenant[]) => new Map(tenants.map((t) => [t.id, t]));

export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
