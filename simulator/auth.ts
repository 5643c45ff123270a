// Bearer-token check and per-tier rate limiting for the tenant endpoints.
import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestContext, SimState } from "./context";
import { ApiError, rateLimitBody } from "./errors";
import type { Tier } from "./rate-limit";

const unauthorized = (detail: string) =>
  new ApiError(401, `${detail} Request a new access token from /oauth/token and retry.`, {
    headers: { "WWW-Authenticate": 'Bearer realm="console"' },
  });

/** Returns the client id behind the request's bearer token, or throws 401. */
export function authenticate(ctx: RequestContext): string {
  const header = ctx.req.headers.authorization;
  if (!header) throw unauthorized("The Authorization header is missing.");
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header);
  if (!match || match[1]?.toLowerCase() !== "bearer")
    throw unauthorized("The Authorization header must be 'Bearer <access token>'.");
  const result = ctx.sim.tokens.check(match[2] as string);
  if (result === "unknown") throw unauthorized("The access token is invalid or has been revoked.");
  if (result === "expired") throw unauthorized("The access token has expired.");
  return result.clientId;
}

/** A 429 error carrying Qlik's rate-limit body and Retry-After. */
export class RateLimitError extends ApiError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(429, `You need to wait ${retryAfterSeconds} seconds until limit is lifted.`, {
      headers: { "Retry-After": String(retryAfterSeconds) },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
  body() {
    return rateLimitBody(this.retryAfterSeconds);
  }
}

/** Authenticates and counts the request against its tier; throws 401 or 429. */
export function authorize(ctx: RequestContext, tier: Tier): string {
  const clientId = authenticate(ctx);
  const wait = ctx.sim.limiter.take(clientId, tier);
  if (wait !== null) throw new RateLimitError(wait);
  return clientId;
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Constant-time comparison of presented and configured client credentials (any live secret). */
export function credentialsMatch(sim: SimState, clientId: string, clientSecret: string): boolean {
  const idOk = timingSafeEqual(digest(clientId), digest(sim.options.clientId));
  const secretOk = sim.secrets.matches(clientSecret);
  return idOk && secretOk;
}
