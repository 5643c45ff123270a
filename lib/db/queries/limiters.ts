import "server-only";
import { and, desc, eq, gt, lte, sql } from "drizzle-orm";
import { toIso, toMs } from "../rows";
import type { Storage } from "../types";
import type { QueryDb } from "./db";

// The counters behind the sign-in and share-link limiters (lib/auth/rate-limit.ts), kept here so
// that every instance counts the same failures: a person cannot get five tries per instance by
// landing on another one. Sliding windows are one row per failure (the limiter reads at most its
// limit of them); consecutive-failure streaks are one row per key, moved by one upsert so two
// instances failing the same key at once both count.

type LimiterMethods = Pick<
  Storage,
  | "recordLimiterFailure"
  | "listLimiterFailures"
  | "extendLimiterStreak"
  | "getLimiterStreak"
  | "resetLimiterKey"
  | "purgeLimiter"
>;

const now = (at: string | undefined) => (at ? toMs(at) : Date.now());

export function limiterQueries({ db, t }: QueryDb): LimiterMethods {
  const failures = t.limiterFailures;
  const streaks = t.limiterStreaks;
  return {
    async recordLimiterFailure({ scope, key, at }) {
      await db.insert(failures).values({ scope, key, at: now(at) });
    },

    async listLimiterFailures({ scope, key, since, limit }) {
      const rows = await db
        .select({ at: failures.at })
        .from(failures)
        .where(and(eq(failures.scope, scope), eq(failures.key, key), gt(failures.at, toMs(since))))
        .orderBy(desc(failures.at))
        .limit(limit);
      return rows.map((r) => toIso(r.at));
    },

    async extendLimiterStreak({ scope, key, at, forgetBefore }) {
      const when = now(at);
      const [row] = await db
        .insert(streaks)
        .values({ scope, key, failures: 1, lastAt: when })
        .onConflictDoUpdate({
          target: [streaks.scope, streaks.key],
          set: {
            failures: sql`case when ${streaks.lastAt} <= ${toMs(forgetBefore)} then 1 else ${streaks.failures} + 1 end`,
            lastAt: when,
          },
        })
        .returning({ failures: streaks.failures, lastAt: streaks.lastAt });
      return { failures: row!.failures, lastAt: toIso(row!.lastAt) };
    },

    async getLimiterStreak({ scope, key }) {
      const [row] = await db
        .select({ failures: streaks.failures, lastAt: streaks.lastAt })
        .from(streaks)
        .where(and(eq(streaks.scope, scope), eq(streaks.key, key)));
      return row ? { failures: row.failures, lastAt: toIso(row.lastAt) } : null;
    },

    async resetLimiterKey({ scope, key }) {
      await db.delete(failures).where(and(eq(failures.scope, scope), eq(failures.key, key)));
      await db.delete(streaks).where(and(eq(streaks.scope, scope), eq(streaks.key, key)));
    },

    async purgeLimiter({ scope, before }) {
      const cutoff = toMs(before);
      const gone = await db
        .delete(failures)
        .where(and(eq(failures.scope, scope), lte(failures.at, cutoff)))
        .returning({ id: failures.id });
      const ended = await db
        .delete(streaks)
        .where(and(eq(streaks.scope, scope), lte(streaks.lastAt, cutoff)))
        .returning({ key: streaks.key });
      return gone.length + ended.length;
    },
  };
}
