// Counts failed sign-in attempts per key (an account or an IP address) in a sliding window.
// AttemptLimiter is the seam: the in-memory one below is enough for a single server process; a
// deployment with several instances would put a Redis- or database-backed one behind the same
// interface.

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
  /** Bound on remembered keys so a flood of made-up accounts cannot grow memory without end. */
  maxKeys?: number;
};

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
      while (failures.size > maxKeys) {
        const oldest = failures.keys().next().value;
        if (oldest === undefined) break;
        failures.delete(oldest);
      }
    },
    async reset(key) {
      failures.delete(key);
    },
  };
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** The limits the local admin sign-in uses: 5 failures per account, 20 per IP, per 15 minutes. */
export const SIGN_IN_LIMITS = {
  account: { maxFailures: 5, windowMs: FIFTEEN_MINUTES },
  ip: { maxFailures: 20, windowMs: FIFTEEN_MINUTES },
} as const;
