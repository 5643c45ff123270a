// The proxy's part of the security headers, called as Next.js calls it: the policy per kind of
// request and HSTS only for an https deployment.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";

const call = (path: string, cookie?: string) =>
  proxy(new NextRequest(`http://localhost:3000${path}`, { headers: cookie ? { cookie } : {} }));

afterEach(() => vi.unstubAllEnvs());

describe("proxy security headers", () => {
  it("gives pages a nonce policy, new on every request, and passes it to Next.js", () => {
    const session = "next-auth.session-token=x";
    const a = call("/", session).headers.get("content-security-policy")!;
    const b = call("/", session).headers.get("content-security-policy")!;
    expect(a).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(a).not.toBe(b);
    const forwarded = call("/", session).headers.get(
      "x-middleware-request-content-security-policy",
    );
    expect(forwarded).toMatch(/'nonce-/);
  });

  it("closes API answers: nothing may run or load", () => {
    const csp = call("/api/tenants").headers.get("content-security-policy");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("sends HSTS only when the public URL is https", () => {
    expect(call("/api/health").headers.get("strict-transport-security")).toBeNull();
    vi.stubEnv("NEXTAUTH_URL", "https://atlas.example.com");
    expect(call("/api/health").headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(call("/signin").headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  it("redirects a page request without a session to sign-in, with the headers", () => {
    const response = call("/changes?kind=renamed");
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(
      "http://localhost:3000/signin?callbackUrl=%2Fchanges%3Fkind%3Drenamed",
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toMatch(/'nonce-/);
  });

  it("lets open pages, share links and files through without a session", () => {
    for (const path of ["/signin", "/no-access", `/s/${"A".repeat(43)}`, "/icon.svg"])
      expect(call(path).status, path).toBe(200);
  });
});
