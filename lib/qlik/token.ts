import "server-only";
import { z } from "zod";
import {
  QlikAuthError,
  QlikProtocolError,
  QlikRateLimitError,
  QlikRequestError,
  QlikUnavailableError,
  type UpstreamError,
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
// Secret rotation: when Qlik refuses the secret in use as invalid_client and a second secret is
// configured (QLIK_CLIENT_SECRET_NEXT), the same request is made at once with the other one; the
// one that worked is tried first from then on, and while it is the NEXT secret every new token
// logs a warning to promote it.

// Qlik's access tokens are JWTs of a kilobyte or two; anything far longer is not one.
const MAX_TOKEN_LENGTH = 16_384;
const tokenResponseSchema = z.object({
  access_token: z.string().min(1).max(MAX_TOKEN_LENGTH),
  token_type: z.string().max(64).nullish(),
  expires_in: z.union([z.number(), z.string().regex(/^\d{1,12}(\.\d{1,9})?$/)]).nullish(),
  expires_at: z.string().max(64).nullish(),
});

/** When no expiry is given at all, assume a short life rather than the documented 6 h. */
const FALLBACK_LIFETIME_MS = 5 * 60_000;

/** Which configured secret a token request uses. */
export type SecretSlot = "current" | "next";

const SECRET_SETTING: Record<SecretSlot, string> = {
  current: "QLIK_CLIENT_SECRET",
  next: "QLIK_CLIENT_SECRET_NEXT",
};

export const PROMOTE_NEXT_SECRET_WARNING =
  "Qlik refused QLIK_CLIENT_SECRET and accepted QLIK_CLIENT_SECRET_NEXT: promote it. Set QLIK_CLIENT_SECRET to the value of QLIK_CLIENT_SECRET_NEXT, remove QLIK_CLIENT_SECRET_NEXT and restart Tenant Atlas (one instance at a time); then delete the old secret in the Cloud Console if it is still listed.";

/**
 * True when the token endpoint refused the client's authentication (RFC 6749 §5.2
 * `invalid_client`): any 401 (what Qlik answers for a wrong or deleted secret), or a 400 that
 * names invalid_client in the standard OAuth body or in Qlik's error shape.
 */
export function refusesClient(status: number, text: string, upstream: UpstreamError): boolean {
  if (status === 401) return true;
  if (status !== 400) return false;
  let oauthError: unknown;
  try {
    oauthError = (JSON.parse(text) as { error?: unknown } | null)?.error;
  } catch {
    oauthError = undefined;
  }
  return [oauthError, upstream.code, upstream.title].some(
    (value) => typeof value === "string" && value.toLowerCase() === "invalid_client",
  );
}

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
  /** The secret that last obtained a token; tried first by the next request. */
  private preferred: SecretSlot = "current";

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
    /** The secret Qlik refused during this request, so the other one is used from now on. */
    let refused: SecretSlot | undefined;

    for (;;) {
      const credentials = await this.options.credentials();
      // Both secrets are masked from the first request on, whichever is sent.
      ctx.redactor.addSecret(credentials.clientSecret);
      ctx.redactor.addSecret(credentials.nextClientSecret);
      const slot = this.slotFor(credentials, refused);
      const clientSecret =
        slot === "next" && credentials.nextClientSecret
          ? credentials.nextClientSecret
          : credentials.clientSecret;
      ctx.totals.tokenRequests += 1;
      const started = ctx.now();
      try {
        const result = await sendOnce(ctx, {
          method: "POST",
          url,
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({
            client_id: credentials.clientId,
            client_secret: clientSecret,
            grant_type: "client_credentials",
          }),
        });
        ctx.logger.debug(
          {
            status: result.status,
            attempt: attempt + 1,
            credential: slot,
            ms: ctx.now() - started,
          },
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
          if (!malformed) {
            const token = this.accept(body);
            this.secretWorked(slot);
            return token;
          }
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
          const upstream = readUpstreamError(status, result.text, ctx.redactor);
          if (
            refused === undefined &&
            hasSecondSecret(credentials) &&
            refusesClient(status, result.text, upstream)
          ) {
            refused = slot;
            ctx.logger.warn(
              { status, setting: SECRET_SETTING[slot] },
              `Qlik refused ${SECRET_SETTING[slot]} (invalid_client); trying ${SECRET_SETTING[slot === "current" ? "next" : "current"]}`,
            );
            continue;
          }
          throw this.rejection(status, upstream, refused !== undefined);
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

  /** The secret to send: the preferred one, or the other once the preferred one was refused. */
  private slotFor(credentials: ClientCredentials, refused: SecretSlot | undefined): SecretSlot {
    if (!hasSecondSecret(credentials)) return "current";
    if (refused === undefined) return this.preferred;
    return refused === "current" ? "next" : "current";
  }

  private secretWorked(slot: SecretSlot): void {
    const switched = slot !== this.preferred;
    this.preferred = slot;
    if (slot === "next")
      this.ctx.logger.warn({ setting: SECRET_SETTING.next }, PROMOTE_NEXT_SECRET_WARNING);
    else if (switched)
      this.ctx.logger.info(
        { setting: SECRET_SETTING.current },
        "Qlik accepts QLIK_CLIENT_SECRET again",
      );
  }

  private rejection(status: number, upstream: UpstreamError, triedBoth: boolean): Error {
    const what = `token request returned ${describeStatus(upstream)}${triedBoth ? " for both secrets" : ""}`;
    if ((status === 400 || status === 401) && triedBoth)
      return new QlikAuthError(what, {
        status,
        upstream,
        userMessage:
          "Qlik rejected the client ID with both secrets (QLIK_CLIENT_SECRET and QLIK_CLIENT_SECRET_NEXT): check QLIK_CLIENT_ID and the client's secrets in the Cloud Console (console.qlikcloud.com → OAuth), or create a new secret.",
      });
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

/** A second, different secret is configured. */
function hasSecondSecret(credentials: ClientCredentials): boolean {
  return (
    Boolean(credentials.nextClientSecret) &&
    credentials.nextClientSecret !== credentials.clientSecret
  );
}
