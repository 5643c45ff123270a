import "server-only";
import { z } from "zod";
import { upstreamUnavailable } from "@/lib/api/errors";
import { Lru } from "@/lib/cache/lru";
import { SESSION_MAX_AGE_HOURS_LIMIT } from "@/lib/config/schema";
import { getStorage } from "@/lib/db/storage";
import { log } from "@/lib/log";
import { globalSingleton } from "@/lib/runtime/global-singleton";

// Ending sessions before their cookie does. A session is a sealed cookie no server keeps, so an
// ended one is remembered in the database (lib/db/queries/session-revocations.ts), where every
// instance reads it: sign-out ends one session, an admin ends every session of a person. Each
// request's session is checked there; the answer is kept for at most a second per process, so an
// ending is seen everywhere within a second while a busy session costs one query a second.

/** What a session cookie says about itself (the fields lib/auth/options.ts writes at sign-in). */
export type SessionClaims = {
  /** The session's id, made at sign-in and kept when the cookie is re-issued. */
  sid: string;
  email: string;
  /** Seconds since the epoch. */
  signedInAt: number;
};

export const sessionClaimsSchema = z.object({
  sid: z.string().min(16).max(128),
  email: z.string().min(3),
  signedInAt: z.number().int().positive(),
});

/** How long an answer of the deny-list is reused: well inside the 1 s in which an ended session must stop everywhere. */
const CHECK_TTL_MS = 500;
/** No session outlives this after its sign-in, whatever SESSION_MAX_AGE_HOURS says now or later. */
const LONGEST_SESSION_MS = SESSION_MAX_AGE_HOURS_LIMIT * 3_600_000;

type Check = { at: number; revoked: Promise<boolean> };
const checks = globalSingleton(
  "auth:session-revocation-checks",
  () => new Lru<string, Check>(1000),
);

const keyOf = (c: SessionClaims) => `${c.sid}\n${c.email}\n${c.signedInAt}`;
const iso = (ms: number) => new Date(ms).toISOString();

function unavailable(cause: unknown) {
  return upstreamUnavailable("Sessions cannot be checked right now. Try again in a minute.", {
    retryAfterSeconds: 5,
    cause,
  });
}

/**
 * True when this session was ended (signed out, or all of its person's sessions ended after it
 * signed in). The database not answering is a 503, never a pass.
 */
export async function isSessionRevoked(claims: SessionClaims): Promise<boolean> {
  const key = keyOf(claims);
  const now = Date.now();
  const hit = checks.get(key);
  const check =
    hit && now - hit.at < CHECK_TTL_MS
      ? hit
      : {
          at: now,
          revoked: getStorage().then((storage) =>
            storage.isSessionRevoked({
              sessionId: claims.sid,
              email: claims.email,
              signedInAt: iso(claims.signedInAt * 1000),
            }),
          ),
        };
  if (check !== hit) checks.set(key, check);
  try {
    return await check.revoked;
  } catch (error) {
    if (checks.get(key) === check) checks.delete(key);
    throw unavailable(error);
  }
}

/** Ends one session (sign-out): refused from now on, on every instance. */
export async function revokeSession(claims: SessionClaims): Promise<void> {
  const storage = await getStorage();
  await storage.revokeSession({
    sessionId: claims.sid,
    expiresAt: iso(claims.signedInAt * 1000 + LONGEST_SESSION_MS),
  });
  checks.clear();
  await storage.purgeSessionRevocations();
}

/** Ends every session `email` has signed in with so far; signing in again afterwards works. */
export async function revokeSessionsOf(email: string): Promise<{ revokedAt: string }> {
  const storage = await getStorage();
  const at = Date.now();
  await storage.revokeSessionsOf({
    email: email.toLowerCase(),
    at: iso(at),
    expiresAt: iso(at + LONGEST_SESSION_MS),
  });
  checks.clear();
  await storage.purgeSessionRevocations();
  return { revokedAt: iso(at) };
}

/**
 * next-auth's signOut event: `token` is the decoded cookie being cleared. Its session goes on the
 * deny-list, so a copy of the cookie kept elsewhere stops working too.
 */
export async function revokeSignedOutSession(token: unknown): Promise<void> {
  const claims = sessionClaimsSchema.safeParse(token);
  if (!claims.success) return; // a cookie no request would accept anyway
  try {
    await revokeSession(claims.data);
    log("auth").info({ event: "sign_out", email: claims.data.email }, "signed out");
  } catch (error) {
    log("auth").error(
      { event: "sign_out_revoke_failed", err: error, email: claims.data.email },
      "signed out in the browser, but the session could not be ended on the server",
    );
    throw error;
  }
}

/**
 * next-auth's jwt callback when a session is read (GET /api/auth/session, which re-issues the
 * cookie): the token back while its session lives; an error for one without an id or sign-in time,
 * past SESSION_MAX_AGE_HOURS or ended, so next-auth answers `{}` and clears the cookie instead of
 * renewing it. A database that does not answer lets the read through: every request that reaches
 * data checks again (resolveSession) and refuses then.
 */
export async function keepIfLive<T>(token: T, maxAgeHours: number): Promise<T> {
  const claims = sessionClaimsSchema.safeParse(token);
  if (!claims.success) throw new Error("SessionWithoutId");
  if (Date.now() / 1000 - claims.data.signedInAt > maxAgeHours * 3600)
    throw new Error("SessionExpired");
  let revoked = false;
  try {
    revoked = await isSessionRevoked(claims.data);
  } catch {
    return token;
  }
  if (revoked) throw new Error("SessionRevoked");
  return token;
}
