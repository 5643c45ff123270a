// Shared set-up for the auth tests: a known environment, session cookies minted the way next-auth
// mints them, and requests shaped like the ones Next.js hands to route handlers.
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { resetEnvForTests } from "@/lib/config/env";
import { PEER_HEADER, peerStamp } from "@/lib/http/client-address";

export const TEST_SECRET = "unit-test-nextauth-secret-0123456789abcdef";
export const QLIK_SECRET = "unit-test-qlik-client-secret-55aa";
export const ADMIN_HASH = "$2b$04$2RWdBIPEiqkOLQRD1Mj.UOJthmFXcc0eAf5qhSFeW2xsyB33c9zwW"; // "correct horse battery"
export const ADMIN_PASSWORD = "correct horse battery";

/** A valid production-like environment: real credentials, OIDC, a local admin and both lists. */
export const BASE_ENV: Record<string, string> = {
  NEXTAUTH_URL: "http://localhost:3000",
  NEXTAUTH_SECRET: TEST_SECRET,
  QLIK_BASE_URL: "https://console.qlikcloud.com",
  QLIK_CLIENT_ID: "unit-client",
  QLIK_CLIENT_SECRET: QLIK_SECRET,
  AUTH_OIDC_ISSUER: "https://login.example.com/tenant/v2.0",
  AUTH_OIDC_CLIENT_ID: "atlas",
  AUTH_OIDC_CLIENT_SECRET: "unit-oidc-client-secret",
  ATLAS_ADMIN_EMAIL: "root@example.com",
  ATLAS_ADMIN_PASSWORD_HASH: ADMIN_HASH,
  ATLAS_ADMINS: "ada@example.com",
  ATLAS_VIEWERS: "@viewers.example.com",
  LOG_LEVEL: "silent",
  // The session deny-list is read on every signed-in request: one in-memory database per process.
  DATABASE_URL: "file::memory:",
};

const touched = new Set<string>();

/** Replaces the settings the app reads with BASE_ENV + `overrides` (undefined removes one). */
export function useEnv(overrides: Record<string, string | undefined> = {}): void {
  for (const key of touched) delete process.env[key];
  touched.clear();
  for (const [key, value] of Object.entries({ ...BASE_ENV, ...overrides })) {
    touched.add(key);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
}

export type TestIdentity = {
  email: string;
  name?: string;
  provider: "oidc" | "local" | "demo";
  demoRole?: "admin" | "viewer";
  /** OIDC sign-ins only: whether the IdP verified the email (default true, as next-auth records it). */
  emailVerified?: boolean;
  /** The session's id; default a fresh one, as every sign-in makes. */
  sid?: string;
  /** Seconds since the epoch; default now. */
  signedInAt?: number;
};

/** What every sign-in adds to the cookie: a fresh session id and the sign-in time (lib/auth/options.ts). */
export function newSession(): { sid: string; signedInAt: number } {
  return { sid: randomBytes(16).toString("base64url"), signedInAt: Math.floor(Date.now() / 1000) };
}

/** The `Cookie` header a browser would send after signing in as `who`. */
export async function sessionCookie(who: TestIdentity, secret = TEST_SECRET): Promise<string> {
  const verified = who.provider === "oidc" ? { emailVerified: true } : {};
  const token = await encode({
    token: { name: who.name ?? who.email, ...newSession(), ...verified, ...who },
    secret,
  });
  return `next-auth.session-token=${token}`;
}

export const PEOPLE = {
  admin: { email: "ada@example.com", provider: "oidc" },
  viewer: { email: "vic@viewers.example.com", provider: "oidc" },
  outsider: { email: "olga@elsewhere.example.com", provider: "oidc" },
} satisfies Record<string, TestIdentity>;

export const APP_ORIGIN = "http://localhost:3000";
const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"];

/**
 * A request as a browser on the app sends it: writes carry `Origin: http://localhost:3000` (unless
 * `headers` names another Origin, or `origin: null` leaves it out, as a script might).
 */
export function request(
  path: string,
  init: {
    method?: string;
    cookie?: string;
    body?: BodyInit;
    headers?: Record<string, string>;
    origin?: string | null;
  } = {},
): NextRequest {
  const headers = new Headers(init.headers);
  const method = init.method ?? "GET";
  if (!headers.has("origin") && init.origin !== null && !SAFE_METHODS.includes(method))
    headers.set("origin", init.origin ?? APP_ORIGIN);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.body !== undefined && !headers.has("content-type"))
    headers.set("content-type", "application/json");
  return new NextRequest(new URL(path, APP_ORIGIN), {
    method,
    headers,
    body: init.body,
    ...(init.body instanceof ReadableStream ? { duplex: "half" } : {}),
  });
}

export const noParams = { params: Promise.resolve({}) };

/**
 * Request headers that make a request come from client address `address`, as the socket-address
 * stamp does in the running app (lib/http/peer-address-stamp.ts). A sent X-Forwarded-For counts
 * only with TRUSTED_PROXY_HOPS set.
 */
export function fromAddress(address: string): Record<string, string> {
  return { [PEER_HEADER]: peerStamp(address) };
}
