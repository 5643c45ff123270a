import "server-only";
import {
  QlikAuthError,
  QlikPermissionError,
  QlikProtocolError,
  QlikRateLimitError,
  QlikRequestError,
  QlikUnavailableError,
} from "./errors";
import { TierGate, type SlidingWindowBudget, type Tier } from "./rate-limit";
import { bump, createRequestStats, type QlikOperation, type RequestStats } from "./stats";
import type { TokenProvider } from "./token";
import {
  describeStatus,
  pathOf,
  readUpstreamError,
  sendOnce,
  TransportError,
  type QlikContext,
} from "./transport";
import { backoffDelay, parseRetryAfter, sleep } from "./timing";

// Authenticated JSON requests to the Organization API with the whole failure policy in one place:
// per-tier budget and 429 hold, per-attempt timeout, retries with full-jitter backoff on network
// errors, malformed JSON and 5xx, one token refresh on 401, and errors a person can act on.

export interface ApiRequest {
  op: QlikOperation;
  method: "GET" | "POST";
  url: string;
  tier: Tier;
  /** JSON body (POST). */
  body?: unknown;
  signal?: AbortSignal;
  /** The caller's counters, in addition to the client's. */
  stats?: RequestStats;
  /** Return null on 404 instead of throwing. */
  allowNotFound?: boolean;
}

export interface ApiResponse {
  status: number;
  json: unknown;
  /** URL that answered (after same-origin redirects). */
  url: string;
}

interface Failure {
  reason: string;
  cause?: unknown;
  malformed: boolean;
  /** The HTTP status when Qlik answered (5xx, 408); absent when it could not be reached. */
  status?: number;
}

export interface TierLimits {
  tier1: SlidingWindowBudget | undefined;
  tier2: SlidingWindowBudget | undefined;
}

export class ApiRequester {
  private readonly gates: Record<Tier, TierGate>;

  constructor(
    private readonly ctx: QlikContext,
    private readonly tokens: TokenProvider,
    private readonly budgets: TierLimits,
  ) {
    this.gates = {
      tier1: new TierGate("tier1", ctx.maxRetryAfterMs, ctx.now),
      tier2: new TierGate("tier2", ctx.maxRetryAfterMs, ctx.now),
    };
  }

  async request(req: ApiRequest): Promise<ApiResponse | null> {
    const { ctx } = this;
    const totals = ctx.totals;
    const perOp = (totals.byOperation[req.op] ??= createRequestStats());
    const targets = req.stats ? [totals, perOp, req.stats] : [totals, perOp];
    const where = `${req.method} ${pathOf(req.url)}`;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);

    let failures = 0;
    let rateLimited = 0;
    let refreshed = false;

