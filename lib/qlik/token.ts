import "server-only";
import { z } from "zod";
import {
  QlikAuthError,
  QlikProtocolError,
  QlikRateLimitError,
  QlikRequestError,
  QlikUnavailableError,
} from "./errors";
import type { ClientCredentials } from "./options";
import {
  describeStatus,
  readUpstreamError,
  sendOnce,
  TransportError,
  type QlikContext,
} from "./transport";
import { backoffDelay, parseRetryAfter, raceSignal, sleep } from "./timing";

// Access tokens for the organization OAuth client (client-credentials grant, JSON body, as the
// Organization API guide shows). One token is cached until shortly before it expires; concurrent
// callers share one in-flight request; a 401 from the API invalidates exactly the token it used.

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).nullish(),
  expires_at: z.string().nullish(),
});

/** When no expiry is given at all, assume a short life rather than the documented 6 h. */
const FALLBACK_LIFETIME_MS = 5 * 60_000;

interface CachedToken {
  token: string;
  refreshAt: number;
}

export interface TokenProviderOptions {
  credentials: () => ClientCredentials | Promise<ClientCredentials>;
  refreshMarginMs: number;
}

export class TokenProvider {
  private cached: CachedToken | undefined;
  private inflight: Promise<CachedToken> | undefined;

  constructor(
    private readonly ctx: QlikContext,
    private readonly options: TokenProviderOptions,
  ) {}

  /** A valid access token; waits for (or starts) the one shared token request when needed. */
  async getToken(signal?: AbortSignal): Promise<string> {
    if (this.cached && this.ctx.now() < this.cached.refreshAt) return this.cached.token;
    if (!this.inflight) {
      const request = this.requestToken();
      this.inflight = request;
      // Clear only after settling, so every caller in between shares this request.
      void request.then(
        () => this.clearInflight(request),
        () => this.clearInflight(request),
      );
    }
    const { token } = await raceSignal(this.inflight, signal);
    return token;
  }

  /** The API refused `token` (401): forget it unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  /** Drop the cached token (e.g. after the credentials changed). */
  clear(): void {
    this.cached = undefined;
  }

  private clearInflight(request: Promise<CachedToken>): void {
    if (this.inflight === request) this.inflight = undefined;
  }

  private async requestToken(): Promise<CachedToken> {
    const { ctx } = this;
    const url = `${ctx.baseUrl}/oauth/token`;
    let attempt = 0;
    let rateLimited = 0;
    let lastFailure = "";
    let lastCause: unknown;
    let malformed = false;

    for (;;) {
      const credentials = await this.options.credentials();
      ctx.redactor.addSecret(credentials.clientSecret);
      ctx.totals.tokenRequests += 1;
      const started = ctx.now();
      try {
        const result = await sendOnce(ctx, {
          method: "POST",
          url,
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({
            client_id: credentials.clientId,
            client_secret: credentials.clientSecret,
            grant_type: "client_credentials",
          }),
        });
        ctx.logger.debug(
          { status: result.status, attempt: attempt + 1, ms: ctx.now() - started },
          "qlik token request",
        );
        const { status } = result;
        if (status >= 200 && status < 300) {
          let body: unknown;
          try {
            body = JSON.parse(result.text);
          } catch {
            malformed = true;
            lastFailure = `invalid JSON in the token response (HTTP ${status})`;
            lastCause = undefined;
          }
          if (!malformed) return this.accept(body);
        } else if (status === 429) {
          rateLimited += 1;
          const wait =
            parseRetryAfter(result.headers.get("retry-after"), ctx.now()) ??
            ctx.retry.rateLimitFallbackMs;
          if (rateLimited > ctx.retry.maxRateLimitRetries || wait > ctx.maxRetryAfterMs) {
            throw new QlikRateLimitError("the token endpoint kept answering 429", {
              status,
              retryAfterMs: wait,
              upstream: readUpstreamError(status, result.text, ctx.redactor),
            });
          }
          ctx.logger.warn({ retryAfterMs: wait }, "qlik token request rate limited");
          await sleep(wait);
          continue;
        } else if (status >= 500 || status === 408) {
          malformed = false;
          lastFailure = describeStatus(readUpstreamError(status, result.text, ctx.redactor));
          lastCause = undefined;
        } else {
          throw this.rejection(status, result.text);
        }
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        malformed = false;
        lastFailure = error.message;
        lastCause = error;
      }

      attempt += 1;
      if (attempt >= ctx.retry.maxAttempts) {
        if (malformed) {
          throw new QlikProtocolError(
            "malformed_json",
            `the token endpoint returned invalid JSON ${attempt} times`,
          );
        }
        throw new QlikUnavailableError(
          ctx.origin,
          `token request to ${ctx.origin}/oauth/token failed after ${attempt} attempts: ${lastFailure}`,
          { cause: lastCause },
        );
      }
      const retryDelay = backoffDelay(
        attempt - 1,
        ctx.retry.baseDelayMs,
        ctx.retry.maxDelayMs,
        ctx.random,
      );
      ctx.logger.warn(
        { attempt, delayMs: retryDelay, reason: lastFailure },
        "qlik token request failed; retrying",
      );
      await sleep(retryDelay);
    }
  }

