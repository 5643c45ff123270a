import "server-only";
import { z } from "zod";
import { log } from "@/lib/log";
import { verifyPassword } from "./password";
import type { AttemptLimiter } from "./rate-limit";
import { rateLimitedCode } from "./sign-in-errors";

// The local admin's authorize(): one account from ATLAS_ADMIN_EMAIL / ATLAS_ADMIN_PASSWORD_HASH,
// with failed attempts limited per account and per client address.

export type LocalAdminConfig = {
  email: string | undefined;
  passwordHash: string | undefined;
  accountLimiter: AttemptLimiter;
  ipLimiter: AttemptLimiter;
};

const input = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(1024),
});

/**
 * The signed-in local admin, or null for a wrong email or password. Throws `RateLimited:<when>`
 * when the account or the address has failed too often; next-auth shows that as the error code.
 */
export async function authorizeLocalAdmin(
  credentials: unknown,
  clientIp: string,
  config: LocalAdminConfig,
): Promise<{ id: string; email: string; name: string } | null> {
  const parsed = input.safeParse(credentials);
  if (!parsed.success || !config.email || !config.passwordHash) return null;
  const { email, password } = parsed.data;
  const keys = { account: `account:${email}`, ip: `ip:${clientIp}` };

  const blockedUntil = await firstBlock(config, keys);
  if (blockedUntil !== null) throw new Error(rateLimitedCode(blockedUntil));

  const knownAccount = email === config.email.toLowerCase();
  // Always verified, so a wrong email takes as long as a wrong password.
  const passwordOk = await verifyPassword(password, config.passwordHash);
  if (knownAccount && passwordOk) {
    await config.accountLimiter.reset(keys.account);
    log("auth").info({ event: "local_sign_in", clientIp }, "local admin signed in");
    return { id: "local-admin", email: config.email.toLowerCase(), name: "Administrator" };
  }

  await config.accountLimiter.recordFailure(keys.account);
  await config.ipLimiter.recordFailure(keys.ip);
  // The typed email is not logged: people type passwords into the wrong field.
  log("auth").warn(
    { event: "local_sign_in_failed", knownAccount, clientIp },
    "local admin sign-in failed",
  );
  const nowBlocked = await firstBlock(config, keys);
  if (nowBlocked !== null) throw new Error(rateLimitedCode(nowBlocked));
  return null;
}

async function firstBlock(config: LocalAdminConfig, keys: { account: string; ip: string }) {
  const [account, ip] = await Promise.all([
    config.accountLimiter.blockedUntil(keys.account),
    config.ipLimiter.blockedUntil(keys.ip),
  ]);
  if (account === null) return ip;
  if (ip === null) return account;
  return Math.max(account, ip);
}

/** The client address: the last X-Forwarded-For entry (the one the nearest proxy saw), else unknown. */
export function clientIpFrom(
  headers: Record<string, string | string[] | undefined> | Headers,
): string {
  const raw =
    headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const last = value
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .pop();
  return last ?? (headers instanceof Headers ? headers.get("x-real-ip") : undefined) ?? "unknown";
}
