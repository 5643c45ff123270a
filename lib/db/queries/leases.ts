import "server-only";
import { and, eq, lte, or } from "drizzle-orm";
import { toIso } from "../rows";
import type { Storage } from "../types";
import type { QueryDb } from "./db";

// Named leases (today only "sync": one instance syncs at a time). Taking one is a single upsert,
// so of several instances racing for a free lease exactly one gets it.

type LeaseMethods = Pick<Storage, "acquireLease" | "releaseLease" | "getLease">;

export function leaseQueries({ db, t }: QueryDb): LeaseMethods {
  const leases = t.leases;
  return {
    async acquireLease(name, holder, ttlMs, options = {}) {
      const now = Date.now();
      const taken = await db
        .insert(leases)
        .values({ name, holder, expiresAt: now + ttlMs })
        .onConflictDoUpdate({
          target: leases.name,
          set: { holder, expiresAt: now + ttlMs },
          // Free (expired), a renewal, or a takeover from a holder known to be dead.
          setWhere: or(
            lte(leases.expiresAt, now),
            eq(leases.holder, holder),
            eq(leases.holder, options.takeOverFrom ?? holder),
          ),
        })
        .returning({ holder: leases.holder });
      return taken.length === 1;
    },

    async releaseLease(name, holder) {
      await db.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder)));
    },

    async getLease(name) {
      const [row] = await db.select().from(leases).where(eq(leases.name, name));
      return row ? { name: row.name, holder: row.holder, expiresAt: toIso(row.expiresAt) } : null;
    },
  };
}

/**
 * What replaceSnapshot rejects with when its writer no longer holds `lease` (each dialect checks
 * it inside its own transaction). Recognised by its name: the class may exist once per bundle.
 */
export function leaseLostError(lease: { name: string; holder: string }, holder: string | null) {
  const error = new Error(
    `the "${lease.name}" lease is held by ${holder ?? "nobody"}, no longer by ${lease.holder}`,
  );
  error.name = "LeaseLostError";
  return error;
}
