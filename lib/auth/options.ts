import "server-only";
import { randomBytes } from "node:crypto";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getEnv } from "@/lib/config/env";
import { getStorage } from "@/lib/db/storage";
import type { Env } from "@/lib/config/schema";
import { log, maskInLogs } from "@/lib/log";
import { authorizeDemo, isDemoMode } from "./demo";
import { clientIpFrom } from "@/lib/http/client-address";
import { globalSingleton } from "@/lib/runtime/global-singleton";
import { sameOriginPath } from "./callback-url";
import { authorizeLocalAdmin, createSignInLimiters, type SignInLimiters } from "./local-admin";
import { isOidcEmailVerified } from "./oidc-email";
import { keepIfLive, revokeSignedOutSession } from "./revocation";
import { sessionCookieName, usesSecureCookies } from "./session";

// next-auth's configuration, built from the validated settings: only the sign-in methods that are
// configured exist (so /api/auth/providers lists exactly those), sessions are JWT cookies, and the
// cookie carries who the person is and how they signed in, never a role or an IdP token.

type OidcProfile = {
  sub: string;
  email?: string;
  /** A boolean per the spec; some IdPs send the string "true". */
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
};

function oidcProvider(env: Env): OAuthConfig<OidcProfile> {
  const issuer = (env.AUTH_OIDC_ISSUER ?? "").replace(/\/+$/, "");
  return {
    id: "oidc",
    name: env.AUTH_OIDC_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: env.AUTH_OIDC_CLIENT_ID,
    clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    httpOptions: { timeout: 10_000 },
    profile(profile) {
      return {
        id: profile.sub,
        email: profile.email?.toLowerCase() ?? null,
        name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub,
      };
    },
  };
}

export type AuthDeps = { signInLimiters: SignInLimiters };

export function buildAuthOptions(env: Env, deps: AuthDeps): AuthOptions {
  maskInLogs(env.NEXTAUTH_SECRET);
  maskInLogs(env.AUTH_OIDC_CLIENT_SECRET);
  const maxAge = env.SESSION_MAX_AGE_HOURS * 60 * 60;
  const providers: AuthOptions["providers"] = [];
  if (env.AUTH_OIDC_ISSUER) providers.push(oidcProvider(env));
  if (env.ATLAS_ADMIN_EMAIL)
    providers.push(
      CredentialsProvider({
        id: "local",
        name: "Local admin",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: (credentials, req) =>
          authorizeLocalAdmin(credentials, clientIpFrom(req.headers ?? {}), {
            email: env.ATLAS_ADMIN_EMAIL,
            passwordHash: env.ATLAS_ADMIN_PASSWORD_HASH,
            limiters: deps.signInLimiters,
          }),
      }),
    );
  if (isDemoMode(env))
    providers.push(
      CredentialsProvider({
        id: "demo",
        name: "Demo",
        credentials: { role: { label: "Role", type: "text" } },
        authorize: async (credentials) => authorizeDemo(credentials, env),
      }),
    );

  return {
    secret: env.NEXTAUTH_SECRET,
    providers,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    // Secure cookies (and the __Secure-/__Host- prefixes) whenever the app is served over https;
    // next-auth's cookies are HttpOnly and SameSite=Lax.
    useSecureCookies: usesSecureCookies(env),
    // …and the session cookie with __Host- rather than next-auth's __Secure- (lib/auth/session.ts).
    cookies: usesSecureCookies(env)
      ? {
          sessionToken: {
            name: sessionCookieName(env),
            options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
          },
        }
      : undefined,
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        // Roles are decided by email, so the IdP must vouch for one (lib/auth/oidc-email.ts).
        const claims = profile as OidcProfile | undefined;
        const ok = isOidcEmailVerified(claims, env.AUTH_OIDC_TRUST_EMAIL);
        if (!ok)
          log("auth").warn(
            {
              event: "oidc_sign_in_refused",
              hasEmail: Boolean(claims?.email),
              emailVerified: claims?.email_verified ?? null,
            },
            "identity provider sent no verified email",
          );
        return ok;
      },
      // Only ever to this site (a same-origin path), whatever callbackUrl a link carried.
      redirect({ url, baseUrl }) {
        const path = sameOriginPath(url, baseUrl);
        return new URL(path ?? "/", baseUrl).toString();
      },
      jwt({ token, user, account, profile }) {
        // A session read: no fresh cookie for a session that has ended (./revocation.ts).
        if (!account || !user) return keepIfLive(token, env.SESSION_MAX_AGE_HOURS);
        // Replace, not extend: nothing from the IdP (tokens, picture, raw claims) goes in the cookie.
        const demoRole = "demoRole" in user ? user.demoRole : undefined;
        return {
          sub: token.sub,
          email: user.email?.toLowerCase(),
          name: user.name,
          provider: account.provider,
          ...(demoRole ? { demoRole } : {}),
          // Checked again on every request (lib/auth/roles.ts): an OIDC role needs it.
          ...(account.provider === "oidc" && isOidcEmailVerified(profile, env.AUTH_OIDC_TRUST_EMAIL)
            ? { emailVerified: true }
            : {}),
          // next-auth re-issues the cookie with a fresh expiry on every session read; this keeps
          // the sign-in time, so a session ends SESSION_MAX_AGE_HOURS after it (lib/auth/session.ts).
          signedInAt: Math.floor(Date.now() / 1000),
          // The session's own id, so that signing out can end this session alone (./revocation.ts).
          sid: randomBytes(16).toString("base64url"),
        };
      },
      session({ session, token }) {
        return {
          expires: session.expires,
          user: { email: token.email, name: token.name },
        };
      },
    },
    events: {
      // Put the session on the deny-list, so a copy of its cookie stops working too.
      signOut: ({ token }) => revokeSignedOutSession(token),
      signIn({ user, account }) {
        log("auth").info(
          { event: "sign_in", provider: account?.provider, email: user.email },
          "signed in",
        );
      },
    },
    logger: {
      error(code, metadata) {
        const error =
          metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error;
        const message = error instanceof Error ? error.message : undefined;
        log("next-auth").error({ code, message }, "next-auth error");
      },
      warn(code) {
        log("next-auth").warn({ code }, "next-auth warning");
      },
      debug() {},
    },
  };
}

// One set of sign-in limiters per server process, counting in the database so that every instance
// sees the same failures (rate-limit.ts), kept across dev reloads.
const deps = (): AuthDeps => ({
  signInLimiters: globalSingleton("auth:sign-in-limiters", () =>
    createSignInLimiters(
      {},
      {
        store: getStorage,
        onStoreError: (err) =>
          log("auth").warn({ err }, "sign-in limiter: database unavailable, counting in memory"),
      },
    ),
  ),
});
let cached: AuthOptions | undefined;

/** The app's next-auth options (built on first use, not at import, so `next build` needs no env). */
export function getAuthOptions(): AuthOptions {
  cached ??= buildAuthOptions(getEnv(), deps());
  return cached;
}
