import "server-only";
import { z } from "zod";
import { addressBucket } from "@/lib/http/client-address";
import { log } from "@/lib/log";
import { verifyPassword } from "./password";
import {
  createDelayTracker,
  createMemoryLimiter,
  createStorageDelayTracker,
  createStorageLimiter,
  SIGN_IN_LIMITS,
  type AttemptLimiter,
  type DelayTracker,
  type LimiterStore,
} from "./rate-limit";
import { rateLimitedCode, signInBusyCode } from "./sign-in-errors";
import {
  createVerificationGate,
  VERIFICATION_GATE,
  type VerificationGate,
} from "./verification-gate";

// The local admin's authorize(): one break-glass account from ATLAS_ADMIN_EMAIL /
// ATLAS_ADMIN_PASSWORD_HASH. Failures are limited per (email, client address), so nobody at
// another address can lock the admin out, and slowed per email by a delay that grows with each
// consecutive failure from anywhere. Every email typed gets the same treatment (a made-up one
// behaves like the real one), but the real account's records live in stores of their own, so a
// flood of made-up emails cannot push them out.

export type AccountLimits = { pairs: AttemptLimiter; delay: DelayTracker };

export type SignInLimiters = {
  /** The configured account: keyed by client address only, never evicted by other emails. */
  admin: AccountLimits;
  /** Every other email typed: the same rules in a separate, bounded store. */
  otherEmails: AccountLimits;
  gate: VerificationGate;
};

/**
 * The limiters with the limits of SIGN_IN_LIMITS and VERIFICATION_GATE (a clock for tests). With
 * `store` (the app passes its database) the failures are counted there, the same for every
 * instance; without it, in this process's memory.
 */
export function createSignInLimiters(
  clock: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
  store?: { store: () => Promise<LimiterStore>; onStoreError?: (error: unknown) => void },
): SignInLimiters {
  const account = (name: string): AccountLimits =>
    store
      ? {
          pairs: createStorageLimiter({
            ...SIGN_IN_LIMITS.pair,
            ...store,
            scope: `sign-in:${name}:pair`,
            now: clock.now,
          }),
          delay: createStorageDelayTracker({
            ...SIGN_IN_LIMITS.accountDelay,
            ...store,
            scope: `sign-in:${name}:delay`,
            now: clock.now,
          }),
        }
      : {
          pairs: createMemoryLimiter({ ...SIGN_IN_LIMITS.pair, now: clock.now }),
          delay: createDelayTracker({ ...SIGN_IN_LIMITS.accountDelay, now: clock.now }),
        };
  return {
    admin: account("admin"),
    otherEmails: account("other"),
    gate: createVerificationGate({ ...VERIFICATION_GATE, sleep: clock.sleep }),
  };
}

export type LocalAdminConfig = {
  email: string | undefined;
  passwordHash: string | undefined;
  limiters: SignInLimiters;
};

const input = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(1024),
});

/**
 * The signed-in local admin, or null for a wrong email or password. Throws `RateLimited:<when>`
 * when this email has failed too often from this address, and `SignInBusy:<when>` when too many
 * checks are under way; next-auth passes the message on as the error code.
 */
export async function authorizeLocalAdmin(
  credentials: unknown,
  clientIp: string,
  config: LocalAdminConfig,
): Promise<{ id: string; email: string; name: string } | null> {
  const parsed = input.safeParse(credentials);
  const { email: adminEmail, passwordHash } = config;
  if (!parsed.success || !adminEmail || !passwordHash) return null;
  const { email, password } = parsed.data;
  const knownAccount = email === adminEmail.toLowerCase();
  const limits = knownAccount ? config.limiters.admin : config.limiters.otherEmails;
  const bucket = addressBucket(clientIp);
  const pairKey = knownAccount ? bucket : `${email} ${bucket}`;

  const blockedUntil = await limits.pairs.blockedUntil(pairKey);
  if (blockedUntil !== null) throw new Error(rateLimitedCode(blockedUntil));

  const delayMs = await limits.delay.delayFor(email);
  // Always verified, so a wrong email takes as long as a wrong password.
  const checked = await config.limiters.gate.run(
    bucket,
    () => verifyPassword(password, passwordHash),
    delayMs,
  );
  if (!checked.ran) {
    log("auth").warn({ event: "local_sign_in_busy", clientIp }, "password checks are all busy");
    throw new Error(signInBusyCode(Date.now() + checked.retryAfterMs));
  }
  if (knownAccount && checked.value) {
    await Promise.all([limits.pairs.reset(pairKey), limits.delay.reset(email)]);
    log("auth").info({ event: "local_sign_in", clientIp }, "local admin signed in");
    return { id: "local-admin", email: adminEmail.toLowerCase(), name: "Administrator" };
  }

  await Promise.all([limits.pairs.recordFailure(pairKey), limits.delay.recordFailure(email)]);
  // The typed email is not logged: people type passwords into the wrong field.
  log("auth").warn(
    { event: "local_sign_in_failed", knownAccount, clientIp, delayMs },
    "local admin sign-in failed",
  );
  const nowBlocked = await limits.pairs.blockedUntil(pairKey);
  if (nowBlocked !== null) throw new Error(rateLimitedCode(nowBlocked));
  return null;
}
