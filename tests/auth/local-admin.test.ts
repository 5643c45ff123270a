import { beforeEach, describe, expect, it } from "vitest";
import { authorizeLocalAdmin, clientIpFrom, type LocalAdminConfig } from "@/lib/auth/local-admin";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createMemoryLimiter, SIGN_IN_LIMITS } from "@/lib/auth/rate-limit";
import { describeSignInError } from "@/lib/auth/sign-in-errors";
import { ADMIN_HASH, ADMIN_PASSWORD, useEnv } from "./support";

let config: LocalAdminConfig;

beforeEach(() => {
  useEnv();
  config = {
    email: "Root@Example.com",
    passwordHash: ADMIN_HASH,
    accountLimiter: createMemoryLimiter(SIGN_IN_LIMITS.account),
    ipLimiter: createMemoryLimiter(SIGN_IN_LIMITS.ip),
  };
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

  it("locks the account after 5 failures, even for the right password, and says when to retry", async () => {
    for (let i = 0; i < 4; i++)
      await expect(attempt("root@example.com", "nope")).resolves.toBeNull();
    await expect(attempt("root@example.com", "nope")).rejects.toThrow(/^RateLimited:\d+$/);
    const error = await attempt("root@example.com", ADMIN_PASSWORD, "10.9.9.9").catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const retryAt = Number((error as Error).message.split(":")[1]) * 1000;
    expect(retryAt - Date.now()).toBeGreaterThan(14 * 60 * 1000);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000 + 1000);
    expect(describeSignInError((error as Error).message)).toMatch(
      /Too many failed sign-in attempts\. Try again in 15 minutes/,
    );
  });

  it("limits one address to 20 failures across accounts", async () => {
    for (let i = 0; i < 19; i++)
      await expect(attempt(`guess${i}@example.com`, "x")).resolves.toBeNull();
    await expect(attempt("guess19@example.com", "x")).rejects.toThrow(/^RateLimited:/);
    await expect(attempt("root@example.com", ADMIN_PASSWORD)).rejects.toThrow(/^RateLimited:/);
    await expect(attempt("root@example.com", ADMIN_PASSWORD, "10.0.0.2")).resolves.not.toBeNull();
  });

  it("clears the account's failures after a successful sign-in", async () => {
    for (let i = 0; i < 4; i++) await attempt("root@example.com", "nope");
    await expect(attempt("root@example.com", ADMIN_PASSWORD)).resolves.not.toBeNull();
    for (let i = 0; i < 4; i++)
      await expect(attempt("root@example.com", "nope")).resolves.toBeNull();
  });

  it("takes the client address from the last X-Forwarded-For entry", () => {
    expect(clientIpFrom({ "x-forwarded-for": "1.1.1.1, 2.2.2.2" })).toBe("2.2.2.2");
    expect(clientIpFrom(new Headers({ "x-real-ip": "3.3.3.3" }))).toBe("3.3.3.3");
    expect(clientIpFrom({})).toBe("unknown");
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
