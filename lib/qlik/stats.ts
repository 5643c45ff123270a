import "server-only";

// Request counters. Each client keeps its own totals and per-operation totals (client.stats());
// a caller such as the sync can pass its own RequestStats to an operation to count one run.

export type QlikOperation = "listTenants" | "getTenant" | "countTenants" | "filterTenants";

export interface RequestStats {
  /** HTTP requests sent to the API (every attempt, token requests excluded). */
  requests: number;
  /** Attempts repeated after a network error, timeout, malformed JSON, 5xx or 401 refresh. */
  retries: number;
  /** 429 responses received. */
  rateLimited: number;
  /** Token refreshes forced by a 401 from the API. */
  authRefreshes: number;
  /** Time spent waiting for the request budget or a rate-limit hold, in milliseconds. */
  throttledMs: number;
}

export interface QlikClientStats extends RequestStats {
  /** Requests to /oauth/token (every attempt). */
  tokenRequests: number;
  /** Access tokens obtained. */
  tokensIssued: number;
  byOperation: Partial<Record<QlikOperation, RequestStats>>;
}

export function createRequestStats(): RequestStats {
  return { requests: 0, retries: 0, rateLimited: 0, authRefreshes: 0, throttledMs: 0 };
}

/** Adds `delta` to every target (client total, per-operation, caller's). */
export function bump(targets: readonly RequestStats[], field: keyof RequestStats, delta = 1): void {
  for (const target of targets) target[field] += delta;
}
