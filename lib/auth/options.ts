import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getEnv } from "@/lib/config/env";
import type { Env } from "@/lib/config/schema";
import { log, maskInLogs } from "@/lib/log";
import { authorizeDemo, isDemoMode } from "./demo";
import { authorizeLocalAdmin, clientIpFrom } from "./local-admin";
import { createMemoryLimiter, SIGN_IN_LIMITS, type AttemptLimiter } from "./rate-limit";
import { usesSecureCookies } from "./session";

// next-auth's configuration, built from the validated settings: only the sign-in methods that are
// configured exist (so /api/auth/providers lists exactly those), sessions are JWT cookies, and the
// cookie carries who the person is and how they signed in, never a role or an IdP token.

type OidcProfile = {
  sub: string;
  email?: string;
  email_verified?: boolean;
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

export type AuthDeps = { accountLimiter: AttemptLimiter; ipLimiter: AttemptLimiter };

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
            ...deps,
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
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        // Roles are decided by email, so the IdP must vouch for one.
        const claims = profile as OidcProfile | undefined;
        const ok = Boolean(claims?.email) && claims?.email_verified !== false;
        if (!ok)
          log("auth").warn(
            { event: "oidc_sign_in_refused", hasEmail: Boolean(claims?.email) },
            "identity provider sent no verified email",
          );
        return ok;
      },
      jwt({ token, user, account }) {
        if (!account || !user) return token;
        // Replace, not extend: nothing from the IdP (tokens, picture, raw claims) goes in the cookie.
        const demoRole = "demoRole" in user ? user.demoRole : undefined;
        return {
          sub: token.sub,
          email: user.email?.toLowerCase(),
          name: user.name,
          provider: account.provider,
          ...(demoRole ? { demoRole } : {}),
          // next-auth re-issues the cookie with a fresh expiry on every session read; this keeps
          // the sign-in time, so a session ends SESSION_MAX_AGE_HOURS after it (lib/auth/session.ts).
          signedInAt: Math.floor(Date.now() / 1000),
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

// One limiter pair per server process (see rate-limit.ts for running several instances).
const deps: AuthDeps = {
  accountLimiter: createMemoryLimiter(SIGN_IN_LIMITS.account),
  ipLimiter: createMemoryLimiter(SIGN_IN_LIMITS.ip),
};
let cached: AuthOptions | undefined;

/** The app's next-auth options (built on first use, not at import, so `next build` needs no env). */
export function getAuthOptions(): AuthOptions {
  cached ??= buildAuthOptions(getEnv(), deps);
  return cached;
}
