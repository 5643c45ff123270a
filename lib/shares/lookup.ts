import "server-only";
import { createStorageLimiter, type AttemptLimiter } from "@/lib/auth/rate-limit";
import type { SessionIdentity } from "@/lib/auth/session";
import { getStorage, type ShareRecord } from "@/lib/db/storage";
import { log } from "@/lib/log";
import { globalSingleton } from "@/lib/runtime/global-singleton";
import { shareStatus } from "./expiry";
import { hashShareToken, isWellFormedToken, sameTokenHash } from "./token";

// From a token in a URL to the link it opens, or why not. A malformed token and an unknown one end
// the same way (not found), and both count against the client address as a failed lookup: after
// SHARE_LOOKUP_LIMIT of them every lookup from that address is refused for a while, known tokens
// included, so a right guess looks like a blocked one. (20 in 10 minutes leaves room for a person
// who pasted a link cut short; a scanner gets 429s.) The failures are counted in the database, so
// a scanner spread over several instances meets one limit.

/** 20 failed lookups per client address per 10 minutes. */
export const SHARE_LOOKUP_LIMIT = { maxFailures: 20, windowMs: 10 * 60_000 } as const;

const limiter = (): AttemptLimiter =>
  globalSingleton("shares:lookup-limiter", () =>
    createStorageLimiter({
      ...SHARE_LOOKUP_LIMIT,
      scope: "share-lookup",
      store: getStorage,
      onStoreError: (err) =>
        log("shares").warn(
          { err },
          "share lookup limiter: database unavailable, counting in memory",
        ),
    }),
  );

export type LookupResult =
  | { kind: "found"; share: ShareRecord }
  | { kind: "not_found" }
  | { kind: "rate_limited"; retryAfterSeconds: number };

export async function lookupShare(token: string, address: string): Promise<LookupResult> {
  const key = `ip:${address}`;
  const blockedUntil = await limiter().blockedUntil(key);
  if (blockedUntil !== null)
    return { kind: "rate_limited", retryAfterSeconds: (blockedUntil - Date.now()) / 1000 };
  if (isWellFormedToken(token)) {
    const hash = hashShareToken(token);
    const share = await (await getStorage()).getShareByTokenHash(hash);
    if (share && sameTokenHash(share.tokenHash, hash)) return { kind: "found", share };
  }
  await limiter().recordFailure(key);
  log("shares").info({ event: "share_lookup_failed", address }, "share link not found");
  return { kind: "not_found" };
}

/** Why a found link does not open for this visitor, or "ok". */
export type ShareGate = "ok" | "expired" | "revoked" | "sign_in_required";

export function gateShare(
  share: ShareRecord,
  identity: SessionIdentity | null,
  now: number = Date.now(),
): ShareGate {
  const status = shareStatus(share, now);
  if (status !== "active") return status;
  if (share.access === "signed-in" && !identity) return "sign_in_required";
  return "ok";
}
