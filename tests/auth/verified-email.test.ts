import { beforeEach, describe, expect, it } from "vitest";
import { createSignInLimiters } from "@/lib/auth/local-admin";
import { isOidcEmailVerified } from "@/lib/auth/oidc-email";
import { buildAuthOptions } from "@/lib/auth/options";
import { roleForSignIn } from "@/lib/auth/roles";
import { roleFor, type SessionIdentity } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { parseEnv } from "@/lib/config/schema";
import { BASE_ENV, useEnv } from "./support";

// Roles are granted by email, so only an email the identity provider vouches for may grant one.
// BASE_ENV: ATLAS_ADMINS=ada@example.com, ATLAS_VIEWERS=@viewers.example.com,
// ATLAS_ADMIN_EMAIL=root@example.com (the local sign-in).

beforeEach(() => useEnv());

const oidc = { provider: "oidc", type: "oauth", providerAccountId: "s1" } as const;
const options = (overrides: Record<string, string> = {}) =>
  buildAuthOptions(parseEnv({ ...BASE_ENV, ...overrides }), {
    signInLimiters: createSignInLimiters(),
  });

/** What next-auth's signIn callback decides for an ID token with these claims. */
async function oidcSignIn(claims: Record<string, unknown>, overrides?: Record<string, string>) {
  const signIn = options(overrides).callbacks!.signIn!;
  return signIn({ user: { id: "s1" }, account: oidc, profile: claims } as never);
}

/** The cookie claims next-auth's jwt callback writes at an OIDC sign-in. */
async function oidcToken(claims: Record<string, unknown>, overrides?: Record<string, string>) {
  const jwt = options(overrides).callbacks!.jwt!;
  const email = String(claims.email);
  return (await jwt({
    token: { sub: "s1" },
    user: { id: "s1", email, name: "Someone" },
    account: oidc,
    profile: claims,
    trigger: "signIn",
  } as never)) as Record<string, unknown>;
}

describe("an OIDC sign-in", () => {
  it("is accepted only with email_verified: true", async () => {
    expect(await oidcSignIn({ email: "ada@example.com", email_verified: true })).toBe(true);
    expect(await oidcSignIn({ email: "ada@example.com", email_verified: "true" })).toBe(true);
    expect(await oidcSignIn({ email: "ada@example.com" })).toBe(false);
    expect(await oidcSignIn({ email: "ada@example.com", email_verified: false })).toBe(false);
    expect(await oidcSignIn({ email: "ada@example.com", email_verified: "false" })).toBe(false);
    expect(await oidcSignIn({ email: "ada@example.com", email_verified: null })).toBe(false);
    expect(await oidcSignIn({ email_verified: true })).toBe(false);
    expect(await oidcSignIn({ email: "  ", email_verified: true })).toBe(false);
  });

  it("with AUTH_OIDC_TRUST_EMAIL=true, is accepted without the claim, never against email_verified: false", async () => {
    const trust = { AUTH_OIDC_TRUST_EMAIL: "true" };
    expect(await oidcSignIn({ email: "ada@example.com" }, trust)).toBe(true);
    expect(await oidcSignIn({ email: "ada@example.com", email_verified: false }, trust)).toBe(
      false,
    );
    expect(await oidcSignIn({}, trust)).toBe(false);
  });

  it("records in the cookie that the email was verified, and nothing when it was not", async () => {
    expect(await oidcToken({ email: "ada@example.com", email_verified: true })).toMatchObject({
      provider: "oidc",
      emailVerified: true,
    });
    const unverified = await oidcToken({ email: "ada@example.com" });
    expect(unverified.emailVerified).toBeUndefined();
    const trusted = await oidcToken({ email: "ada@example.com" }, { AUTH_OIDC_TRUST_EMAIL: "1" });
    expect(trusted.emailVerified).toBe(true);
  });

  it("does not record a verified email for the local sign-in (its role needs none)", async () => {
    const jwt = options().callbacks!.jwt!;
    const token = (await jwt({
      token: { sub: "local-admin" },
      user: { id: "local-admin", email: "root@example.com", name: "Administrator" },
      account: { provider: "local", type: "credentials", providerAccountId: "local-admin" },
      trigger: "signIn",
    } as never)) as Record<string, unknown>;
    expect(token.provider).toBe("local");
    expect(token.emailVerified).toBeUndefined();
  });
});

describe("the role of a session (decided on every request)", () => {
  const who = (identity: Partial<SessionIdentity> & { email: string }): SessionIdentity => ({
    name: identity.email,
    provider: "oidc",
    ...identity,
  });

  it("is none for an OIDC session whose email was not verified, whatever the lists say", () => {
    expect(roleFor(who({ email: "ada@example.com" }), getEnv())).toBeNull();
    expect(roleFor(who({ email: "ada@example.com", emailVerified: false }), getEnv())).toBeNull();
    expect(roleFor(who({ email: "vic@viewers.example.com" }), getEnv())).toBeNull();
    expect(roleFor(who({ email: "ada@example.com", emailVerified: true }), getEnv())).toBe("admin");
    expect(roleFor(who({ email: "vic@viewers.example.com", emailVerified: true }), getEnv())).toBe(
      "viewer",
    );
  });

  it("never makes an OIDC user with ATLAS_ADMIN_EMAIL's address an admin", () => {
    const impostor = who({ email: "root@example.com", emailVerified: true });
    expect(roleFor(impostor, getEnv())).toBeNull();
    expect(roleFor({ ...impostor, email: "ROOT@example.com" }, getEnv())).toBeNull();
    // …unless the operator lists that address for OIDC too.
    useEnv({ ATLAS_VIEWERS: "root@example.com" });
    expect(roleFor(impostor, getEnv())).toBe("viewer");
  });

  it("makes the local sign-in of ATLAS_ADMIN_EMAIL an admin, and no other local session anything", () => {
    const local = (email: string) => who({ email, provider: "local" });
    expect(roleFor(local("root@example.com"), getEnv())).toBe("admin");
    expect(roleFor(local("Root@Example.com"), getEnv())).toBe("admin");
    expect(roleFor(local("ada@example.com"), getEnv())).toBeNull();
    useEnv({ ATLAS_ADMIN_EMAIL: "ops@example.com" });
    expect(roleFor(local("root@example.com"), getEnv())).toBeNull();
  });

  it("follows the same rules in roleForSignIn", () => {
    const lists = { admins: ["@example.com"], viewers: [], localAdminEmail: "root@example.com" };
    expect(roleForSignIn({ provider: "oidc", email: "x@example.com" }, lists)).toBeNull();
    expect(
      roleForSignIn({ provider: "oidc", email: "x@example.com", emailVerified: true }, lists),
    ).toBe("admin");
    expect(roleForSignIn({ provider: "local", email: "x@example.com" }, lists)).toBeNull();
    expect(roleForSignIn({ provider: "local", email: "root@example.com" }, lists)).toBe("admin");
  });
});

describe("isOidcEmailVerified", () => {
  it.each([
    [{ email: "a@b.test", email_verified: true }, false, true],
    [{ email: "a@b.test", email_verified: "true" }, false, true],
    [{ email: "a@b.test" }, false, false],
    [{ email: "a@b.test" }, true, true],
    [{ email: "a@b.test", email_verified: false }, true, false],
    [{ email: "a@b.test", email_verified: 1 }, true, false],
    [{ email: 42, email_verified: true }, true, false],
    [undefined, true, false],
  ])("%o with trust=%s → %s", (claims, trust, expected) => {
    expect(isOidcEmailVerified(claims, trust)).toBe(expected);
  });
});
