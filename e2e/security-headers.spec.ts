// Every kind of answer the running app gives — pages, redirects, API answers, errors, shared-link
// pages, files — carries the security headers, and pages a Content-Security-Policy whose nonce is
// new on every request and is the one on every script Next.js renders.
import type { APIResponse } from "@playwright/test";
import { expect, test } from "./support/fixtures";

const STATIC = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

function expectStaticHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  for (const [name, value] of Object.entries(STATIC))
    expect(headers[name], `${what}: ${name}`).toBe(value);
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["permissions-policy"], what).toContain("geolocation=()");
  expect(headers["referrer-policy"], what).toBeTruthy();
  // Plain http here: HSTS only under https (tests/security/headers.test.ts).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

function pagePolicy(response: APIResponse, what: string): { csp: string; nonce: string } {
  const csp = response.headers()["content-security-policy"] ?? "";
  const script = /(?:^|;\s*)script-src ([^;]*)/.exec(csp)?.[1] ?? "";
  expect(script, `${what}: script-src`).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(script, what).toContain("'strict-dynamic'");
  expect(script, what).not.toContain("'unsafe-inline'");
  expect(script, what).not.toContain("'unsafe-eval'");
  for (const directive of [
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "connect-src 'self'",
  ])
    expect(csp, what).toContain(directive);
  return { csp, nonce: /'nonce-([^']+)'/.exec(script)![1]! };
}

test("pages: a fresh nonce per request, on every script Next.js renders", async ({ apiAs }) => {
  const viewer = await apiAs("viewer");
  const nonces = new Set<string>();
  for (const path of ["/", "/changes", "/shares", "/signin"]) {
    const response = await viewer.get(path);
    expect(response.status(), path).toBe(200);
    expectStaticHeaders(response, path);
    const { nonce } = pagePolicy(response, path);
    nonces.add(nonce);
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, `${path}: ${tag}`).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(4);
});

test("redirects, errors, API answers, shared links and files carry them too", async ({ apiAs }) => {
  const anonymous = await apiAs("anonymous");
  const viewer = await apiAs("viewer");
  const redirect = await anonymous.get("/changes", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectStaticHeaders(redirect, "sign-in redirect");
  pagePolicy(redirect, "sign-in redirect");

  const missing = await viewer.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expectStaticHeaders(missing, "404 page");
  pagePolicy(missing, "404 page");

  const unknownLink = await anonymous.get(`/s/${"A".repeat(43)}`, {
    headers: { "x-forwarded-for": "10.77.0.1" },
  });
  expect(unknownLink.status()).toBe(404);
  expectStaticHeaders(unknownLink, "unknown share link");
  pagePolicy(unknownLink, "unknown share link");

  for (const [what, response] of [
    ["API 200", await viewer.get("/api/tenants?limit=1")],
    ["API 401", await anonymous.get("/api/tenants")],
    ["API 400", await viewer.get("/api/tenants?sort=nope")],
    ["API health", await anonymous.get("/api/health")],
  ] as const) {
    expectStaticHeaders(response, what);
    expect(response.headers()["content-security-policy"], what).toContain("default-src 'none'");
    expect(response.headers()["content-security-policy"], what).toContain("frame-ancestors 'none'");
  }

  const icon = await anonymous.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expectStaticHeaders(icon, "icon.svg");
  const html = await (await viewer.get("/")).text();
  const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  const script = await anonymous.get(asset!);
  expect(script.status()).toBe(200);
  expectStaticHeaders(script, "static script");
});
