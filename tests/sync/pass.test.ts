// A full pass over the real simulator: the partitioned read returns exactly what a plain sequential
// read does, within the request budget, and falls back to one walk when a filter is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestStats, type QlikClient } from "@/lib/qlik";
import { readAllTenants } from "@/lib/tenants/sync/pass";
import type { Tenant } from "@/lib/tenants/types";
import type { SimulatorHandle } from "../../simulator/server";
import { makeTenant } from "../db/support/tenants";
import { byId, simClient, startSim } from "./support/setup";

describe("full pass", () => {
  let sim: SimulatorHandle;
  let client: QlikClient;
  beforeAll(async () => {
    sim = await startSim({ tenants: 3_000, subscriptions: 10 });
    client = simClient(sim);
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  const sequential = () => readAllTenants({ client, previous: null });

  it("reads every tenant in one walk on the first pass", async () => {
    const stats = createRequestStats();
    const result = await readAllTenants({ client, previous: null, stats });
    expect(result.mode).toBe("sequential");
    expect(result.tenants).toHaveLength(3_000);
    expect(new Set(result.tenants.map((t) => t.id)).size).toBe(3_000);
    expect(stats.requests).toBe(30);
  });

  it("reads the same tenants, with the same content, in parallel partitions", async () => {
    const base = await sequential();
    const stats = createRequestStats();
    const progress: number[] = [];
    const result = await readAllTenants({
      client,
      previous: base.tenants,
      stats,
      onProgress: (p) => progress.push(p.tenantsRead),
    });
    expect(result.mode).toBe("partitioned");
    expect(result.partitions).toBeGreaterThan(2);
    expect(byId(result.tenants)).toEqual(byId(base.tenants));
    expect(stats.requests).toBeLessThanOrEqual(30 + result.partitions);
    expect(stats.rateLimited).toBe(0);
    expect(progress.at(-1)).toBe(3_000);
  });

  it("still equals a sequential pass after tenants were added, moved, renamed and deleted", async () => {
    const before = await sequential();
    const [a, b, c, d] = before.tenants;
    sim.mutate({ op: "add", tenant: { name: "brand new", subscriptionId: "5555555555555555" } });
    sim.mutate({ op: "add", tenant: { name: "another new" } });
    sim.mutate({ op: "move", id: a!.id, subscriptionId: before.tenants.at(-1)!.subscriptionId! });
    sim.mutate({ op: "move", id: b!.id, regionCode: "sa-east-1" });
    sim.mutate({ op: "rename", id: c!.id, name: "renamed" });
    sim.mutate({ op: "delete", id: d!.id });
    const partitioned = await readAllTenants({ client, previous: before.tenants });
    const plain = await sequential();
    expect(partitioned.mode).toBe("partitioned");
    expect(byId(partitioned.tenants)).toEqual(byId(plain.tenants));
    expect(byId(partitioned.tenants).get(d!.id)).toBeUndefined();
    expect(partitioned.tenants.some((t) => t.subscriptionId === "5555555555555555")).toBe(true);
  });

  it("falls back to one walk when Qlik refuses a partition filter", async () => {
    const base = await sequential();
    // A subscription the organization does not own: the simulator answers 403, like Qlik.
    const previous = base.tenants.map((t, i) =>
      i < 400 ? { ...t, subscriptionId: "1234123412341234" } : t,
    );
    const result = await readAllTenants({ client, previous });
    expect(result.mode).toBe("sequential");
    expect(result.fallback).toMatch(/permission|organization/i);
    expect(byId(result.tenants)).toEqual(byId(base.tenants));
  });
});

describe("tenants missing after a partitioned pass", () => {
  // A client whose walks never return tenant 0 (as if it moved between two walks mid-pass).
  function fakeClient(all: Tenant[], lookup: Tenant | null): QlikClient & { lookups: string[] } {
    const lookups: string[] = [];
    const client = {
      lookups,
      async *listTenants(options: { filter?: unknown } = {}) {
        const rest = String(options.filter ?? "").startsWith("not");
        const tenants = rest ? all.filter((t) => t.id !== all[0]!.id) : [];
        yield { tenants, totalResults: tenants.length, index: 0 };
      },
      async getTenant(id: string) {
        lookups.push(id);
        return lookup;
      },
    };
    return client as unknown as QlikClient & { lookups: string[] };
  }
  const previous = Array.from({ length: 600 }, (_, i) => makeTenant(i, { subscriptionId: null }));
  // One subscription so the plan has a walk besides "rest".
  previous[599] = makeTenant(599, { subscriptionId: "1111111111111111" });

  it("keeps a tenant that moved to another subscription", async () => {
    const moved = { ...previous[0]!, subscriptionId: "2222222222222222" };
    const client = fakeClient([moved, ...previous.slice(1)], moved);
    const result = await readAllTenants({ client, previous });
    expect(client.lookups).toEqual([previous[0]!.id]);
    expect(byId(result.tenants).get(moved.id)).toEqual(moved);
  });

  it("leaves out a tenant that is gone or that the listing itself leaves out", async () => {
    for (const lookup of [null, previous[0]!]) {
      const client = fakeClient(previous, lookup);
      const result = await readAllTenants({ client, previous });
      expect(byId(result.tenants).has(previous[0]!.id)).toBe(false);
    }
  });
});
