// Failed attempts (sign-ins, share-link lookups), counted per key. AttemptLimiter (a hard limit in
// a sliding window) and DelayTracker (a delay that grows with consecutive failures) are the seams,
// each in two versions: in memory (one process; what the unit tests drive with a fake clock) and
// in the database (createStorageLimiter, createStorageDelayTracker), which the app uses so that
// every instance sharing a database counts the same failures. A database that does not answer
// does not open the gate: the database-backed ones then count in this process's memory until it
// answers again.
import type { Storage } from "@/lib/db/types";

export interface AttemptLimiter {
  /** When `key` may try again (epoch ms), or null if it may try now. */
  blockedUntil(key: string): Promise<number | null>;
  recordFailure(key: string): Promise<void>;
  /** Forget `key`'s failures (after a successful sign-in). */
  reset(key: string): Promise<void>;
}

export type LimiterOptions = {
  /** Failures allowed within `windowMs`; the next attempt after that many is refused. */
  maxFailures: number;
  windowMs: number;
  now?: () => number;
  /** Bound on remembered keys so a flood of made-up keys cannot grow memory without end. */
  maxKeys?: number;
};

/** How many of the least recently failed keys are searched for one that is not blocked. */
const EVICTION_SCAN = 64;

export function createMemoryLimiter({
  maxFailures,
  windowMs,
  now = Date.now,
  maxKeys = 10_000,
}: LimiterOptions): AttemptLimiter {
  const failures = new Map<string, number[]>();

  const recent = (key: string): number[] => {
    const cutoff = now() - windowMs;
    const kept = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length > 0) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  };

  // Over the bound, a key that is not blocked goes first, so a flood of new keys does not lift a
  // block early; only when the oldest keys are all blocked does the oldest go.
  const evictOne = () => {
    let scanned = 0;
    for (const key of failures.keys()) {
      if (recent(key).length < maxFailures) {
        failures.delete(key);
        return;
      }
      if (++scanned >= EVICTION_SCAN) break;
    }
    const oldest = failures.keys().next().value;
    if (oldest !== undefined) failures.delete(oldest);
  };

  return {
    async blockedUntil(key) {
      const times = recent(key);
      if (times.length < maxFailures) return null;
      // Allowed again once enough of the failures have left the window.
      const oldestThatMatters = times[times.length - maxFailures] ?? now();
      return oldestThatMatters + windowMs;
    },
    async recordFailure(key) {
      const times = recent(key);
      failures.delete(key); // re-insert so Map order stays least-recently-failed first
      failures.set(key, [...times, now()]);
      while (failures.size > maxKeys) evictOne();
    },
    async reset(key) {
      failures.delete(key);
    },
  };
}

