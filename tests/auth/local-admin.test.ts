import { beforeEach, describe, expect, it } from "vitest";
import {
  authorizeLocalAdmin,
  createSignInLimiters,
  type LocalAdminConfig,
} from "@/lib/auth/local-admin";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { describeSignInError } from "@/lib/auth/sign-in-errors";
import { ADMIN_HASH, ADMIN_PASSWORD, useEnv } from "./support";

let config: LocalAdminConfig;

beforeEach(() => {
  useEnv();
  // The growing per-account delay is covered in local-admin-lockout.test.ts; not waited out here.
  const limiters = createSignInLimiters({ sleep: async () => {} });
  config = { email: "Root@Example.com", passwordHash: ADMIN_HASH, limiters };
});

const attempt = (email: string, password: string, ip = "10.0.0.1") =>
  authorizeLocalAdmin({ email, password }, ip, config);

describe("local admin sign-in", () => {
  it("signs in with the configured email (any case) and password", async () => {
    await expect(attempt("root@EXAMPLE.com", ADMIN_PASSWORD)).resolves.toEqual({
      id: "local-admin",
      email: "root@example.com",
      name: "Administrator",
    });
  });

  it("refuses a wrong password and a wrong email alike", async () => {
    await expect(attempt("root@example.com", "wrong password")).resolves.toBeNull();
    await expect(attempt("someone@example.com", ADMIN_PASSWORD)).resolves.toBeNull();
  });

  it("refuses when no local admin is configured", async () => {
    config = { ...config, email: undefined, passwordHash: undefined };
    await expect(attempt("root@example.com", ADMIN_PASSWORD)).resolves.toBeNull();
  });

  it("refuses the account from one address after 5 failures there, even the right password, and says when to retry", async () => {
    for (let i = 0; i < 4; i++)
      await expect(attempt("root@example.com", "nope")).resolves.toBeNull();
    await expect(attempt("root@example.com", "nope")).rejects.toThrow(/^RateLimited:\d+$/);
    const error = await attempt("root@example.com", ADMIN_PASSWORD).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const retryAt = Number((error as Error).message.split(":")[1]) * 1000;
    expect(retryAt - Date.now()).toBeGreaterThan(14 * 60 * 1000);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000 + 1000);
    expect(describeSignInError((error as Error).message)).toMatch(
      /Too many failed sign-in attempts\. Try again in 15 minutes/,
    );
  });

  it("clears the account's failures after a successful sign-in", async () => {
    for (let i = 0; i < 3; i++) await attempt("root@example.com", "nope");
    await expect(attempt("root@example.com", ADMIN_PASSWORD)).resolves.not.toBeNull();
    for (let i = 0; i < 4; i++)
      await expect(attempt("root@example.com", "nope")).resolves.toBeNull();
  });
});

describe("password hashes", () => {
  it("verifies bcrypt and scrypt hashes and rejects wrong passwords", async () => {
    const scrypt = await hashPassword("a long enough password", "scrypt");
    expect(scrypt).toMatch(/^scrypt\$131072\$8\$1\$/);
    await expect(verifyPassword("a long enough password", scrypt)).resolves.toBe(true);
    await expect(verifyPassword("a long enough passwore", scrypt)).resolves.toBe(false);
    await expect(verifyPassword(ADMIN_PASSWORD, ADMIN_HASH)).resolves.toBe(true);
    await expect(verifyPassword("nope", ADMIN_HASH)).resolves.toBe(false);
  });

  it("treats an unreadable hash as a mismatch", async () => {
    await expect(verifyPassword("x", "scrypt$1$2")).resolves.toBe(false);
  });
});