  private accept(body: unknown): CachedToken {
    const parsed = tokenResponseSchema.safeParse(body);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join(".") || "body";
      throw new QlikProtocolError("invalid_response", `token response has no valid "${field}"`, {
        field,
      });
    }
    const data = parsed.data;
    if (data.token_type && data.token_type.toLowerCase() !== "bearer") {
      throw new QlikProtocolError(
        "invalid_response",
        `token response has token_type "${data.token_type.slice(0, 20)}", expected Bearer`,
        { field: "token_type" },
      );
    }
    const { ctx } = this;
    ctx.redactor.addToken(data.access_token);
    ctx.totals.tokensIssued += 1;
    const now = ctx.now();
    let lifetime: number | undefined;
    if (data.expires_in !== null && data.expires_in !== undefined) {
      lifetime = Number(data.expires_in) * 1000;
    }
    const expiresAt = data.expires_at ? Date.parse(data.expires_at) : Number.NaN;
    // expires_at from a skewed clock can look past already: then expires_in (relative) wins.
    if (!Number.isNaN(expiresAt) && expiresAt > now) {
      lifetime = lifetime === undefined ? expiresAt - now : Math.min(lifetime, expiresAt - now);
    }
    lifetime ??= FALLBACK_LIFETIME_MS;
    const margin = Math.min(this.options.refreshMarginMs, lifetime * 0.1);
    ctx.logger.info({ expiresInMs: lifetime }, "qlik access token obtained");
    return (this.cached = { token: data.access_token, refreshAt: now + lifetime - margin });
  }

  private rejection(status: number, text: string): Error {
    const upstream = readUpstreamError(status, text, this.ctx.redactor);
    const what = `token request returned ${describeStatus(upstream)}`;
    if (status === 400 || status === 401) return new QlikAuthError(what, { status, upstream });
    if (status === 403) {
      return new QlikAuthError(what, {
        status,
        upstream,
        userMessage:
          "Qlik refused to issue a token for this OAuth client (HTTP 403): it may be disabled or have too many active tokens. Check it in the Cloud Console (console.qlikcloud.com → OAuth), or create a new one as the Service Account Owner.",
      });
    }
    if (status === 404) {
      return new QlikRequestError(`${what} at ${this.ctx.origin}/oauth/token`, {
        status,
        upstream,
        userMessage: `There is no token endpoint at ${this.ctx.origin}/oauth/token: check QLIK_BASE_URL (it should be https://console.qlikcloud.com).`,
      });
    }
    return new QlikRequestError(what, { status, upstream });
  }
}
