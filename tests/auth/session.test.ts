import { afterEach, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { buildAuthOptions } from "@/lib/auth/options";
import { createSignInLimiters } from "@/lib/auth/local-admin";
import { resolveSession, sessionCookieName } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { parseEnv } from "@/lib/config/schema";
import {
  BASE_ENV,
  PEOPLE,
  TEST_SECRET,
  newSession,
  sessionCookie,
  useEnv,
  type TestIdentity,
} from "./support";

async function cookiesFor(who: TestIdentity, secret?: string) {
  const [name, value] = (await sessionCookie(who, secret)).split("=");
  return [{ name: name ?? "", value: value ?? "" }];
}

describe("session resolution", () => {
  it("resolves the role from the current lists on every request", async () => {
    useEnv();
    const cookies = await cookiesFor(PEOPLE.viewer);
    expect((await resolveSession(cookies)).user).toMatchObject({ kind: "user", role: "viewer" });
    // Same cookie, operator removed the domain from ATLAS_VIEWERS and restarted:
    useEnv({ ATLAS_VIEWERS: "" });
    const after = await resolveSession(cookies);
    expect(after.identity?.email).toBe(PEOPLE.viewer.email);
    expect(after.user).toBeNull();
  });

  it("makes the local admin an admin", async () => {
    useEnv();
    const state = await resolveSession(
      await cookiesFor({ email: "root@example.com", provider: "local" }),
    );
    expect(state.user?.role).toBe("admin");
  });

  it("treats a cookie sealed with another secret, or garbage, as signed out", async () => {
    useEnv();
    const forged = await cookiesFor(PEOPLE.admin, "another-secret-that-is-long-enough-0000");
    expect(await resolveSession(forged)).toEqual({ identity: null, user: null });
    expect(await resolveSession([{ name: "next-auth.session-token", value: "garbage" }])).toEqual({
      identity: null,
      user: null,
    });
  });

  it("reads next-auth's chunked cookies in order", async () => {
    useEnv();
    const [whole] = await cookiesFor(PEOPLE.admin);
    const value = whole?.value ?? "";
    const half = Math.floor(value.length / 2);
    const chunks = [
      { name: "next-auth.session-token.1", value: value.slice(half) },
      { name: "next-auth.session-token.0", value: value.slice(0, half) },
    ];
    expect((await resolveSession(chunks)).user?.email).toBe(PEOPLE.admin.email);
  });
});

describe("decoded sessions kept by token", () => {
  afterEach(() => vi.useRealTimers());

  it("still refuses a session once its own expiry has passed", async () => {
    useEnv();
    vi.useFakeTimers({ now: new Date("2026-11-27T12:00:00Z"), toFake: ["Date"] });
    const token = await encode({
      token: { name: "Vic", ...newSession(), emailVerified: true, ...PEOPLE.viewer },
      secret: TEST_SECRET,
      maxAge: 60,
    });
    const cookies = [{ name: "next-auth.session-token", value: token }];
    expect((await resolveSession(cookies)).user?.role).toBe("viewer");
    vi.setSystemTime(new Date("2026-11-27T12:00:59Z"));
    expect((await resolveSession(cookies)).user?.role).toBe("viewer");
    vi.setSystemTime(new Date("2026-11-27T12:02:00Z"));
    expect(await resolveSession(cookies)).toEqual({ identity: null, user: null });
  });

  it("ends a session SESSION_MAX_AGE_HOURS after sign-in, however often the cookie was renewed", async () => {
    useEnv({ SESSION_MAX_AGE_HOURS: "8" });
    const now = Math.floor(Date.now() / 1000);
    // What next-auth writes when it renews the cookie: a fresh expiry, the same sign-in time.
    const renewed = (signedInAt: number) =>
      encode({
        token: { name: "Vic", ...newSession(), emailVerified: true, ...PEOPLE.viewer, signedInAt },
        secret: TEST_SECRET,
      });
    const cookie = async (signedInAt: number) => [
      { name: "next-auth.session-token", value: await renewed(signedInAt) },
    ];
    expect((await resolveSession(await cookie(now - 7 * 3600))).user?.role).toBe("viewer");
    expect(await resolveSession(await cookie(now - 9 * 3600))).toEqual({
      identity: null,
      user: null,
    });
  });

  it("forgets every session when the secret changes", async () => {
    useEnv();
    const cookies = await cookiesFor(PEOPLE.admin);
    expect((await resolveSession(cookies)).user?.role).toBe("admin");
    useEnv({ NEXTAUTH_SECRET: "a-rotated-secret-that-is-long-enough-1234" });
    expect(await resolveSession(cookies)).toEqual({ identity: null, user: null });
  });
});

describe("cookies", () => {
  const build = (env: ReturnType<typeof getEnv>) =>
    buildAuthOptions(env, { signInLimiters: createSignInLimiters() });

  it("are Secure when NEXTAUTH_URL is https, the session cookie with the __Host- prefix", () => {
    const env = parseEnv({ ...BASE_ENV, NEXTAUTH_URL: "https://atlas.example.com" });
    expect(build(env).useSecureCookies).toBe(true);
    expect(sessionCookieName(env)).toBe("__Host-next-auth.session-token");
    // __Host- needs Secure, Path=/ and no Domain, or browsers drop the cookie.
    expect(build(env).cookies?.sessionToken).toEqual({
      name: "__Host-next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
  });

  it("are not Secure over plain http (local and demo)", () => {
    useEnv();
    expect(build(getEnv()).useSecureCookies).toBe(false);
    expect(sessionCookieName(getEnv())).toBe("next-auth.session-token");
  });

  it("last SESSION_MAX_AGE_HOURS", () => {
    const env = parseEnv({ ...BASE_ENV, SESSION_MAX_AGE_HOURS: "3" });
    expect(build(env).session?.maxAge).toBe(3 * 3600);
    expect(build(env).jwt?.maxAge).toBe(3 * 3600);
  });

  it("carry no IdP token: the jwt callback keeps only who signed in and how", async () => {
    useEnv();
    const jwt = build(getEnv()).callbacks?.jwt;
    const token = await jwt?.({
      token: { sub: "s1", email: "x", picture: "p" },
      user: { id: "s1", email: "Ada@Example.com", name: "Ada" },
      account: {
        provider: "oidc",
        type: "oauth",
        providerAccountId: "s1",
        access_token: "at-123",
        id_token: "it-456",
      },
      trigger: "signIn",
    } as never);
    expect(token).toEqual({
      sub: "s1",
      email: "ada@example.com",
      name: "Ada",
      provider: "oidc",
      signedInAt: expect.any(Number),
      sid: expect.stringMatching(/^[\w-]{22}$/),
    });
  });

  it("refuse an OIDC sign-in whose email the IdP does not say is verified, or that has none", async () => {
    useEnv();
    const signIn = build(getEnv()).callbacks?.signIn;
    const account = { provider: "oidc", type: "oauth", providerAccountId: "s" } as never;
    const user = { id: "s" };
    const unverified = { email: "a@b.test", email_verified: false };
    expect(await signIn?.({ user, account, profile: unverified } as never)).toBe(false);
    expect(await signIn?.({ user, account, profile: {} } as never)).toBe(false);
    // No email_verified claim at all: refused unless AUTH_OIDC_TRUST_EMAIL (verified-email.test.ts).
    expect(await signIn?.({ user, account, profile: { email: "a@b.test" } } as never)).toBe(false);
    const verified = { email: "a@b.test", email_verified: true };
    expect(await signIn?.({ user, account, profile: verified } as never)).toBe(true);
  });
});
