// Demo drift: the organization changes a little between two syncs, as a real one does, so the
// change feed and alerts have something to show. Each round applies DRIFT_CHANGES_PER_ROUND
// changes, taking the kinds in turn (every kind happens within two rounds): a rename, a status
// change, a license brought to within 30 days of its end, a new tenant, a deletion scheduled.
// Choices come from a stream seeded by the simulator's seed, so the same data and seed drift the
// same way; dates are counted from the real clock, since that is where the app's "license ends
// within 30 days" looks. Mutations go through the same path as POST /__sim/tenants.
import { REGIONS } from "../lib/regions";
import { COMPANIES, ENVIRONMENTS, UNITS } from "./data/names";
import { createRng } from "./data/random";
import type { Mutation, TenantData } from "./types";

export const DRIFT_KINDS = ["rename", "status", "license", "add", "deletion"] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];
export const DRIFT_CHANGES_PER_ROUND = 3;
/** A license brought near its end ends this many days from now (inclusive range). */
export const DRIFT_LICENSE_DAYS = [5, 28] as const;
/** A scheduled deletion starts this many days from now (inclusive range). */
export const DRIFT_DELETION_DAYS = [7, 30] as const;

export interface DriftTarget {
  /** Live tenants, in a stable order. */
  tenants(): readonly TenantData[];
  subscriptions(): readonly string[];
  /** Applies a mutation the way POST /__sim/tenants does; throws on a data problem. */
  mutate(mutation: Mutation): void;
}

export interface DriftChange {
  kind: DriftKind;
  mutation: Mutation;
}

const DAY = 86_400_000;
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export interface Drift {
  /** One round: applies the next changes and answers them (fewer when nothing fits a kind). */
  round(): DriftChange[];
}

export function createDrift(target: DriftTarget, seed: number, now = () => Date.now()): Drift {
  const rng = createRng(seed, "drift");
  let next = 0;

  const pick = (
    tenants: readonly TenantData[],
    used: Set<string>,
    ok: (t: TenantData) => boolean,
  ) => {
    const candidates = tenants.filter((t) => !used.has(t.id) && ok(t));
    return candidates.length ? rng.pick(candidates) : undefined;
  };
  const newName = (old?: string) => {
    for (;;) {
      const name = `${rng.pick(COMPANIES)} ${rng.pick(UNITS)} — ${rng.pick(ENVIRONMENTS)}`;
      if (name !== old) return name;
    }
  };
  const endOfDayIn = (days: number) =>
    new Date((Math.floor(now() / DAY) + days) * DAY + DAY - 1).toISOString();

  function plan(
    kind: DriftKind,
    tenants: readonly TenantData[],
    used: Set<string>,
  ): Mutation | null {
    switch (kind) {
      case "rename": {
        const t = pick(tenants, used, (x) => x.status === "active" && x.name !== undefined);
        return t ? { op: "rename", id: t.id, name: newName(t.name) } : null;
      }
      case "status": {
        const t = pick(tenants, used, (x) => x.status === "active" || x.status === "disabled");
        if (!t) return null;
        return {
          op: "set-status",
          id: t.id,
          status: t.status === "active" ? "disabled" : "active",
        };
      }
      case "license": {
        const soon = now() + 30 * DAY;
        const t = pick(
          tenants,
          used,
          (x) =>
            x.status === "active" &&
            (x.licenseEndsAt === undefined || Date.parse(x.licenseEndsAt) > soon),
        );
        if (!t) return null;
        const days = rng.int(DRIFT_LICENSE_DAYS[0], DRIFT_LICENSE_DAYS[1]);
        return { op: "set-license", id: t.id, licenseEndsAt: endOfDayIn(days) };
      }
      case "add": {
        const subscriptions = target.subscriptions();
        const region = rng.pick(REGIONS);
        return {
          op: "add",
          tenant: {
            id: rng.chars(32, ID_ALPHABET),
            name: newName(),
            regionCode: region.code,
            createdBy: rng.chars(32, ID_ALPHABET),
            ...(subscriptions.length ? { subscriptionId: rng.pick(subscriptions) } : {}),
          },
        };
      }
      case "deletion": {
        const t = pick(
          tenants,
          used,
          (x) => x.status === "active" && x.deletionStartsAt === undefined,
        );
        if (!t) return null;
        const days = rng.int(DRIFT_DELETION_DAYS[0], DRIFT_DELETION_DAYS[1]);
        return {
          op: "schedule-deletion",
          id: t.id,
          deletionStartsAt: new Date(now() + days * DAY).toISOString(),
        };
      }
    }
  }

  return {
    round() {
      const tenants = target.tenants();
      const used = new Set<string>();
      const applied: DriftChange[] = [];
      for (let i = 0; i < DRIFT_CHANGES_PER_ROUND; i++) {
        const kind = DRIFT_KINDS[next % DRIFT_KINDS.length] as DriftKind;
        next++;
        const mutation = plan(kind, tenants, used);
        if (!mutation) continue;
        try {
          target.mutate(mutation);
        } catch {
          continue; // e.g. a clashing id: skip this change, the next round brings others
        }
        if ("id" in mutation) used.add(mutation.id);
        applied.push({ kind, mutation });
      }
      return applied;
    },
  };
}