    for (;;) {
      const waitStart = ctx.now();
      const ticket = await this.gates[req.tier].enter(req.signal);
      const gateWaited = ctx.now() - waitStart;
      let outcome: "rate_limited" | "other" = "other";
      let holdMs: number | undefined;
      let failure: Failure | undefined;
      let releaseBudget: (() => void) | undefined;
      try {
        const token = await this.tokens.getToken(req.signal);
        // The budget slot is taken last, right before sending, and held until the response is in.
        const budgetStart = ctx.now();
        releaseBudget = await this.budgets[req.tier]?.acquire(req.signal);
        const waited = gateWaited + (ctx.now() - budgetStart);
        if (waited > 0) bump(targets, "throttledMs", waited);
        bump(targets, "requests");
        const started = ctx.now();
        let result;
        try {
          result = await sendOnce(ctx, {
            method: req.method,
            url: req.url,
            headers: {
              authorization: `Bearer ${token}`,
              accept: "application/json",
              ...(body === undefined ? {} : { "content-type": "application/json" }),
            },
            body,
            signal: req.signal,
          });
        } catch (error) {
          if (!(error instanceof TransportError)) throw error;
          failure = { reason: error.message, cause: error, malformed: false };
        }

        if (result) {
          const { status } = result;
          ctx.logger.debug(
            { op: req.op, request: where, status, ms: ctx.now() - started },
            "qlik request",
          );
          if (status >= 200 && status < 300) {
            try {
              return { status, json: JSON.parse(result.text) as unknown, url: result.url };
            } catch {
              failure = {
                reason: `invalid JSON in an HTTP ${status} response (${result.text.length} bytes)`,
                malformed: true,
              };
            }
          } else if (status === 429) {
            outcome = "rate_limited";
            rateLimited += 1;
            bump(targets, "rateLimited");
            holdMs =
              parseRetryAfter(result.headers.get("retry-after"), ctx.now()) ??
              ctx.retry.rateLimitFallbackMs;
            ctx.logger.warn(
              { op: req.op, request: where, tier: req.tier, retryAfterMs: holdMs },
              "qlik rate limit reached; holding the tier",
            );
            if (rateLimited > ctx.retry.maxRateLimitRetries || holdMs > ctx.maxRetryAfterMs) {
              throw new QlikRateLimitError(
                `${where} was rate limited ${rateLimited} times (${req.tier}); last Retry-After ${holdMs} ms`,
                {
                  status,
                  retryAfterMs: holdMs,
                  upstream: readUpstreamError(status, result.text, ctx.redactor),
                },
              );
            }
            bump(targets, "retries");
            continue; // the gate now holds this and every other caller of the tier
          } else if (status === 401 && !refreshed) {
            refreshed = true;
            this.tokens.invalidate(token);
            bump(targets, "authRefreshes");
            bump(targets, "retries");
            ctx.logger.info(
              { op: req.op, request: where },
              "qlik access token refused; refreshing",
            );
            continue;
          } else if (status >= 500 || status === 408) {
            failure = {
              reason: describeStatus(readUpstreamError(status, result.text, ctx.redactor)),
              malformed: false,
              status,
            };
          } else if (status === 404 && req.allowNotFound) {
            return null;
          } else {
            throw this.rejection(where, status, result.text);
          }
        }
      } finally {
        releaseBudget?.();
        ticket.done(outcome, holdMs);
      }

      // Only failures worth retrying reach this point; wait outside the gate.
      if (!failure) continue;
      failures += 1;
      if (failures >= ctx.retry.maxAttempts) throw this.exhausted(where, failures, failure);
      const delay = backoffDelay(
        failures - 1,
        ctx.retry.baseDelayMs,
        ctx.retry.maxDelayMs,
        ctx.random,
      );
      bump(targets, "retries");
      ctx.logger.warn(
        { op: req.op, request: where, attempt: failures, delayMs: delay, reason: failure.reason },
        "qlik request failed; retrying",
      );
      await sleep(delay, req.signal);
    }
  }

  private exhausted(where: string, attempts: number, failure: Failure): Error {
    const { ctx } = this;
    ctx.logger.error(
      { request: where, attempts, reason: failure.reason },
      "qlik request failed; giving up",
    );
    if (failure.malformed) {
      return new QlikProtocolError(
        "malformed_json",
        `${where} returned invalid JSON ${attempts} times`,
      );
    }
    return new QlikUnavailableError(
      ctx.origin,
      `${where} at ${ctx.origin} failed after ${attempts} attempts: ${failure.reason}`,
      { cause: failure.cause, status: failure.status, attempts },
    );
  }

  private rejection(where: string, status: number, text: string): Error {
    const upstream = readUpstreamError(status, text, this.ctx.redactor);
    const what = `${where} returned ${describeStatus(upstream)}`;
    this.ctx.logger.error({ request: where, status, upstream }, "qlik request rejected");
    if (status === 401) {
      return new QlikAuthError(what, {
        status,
        upstream,
        userMessage:
          "Qlik Cloud refused a freshly issued access token: the OAuth client must be an organization-level client created in the Cloud Console (console.qlikcloud.com → OAuth), and QLIK_BASE_URL must be https://console.qlikcloud.com.",
      });
    }
    if (status === 403) return new QlikPermissionError(what, { status, upstream });
    return new QlikRequestError(what, { status, upstream });
  }
}
