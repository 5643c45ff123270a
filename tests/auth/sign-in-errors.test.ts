import { describe, expect, it } from "vitest";
import {
  describeSignInError,
  rateLimitedCode,
  signInBusyCode,
  signInBusyRetryAt,
} from "@/lib/auth/sign-in-errors";
import { safeCallbackPath } from "@/lib/auth/callback-url";

describe("sign-in error messages", () => {
  const idp = { idpName: "Contoso Entra ID" };

  it("says the password or email is wrong", () => {
    expect(describeSignInError("CredentialsSignin")).toBe("Wrong email or password.");
  });

  it("says when to retry after too many attempts", () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const message = describeSignInError(rateLimitedCode(now + 7 * 60_000), { now });
    expect(message).toMatch(
      /^Too many failed sign-in attempts\. Try again in 7 minutes \(at .+\)\.$/,
    );
    expect(describeSignInError(rateLimitedCode(now - 1), { now })).toBe(
      "Too many failed sign-in attempts. Try again now.",
    );
  });

  it("names the identity provider when it cannot be reached or refuses", () => {
    expect(describeSignInError("OAuthSignin", idp)).toBe(
      "Could not reach Contoso Entra ID. Try again in a moment, or use another sign-in option.",
    );
    expect(describeSignInError("AccessDenied", idp)).toMatch(
      /^Contoso Entra ID did not share a verified email/,
    );
    expect(describeSignInError("OAuthCallback", idp)).toMatch(
      /^Signing in with Contoso Entra ID did not complete/,
    );
  });

  it("explains a refused demo sign-in and falls back to a generic line", () => {
    expect(describeSignInError("DemoUnavailable")).toMatch(
      /only available when Tenant Atlas runs on its built-in simulator/,
    );
    expect(describeSignInError("SomethingNew")).toBe("Sign-in failed. Try again.");
    expect(describeSignInError(null)).toBeNull();
  });
});

describe("where sign-in returns to", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/tenants/t-1?view=eu")).toBe("/tenants/t-1?view=eu");
    expect(safeCallbackPath("http://localhost:3000/changes", "http://localhost:3000")).toBe(
      "/changes",
    );
  });

  it("refuses other sites, protocol-relative links and the sign-in page itself", () => {
    expect(safeCallbackPath("https://evil.test/", "http://localhost:3000")).toBe("/");
    expect(safeCallbackPath("//evil.test/x")).toBe("/");
    expect(safeCallbackPath("/\\evil.test")).toBe("/");
    expect(safeCallbackPath("javascript:alert(1)")).toBe("/");
    expect(safeCallbackPath("/signin?callbackUrl=/")).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
  });
});

describe("sign-in turned away while busy", () => {
  it("says to retry in seconds, and reads back when", () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const code = signInBusyCode(now + 2000);
    expect(code).toBe(`SignInBusy:${(now + 2000) / 1000}`);
    expect(signInBusyRetryAt(code)).toBe(now + 2000);
    expect(signInBusyRetryAt("RateLimited:123")).toBeNull();
    expect(signInBusyRetryAt("SignInBusy:soon")).toBeNull();
    expect(describeSignInError(code, { now })).toBe(
      "Too many sign-ins are being checked right now. Try again in 2 seconds.",
    );
  });

  it("counts a short wait after failures in seconds too", () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(describeSignInError(rateLimitedCode(now + 1000), { now })).toBe(
      "Too many failed sign-in attempts. Try again in 1 second.",
    );
  });
});
