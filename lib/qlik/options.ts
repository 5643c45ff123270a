import "server-only";
import type { BudgetLimit } from "./rate-limit";

// Options of createQlikClient and their defaults. Tests pass short timeouts and delays; the app
// takes the defaults (getQlikClient).

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /**
   * A second secret of the same OAuth client (QLIK_CLIENT_SECRET_NEXT), tried when Qlik refuses
   * `clientSecret` as invalid_client: rotating secrets needs no restart at the moment of the switch.
   */
  nextClientSecret?: string;
}

/** The subset of pino's interface the client uses: `logger.warn({ ...fields }, "message")`. */
export interface QlikLogger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  redirect: "manual";
}

/** The part of a web ReadableStream the client reads a body through. */
export interface BodyStreamLike {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array }>;
    cancel(reason?: unknown): Promise<void>;
  };
}

export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  /** Read chunk by chunk, so a body over `limits.maxResponseBytes` is abandoned, never buffered. */
  body: BodyStreamLike | null;
}

/** Global `fetch` and undici's `fetch` both fit. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

export interface QlikLimitOptions {
  /** GET tenants endpoints. Default 900 per 60 s (published: 1,000/min). `false` disables the budget. */
  tier1?: BudgetLimit | false;
  /** POST actions/filter. Default 90 per 60 s (published: 100/min). `false` disables the budget. */
  tier2?: BudgetLimit | false;
  /** A Retry-After (or remaining hold) longer than this fails at once with QlikRateLimitError. Default 120 s. */
  maxRetryAfterMs?: number;
  /**
   * A response body (after decompression) longer than this is a QlikProtocolError ("too_large"):
   * reading stops there. Default 4 MiB; a page of 100 tenants is about 60 KB.
   */
  maxResponseBytes?: number;
}

export interface QlikTimeoutOptions {
  /** TCP/TLS connect timeout (default dispatcher only; ignored with a custom `fetch`). Default 10 s. */
  connectMs?: number;
  /** One attempt, from sending to the last byte of the body. Default 30 s. */
  requestMs?: number;
}

export interface QlikRetryOptions {
  /** Attempts per request for network errors, timeouts, malformed JSON and 5xx. Default 4. */
  maxAttempts?: number;
  /** Backoff base; attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs · 2^n)). Default 250 ms. */
  baseDelayMs?: number;
  /** Default 8 s. */
  maxDelayMs?: number;
  /** 429 responses one request may wait out before it fails with QlikRateLimitError. Default 6. */
  maxRateLimitRetries?: number;
  /** Hold after a 429 without a readable Retry-After. Default 5 s. */
  rateLimitFallbackMs?: number;
}

export interface QlikClientOptions {
  /** Organization API origin, e.g. https://console.qlikcloud.com (a path prefix is kept). */
  baseUrl: string;
  /** Called whenever a token is requested; the app passes getClientCredentials. */
  credentials: () => ClientCredentials | Promise<ClientCredentials>;
  fetch?: FetchLike;
  logger?: QlikLogger;
  limits?: QlikLimitOptions;
  timeouts?: QlikTimeoutOptions;
  retry?: QlikRetryOptions;
  /** Refresh a cached token this long before it expires (at most 10 % of its lifetime). Default 60 s. */
  tokenRefreshMarginMs?: number;
  /**
   * Called with every secret value the client handles (the client secret, each access token), so
   * an app-wide log scrubber can mask them too. The client already keeps them out of its own
   * errors and log lines.
   */
  maskSecret?: (value: string) => void;
  /** Clock and randomness, for tests. */
  now?: () => number;
  random?: () => number;
}

export const DEFAULT_LIMITS = {
  tier1: { requests: 900, windowMs: 60_000 },
  tier2: { requests: 90, windowMs: 60_000 },
  maxRetryAfterMs: 120_000,
  maxResponseBytes: 4 * 1024 * 1024,
} as const;

export const DEFAULT_TIMEOUTS = { connectMs: 10_000, requestMs: 30_000 } as const;

export const DEFAULT_RETRY = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRateLimitRetries: 6,
  rateLimitFallbackMs: 5_000,
} as const;

export const DEFAULT_TOKEN_REFRESH_MARGIN_MS = 60_000;

export const noopLogger: QlikLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
