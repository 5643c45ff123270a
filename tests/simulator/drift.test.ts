// Demo drift (`driftEverySeconds` / `--drift-every`): between two syncs a few tenants change the way
// the admin mutation endpoint changes them — deterministic from the seed, every kind within two
// rounds, dates counted from the real clock so the app's time-based views pick them up.
import { afterEach, describe, expect, it } from "vitest";
import { CliError, parseCli } from "../../simulator/cli-args";
import { generateDataset } from "../../simulator/data/generate";
import { createDrift, DRIFT_KINDS, type DriftChange } from "../../simulator/drift";
import { OptionsError, type SimulatorHandle, type Tenant } from "../../simulator/server";
import { TenantStore } from "../../simulator/store";
import { parseMutation } from "../../simulator/mutations";
import { admin, api, startTestSimulator } from "./support/sim";

const DAY = 86_400_000;
const NOW = Date.parse("2026-12-05T12:00:00.000Z");

function driftOn(seed: number) {
  const data = generateDataset({ tenants: 200, subscriptions: 5, seed: 3 });
  const store = new TenantStore(
    data.tenants,
    data.subscriptions.map((s) => s.id),
    3,
  );
  const drift = createDrift(
    {
      tenants: () => store.all().map((r) => r.data),
      subscriptions: () => store.subscriptions(),
      mutate: (m) => {
        const parsed = parseMutation(m);
        if (!parsed.ok) throw new Error(parsed.message);
        store.apply(parsed.mutation);
      },
    },
    seed,
    () => NOW,
  );
  return { store, drift };
}

const byId = (store: TenantStore, id: string) => store.get(id)?.data;

describe("createDrift", () => {
  it("applies every kind within two rounds, a few changes per round, with the expected effects", () => {
    const { store, drift } = driftOn(1);
    const before = new Map(store.all().map((r) => [r.id, r.data]));
    const changes: DriftChange[] = [...drift.round(), ...drift.round()];
    expect(changes).toHaveLength(6);
    expect(new Set(changes.map((c) => c.kind))).toEqual(new Set(DRIFT_KINDS));

    for (const { kind, mutation } of changes) {
      if (mutation.op === "add") {
        expect(kind).toBe("add");
        const added = byId(store, mutation.tenant.id as string);
        expect(added).toMatchObject({ status: "active", name: mutation.tenant.name });
        expect(before.has(added!.id)).toBe(false);
        continue;
      }
      const old = before.get(mutation.id)!;
      const now = byId(store, mutation.id)!;
      expect(Date.parse(now.updatedAt)).toBeGreaterThan(Date.parse(old.updatedAt));
      switch (kind) {
        case "rename":
          expect(now.name).not.toBe(old.name);
          break;
        case "status":
          expect(old.status === "active" ? "disabled" : "active").toBe(now.status);
          break;
        case "license": {
          const ends = Date.parse(now.licenseEndsAt!);
          expect(ends).toBeGreaterThan(NOW);
          expect(ends).toBeLessThanOrEqual(NOW + 30 * DAY);
          expect(
            old.licenseEndsAt === undefined || Date.parse(old.licenseEndsAt) > NOW + 30 * DAY,
          ).toBe(true);
          break;
        }
        case "deletion": {
          expect(old.deletionStartsAt).toBeUndefined();
          const starts = Date.parse(now.deletionStartsAt!);
          expect(starts).toBeGreaterThan(NOW);
          expect(starts).toBeLessThanOrEqual(NOW + 30 * DAY);
          break;
        }
      }
    }
    // A round never changes one tenant twice.
    for (const round of [changes.slice(0, 3), changes.slice(3)]) {
      const ids = round.map((c) => ("id" in c.mutation ? c.mutation.id : c.mutation.tenant.id));
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("is deterministic: the same data and seed drift the same way; another seed differently", () => {
    const rounds = (seed: number) => {
      const { drift } = driftOn(seed);
      return [drift.round(), drift.round(), drift.round()];
    };
    expect(rounds(7)).toEqual(rounds(7));
    expect(rounds(8)).not.toEqual(rounds(7));
  });
});

describe("the simulator's drift", () => {
  let sim: SimulatorHandle | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it("is off by default: the data stays as generated", async () => {
    sim = await startTestSimulator({ tenants: 50 });
    const before = sim.tenants();
    await new Promise((r) => setTimeout(r, 400));
    expect(sim.tenants()).toEqual(before);
  });

  it("with driftEverySeconds, changes tenants on a timer, seen through the public API", async () => {
    sim = await startTestSimulator({ tenants: 50, driftEverySeconds: 0.2 });
    const client = await api(sim);
    const before = (await client.get("/api/core/tenants?limit=100")).body.data as Tenant[];
    expect(before).toHaveLength(50);
    await expect
      .poll(
        async () => {
          const now = (await client.get("/api/core/tenants?limit=100")).body.data as Tenant[];
          const old = new Map(before.map((t) => [t.id, t.updatedAt]));
          return now.filter((t) => old.get(t.id) !== t.updatedAt).length;
        },
        { timeout: 5_000, interval: 100 },
      )
      .toBeGreaterThanOrEqual(3);
  });

  it("POST /__sim/drift applies one round and answers it", async () => {
    sim = await startTestSimulator({ tenants: 50, admin: true });
    const res = await admin(sim, "/__sim/drift", {});
    expect(res.status).toBe(200);
    const applied = res.body.applied as { op: string }[];
    expect(applied.map((m) => m.op)).toEqual(["rename", "set-status", "set-license"]);
    const second = await admin(sim, "/__sim/drift", {});
    expect((second.body.applied as { op: string }[]).map((m) => m.op)).toEqual([
      "add",
      "schedule-deletion",
      "rename",
    ]);
    expect(sim.tenants()).toHaveLength(51);
  });

  it("refuses a bad period", async () => {
    await expect(startTestSimulator({ driftEverySeconds: -1 })).rejects.toThrow(OptionsError);
    await expect(startTestSimulator({ driftEverySeconds: 0.01 })).rejects.toThrow(
      /driftEverySeconds/,
    );
  });
});

describe("--drift-every / SIM_DRIFT_EVERY_SECONDS", () => {
  it("sets driftEverySeconds; the flag wins over the variable; 0 turns it off", () => {
    expect(parseCli(["--drift-every", "75"], {}).options.driftEverySeconds).toBe(75);
    expect(parseCli([], { SIM_DRIFT_EVERY_SECONDS: "60" }).options.driftEverySeconds).toBe(60);
    expect(
      parseCli(["--drift-every", "0"], { SIM_DRIFT_EVERY_SECONDS: "60" }).options.driftEverySeconds,
    ).toBe(0);
    expect(parseCli([], {}).options.driftEverySeconds).toBeUndefined();
  });

  it("names the flag when the value is bad", () => {
    expect(() => parseCli(["--drift-every", "soon"], {})).toThrow(CliError);
    expect(() => parseCli(["--drift-every=-5"], {})).toThrow(/--drift-every must be 0/);
    expect(() => parseCli([], { SIM_DRIFT_EVERY_SECONDS: "999999" })).toThrow(
      /SIM_DRIFT_EVERY_SECONDS/,
    );
  });
});
