// When a failed delivery is tried again: after 1, 5, 15 and then every 60 minutes, for a day;
// then it is marked failed with the last reason (docs/alerts.md, "Retries"). Tests pass a policy
// with short delays instead of waiting.

export interface RetryPolicy {
  /** Delay after the 1st, 2nd… failure; the last one repeats. */
  delaysMs: readonly number[];
  /** No try is scheduled later than this after the delivery was created. */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  delaysMs: Object.freeze([60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000]),
  giveUpAfterMs: 24 * 60 * 60_000,
});

/** The time of the next try after `failures` failures, or null: give up. */
export function nextAttemptAt(
  policy: RetryPolicy,
  failures: number,
  createdAt: number,
  now: number,
): number | null {
  const delays = policy.delaysMs;
  if (delays.length === 0) return null;
  const delay = delays[Math.min(Math.max(failures, 1), delays.length) - 1]!;
  const at = now + delay;
  return at - createdAt > policy.giveUpAfterMs ? null : at;
}

/** How long a delivery is retried: "24 h" (for messages). */
export function describePolicy(policy: RetryPolicy): string {
  const ms = policy.giveUpAfterMs;
  if (ms >= 3_600_000) return `${Math.round(ms / 3_600_000)} h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}