export interface DelayTracker {
  /** How long (ms) the next attempt for `key` waits before its password is checked. */
  delayFor(key: string): Promise<number>;
  recordFailure(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export type DelayOptions = {
  /** Consecutive failures after which the next attempt still has no delay (typos). */
  freeFailures: number;
  /** The delay of the attempt after those; it doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key's failures are forgotten this long after its last one. */
  forgetAfterMs: number;
  now?: () => number;
  maxKeys?: number;
};

export function createDelayTracker({
  freeFailures,
  baseDelayMs,
  maxDelayMs,
  forgetAfterMs,
  now = Date.now,
  maxKeys = 10_000,
}: DelayOptions): DelayTracker {
  const state = new Map<string, { failures: number; last: number }>();

  const current = (key: string) => {
    const entry = state.get(key);
    if (entry && now() - entry.last > forgetAfterMs) {
      state.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    async delayFor(key) {
      return delayAfter(current(key)?.failures ?? 0, { freeFailures, baseDelayMs, maxDelayMs });
    },
    async recordFailure(key) {
      const failures = (current(key)?.failures ?? 0) + 1;
      state.delete(key);
      state.set(key, { failures, last: now() });
      while (state.size > maxKeys) {
        const oldest = state.keys().next().value;
        if (oldest === undefined) break;
        state.delete(oldest);
      }
    },
    async reset(key) {
      state.delete(key);
    },
  };
}

/** The delay before the next attempt after `failures` consecutive failures. */
function delayAfter(
  failures: number,
  {
    freeFailures,
    baseDelayMs,
    maxDelayMs,
  }: Pick<DelayOptions, "freeFailures" | "baseDelayMs" | "maxDelayMs">,
): number {
  const beyond = failures - freeFailures;
  if (beyond < 0) return 0;
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(beyond, 30));
}

/** The storage methods the database-backed limiters use (lib/db/queries/limiters.ts). */
export type LimiterStore = Pick<
  Storage,
  | "recordLimiterFailure"
  | "listLimiterFailures"
  | "extendLimiterStreak"
  | "getLimiterStreak"
  | "resetLimiterKey"
  | "purgeLimiter"
>;

export type StoredLimiterOptions = {
  /** Names this limiter's rows; each limiter needs its own. */
  scope: string;
  store: () => Promise<LimiterStore>;
  /** Told when the database failed (the call was answered from memory instead). */
  onStoreError?: (error: unknown) => void;
};

/** How often a limiter deletes its expired rows (from one instance; any instance may). */
const PURGE_EVERY_MS = 60_000;

/**
 * Runs `fn` on the store, or `fallback` when the store fails; every instance's memory fallback is
 * its own, so the limits hold per instance while the database is away.
 */
function storeOrMemory(options: StoredLimiterOptions) {
  return async <T>(fn: (store: LimiterStore) => Promise<T>, fallback: () => Promise<T>) => {
    try {
      return await fn(await options.store());
    } catch (error) {
      options.onStoreError?.(error);
      return fallback();
    }
  };
}

function purger(options: StoredLimiterOptions, now: () => number, keepMs: number) {
  let last = 0;
  return (store: LimiterStore) => {
    if (now() - last < PURGE_EVERY_MS) return;
    last = now();
    const before = new Date(last - keepMs).toISOString();
    store.purgeLimiter({ scope: options.scope, before }).catch(options.onStoreError ?? (() => {}));
  };
}

/** createMemoryLimiter's rules, counted in the database: the same for every instance. */
export function createStorageLimiter(
  options: LimiterOptions & StoredLimiterOptions,
): AttemptLimiter {
  const { scope, maxFailures, windowMs, now = Date.now } = options;
  const memory = createMemoryLimiter(options);
  const attempt = storeOrMemory(options);
  const purge = purger(options, now, windowMs);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    blockedUntil: (key) =>
      attempt(
        async (store) => {
          const since = iso(now() - windowMs);
          const times = await store.listLimiterFailures({ scope, key, since, limit: maxFailures });
          const oldestThatMatters = times[maxFailures - 1];
          return oldestThatMatters === undefined ? null : Date.parse(oldestThatMatters) + windowMs;
        },
        () => memory.blockedUntil(key),
      ),
    recordFailure: (key) =>
      attempt(
        async (store) => {
          await store.recordLimiterFailure({ scope, key, at: iso(now()) });
          purge(store);
        },
        () => memory.recordFailure(key),
      ),
    reset: (key) =>
      attempt(
        (store) => store.resetLimiterKey({ scope, key }),
        () => memory.reset(key),
      ),
  };
}

/** createDelayTracker's rules, counted in the database: the same for every instance. */
export function createStorageDelayTracker(
  options: DelayOptions & StoredLimiterOptions,
): DelayTracker {
  const { scope, forgetAfterMs, now = Date.now } = options;
  const memory = createDelayTracker(options);
  const attempt = storeOrMemory(options);
  const purge = purger(options, now, forgetAfterMs);
  return {
    delayFor: (key) =>
      attempt(
        async (store) => {
          const streak = await store.getLimiterStreak({ scope, key });
          const live = streak && now() - Date.parse(streak.lastAt) <= forgetAfterMs;
          return delayAfter(live ? streak.failures : 0, options);
        },
        () => memory.delayFor(key),
      ),
    recordFailure: (key) =>
      attempt(
        async (store) => {
          const at = now();
          await store.extendLimiterStreak({
            scope,
            key,
            at: new Date(at).toISOString(),
            // Forgotten when more than forgetAfterMs old, as in memory.
            forgetBefore: new Date(at - forgetAfterMs - 1).toISOString(),
          });
          purge(store);
        },
        () => memory.recordFailure(key),
      ),
    reset: (key) =>
      attempt(
        (store) => store.resetLimiterKey({ scope, key }),
        () => memory.reset(key),
      ),
  };
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/**
 * The local admin sign-in's limits. Per (email, client address): 5 failures per 15 minutes, then
 * that pair is refused until the oldest is 15 minutes old. Per email, from any address: after 3
 * consecutive failures each attempt waits 1 s, 2 s, 4 s … at most 15 s before its password is
 * checked (a delay, never a refusal, so nobody elsewhere can lock the admin out).
 */
export const SIGN_IN_LIMITS = {
  pair: { maxFailures: 5, windowMs: FIFTEEN_MINUTES },
  accountDelay: {
    freeFailures: 3,
    baseDelayMs: 1000,
    maxDelayMs: 15_000,
    forgetAfterMs: FIFTEEN_MINUTES,
  },
} as const;
