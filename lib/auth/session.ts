import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { z } from "zod";
import { Lru } from "@/lib/cache/lru";
import { getEnv } from "@/lib/config/env";
import type { Env } from "@/lib/config/schema";
import { demoSignInAvailable, isDemoMode } from "./demo";
import { ROLES, type Role, type UserPrincipal } from "./principal";
import { isSessionRevoked, sessionClaimsSchema } from "./revocation";
import { roleForSignIn } from "./roles";

// Reads the session cookie next-auth wrote and decides, on every request, who the person is and
// which role the current settings give them. Pages use getCurrentSession()/requireUser(); route
// handlers get the same answer through withRoute().

export const SIGN_IN_PROVIDERS = ["oidc", "local", "demo"] as const;
export type SignInProvider = (typeof SIGN_IN_PROVIDERS)[number];

/** What the session cookie says about the person (never their role: that comes from the settings). */
export type SessionIdentity = {
  email: string;
  name: string;
  provider: SignInProvider;
  /** Demo users only: which demo button they pressed. */
  demoRole?: Role | undefined;
  /** OIDC only: the identity provider vouched for the email at sign-in (no role without it). */
  emailVerified?: boolean | undefined;
};

/** `identity` null: not signed in. `user` null with an identity: signed in but in neither list. */
export type SessionState = { identity: SessionIdentity | null; user: UserPrincipal | null };

const ANONYMOUS: SessionState = { identity: null, user: null };

// `sid` and `signedInAt` (seconds) are required: a cookie without them could be neither ended
// early nor held to its lifetime.
const tokenSchema = sessionClaimsSchema.extend({
  name: z.string().nullish(),
  provider: z.enum(SIGN_IN_PROVIDERS),
  demoRole: z.enum(ROLES).optional(),
  emailVerified: z.boolean().optional(),
});

export function usesSecureCookies(env: Pick<Env, "NEXTAUTH_URL">): boolean {
  return env.NEXTAUTH_URL?.startsWith("https://") ?? false;
}

/**
 * The session cookie's name. Over https it has the __Host- prefix: browsers then accept it only
 * Secure, for this host alone (no Domain) and Path=/, so a sibling subdomain cannot plant or
 * shadow it. proxy.ts recognizes both names.
 */
export function sessionCookieName(env: Pick<Env, "NEXTAUTH_URL">): string {
  return `${usesSecureCookies(env) ? "__Host-" : ""}next-auth.session-token`;
}

/** The role `identity` has under the current settings, or null for none. */
export function roleFor(identity: SessionIdentity, env: Env): Role | null {
  if (identity.provider === "demo") return isDemoMode(env) ? (identity.demoRole ?? null) : null;
  return roleForSignIn(
    { provider: identity.provider, email: identity.email, emailVerified: identity.emailVerified },
    {
      admins: env.ATLAS_ADMINS,
      viewers: env.ATLAS_VIEWERS,
      localAdminEmail: env.ATLAS_ADMIN_EMAIL,
    },
  );
}

/** Decodes the session from the request's cookies (next-auth splits big ones into `name.0`, `name.1`). */
export async function resolveSession(
  requestCookies: ReadonlyArray<{ name: string; value: string }>,
  env: Env = getEnv(),
): Promise<SessionState> {
  if (!env.NEXTAUTH_SECRET) return ANONYMOUS;
  const name = sessionCookieName(env);
  const chunks = requestCookies
    .filter((c) => c.name === name || c.name.startsWith(`${name}.`))
    .sort((a, b) => chunkIndex(a.name) - chunkIndex(b.name));
  if (chunks.length === 0) return ANONYMOUS;
  let payload: unknown;
  try {
    payload = await decodeToken(chunks.map((c) => c.value).join(""), env.NEXTAUTH_SECRET);
  } catch {
    return ANONYMOUS; // tampered, expired or written with another secret
  }
  const parsed = tokenSchema.safeParse(payload);
  if (!parsed.success) return ANONYMOUS;
  const { email, name: displayName, provider, demoRole, emailVerified, signedInAt } = parsed.data;
  // A session lasts SESSION_MAX_AGE_HOURS from sign-in, however often the cookie was re-issued.
  if (Date.now() / 1000 - signedInAt > env.SESSION_MAX_AGE_HOURS * 3600) return ANONYMOUS;
  if (await isSessionRevoked(parsed.data)) return ANONYMOUS;
  const identity: SessionIdentity = {
    email,
    name: displayName || email,
    provider,
    demoRole,
    emailVerified,
  };
  // A demo session has its role only while the simulator npm start launched still answers for it.
  const demoOk = provider !== "demo" || (await demoSignInAvailable(env));
  const role = demoOk ? roleFor(identity, env) : null;
  return {
    identity,
    user: role ? { kind: "user", email: identity.email, name: identity.name, role } : null,
  };
}

// Decoding next-auth's JWE costs an HKDF key derivation and an AES-GCM decryption (≈ 0.2 ms), and
// the same cookie comes with every request of a session. So decoded payloads are kept by token:
// successes only, at most 1,000, each until its own `exp`; another secret empties the cache.
const decoded = {
  secret: "",
  tokens: new Lru<string, { payload: unknown; expiresAt: number }>(1000),
};

async function decodeToken(token: string, secret: string): Promise<unknown> {
  if (decoded.secret !== secret) {
    decoded.secret = secret;
    decoded.tokens.clear();
  }
  const hit = decoded.tokens.get(token);
  if (hit && hit.expiresAt > Date.now()) return hit.payload;
  const payload = await decode({ token, secret }); // throws when tampered, expired or foreign
  const exp = (payload as { exp?: unknown } | null)?.exp;
  if (typeof exp === "number") decoded.tokens.set(token, { payload, expiresAt: exp * 1000 });
  return payload;
}

function chunkIndex(cookieName: string): number {
  const suffix = Number(cookieName.split(".").pop());
  return Number.isInteger(suffix) ? suffix : -1;
}

/** The session of the page being rendered (decoded once per request). */
export const getCurrentSession = cache(async (): Promise<SessionState> => {
  const store = await cookies();
  return resolveSession(store.getAll());
});

/**
 * For pages: the signed-in user with a role. Anyone else is sent to sign in (`callbackPath` brings
 * them back) or to the no-access page.
 */
export async function requireUser(callbackPath = "/"): Promise<UserPrincipal> {
  const { identity, user } = await getCurrentSession();
  if (!identity) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!user) redirect("/no-access");
  return user;
}
