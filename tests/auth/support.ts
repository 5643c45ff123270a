// Shared set-up for the auth tests: a known environment, session cookies minted the way next-auth
// mints them, and requests shaped like the ones Next.js hands to route handlers.
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { resetEnvForTests } from "@/lib/config/env";

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
};

/** The `Cookie` header a browser would send after signing in as `who`. */
export async function sessionCookie(who: TestIdentity, secret = TEST_SECRET): Promise<string> {
  const token = await encode({ token: { name: who.name ?? who.email, ...who }, secret });
  return `next-auth.session-token=${token}`;
}

export const PEOPLE = {
  admin: { email: "ada@example.com", provider: "oidc" },
  viewer: { email: "vic@viewers.example.com", provider: "oidc" },
  outsider: { email: "olga@elsewhere.example.com", provider: "oidc" },
} satisfies Record<string, TestIdentity>;

export function request(
  path: string,
  init: { method?: string; cookie?: string; body?: string; headers?: Record<string, string> } = {},
): NextRequest {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.body !== undefined && !headers.has("content-type"))
    headers.set("content-type", "application/json");
  return new NextRequest(new URL(path, "http://localhost:3000"), {
    method: init.method ?? "GET",
    headers,
    body: init.body,
  });
}

export const noParams = { params: Promise.resolve({}) };
