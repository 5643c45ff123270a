import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { safeCallbackPath, sameOriginPath } from "@/lib/auth/callback-url";
import { buildAuthOptions } from "@/lib/auth/options";
import { createSignInLimiters } from "@/lib/auth/local-admin";
import type { SessionState } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { useEnv } from "./support";

// The sign-in page sends a signed-in person to `callbackUrl`; next-auth's redirect callback does
// the same after a sign-in. Neither may lead off the site. Values are given as they appear in the
// query string (`callbackUrl=<this>`), so the percent-escapes are decoded once, as Next.js does.

const SITE = "http://localhost:3000";
const fromQuery = (raw: string) => new URLSearchParams(`callbackUrl=${raw}`).get("callbackUrl")!;

const ATTACKS = [
  ["TAB after the slash", "/%09/evil.com"],
  ["LF after the slash", "/%0a/evil.com"],
  ["CR after the slash", "/%0d/evil.com"],
  ["TAB inside //", "/%09%09/evil.com"],
  ["slash backslash", "/%5Cevil.com"],
  ["slash backslash, raw", "/\\evil.com"],
  ["backslash slash", "%5C/evil.com"],
  ["backslash slash, raw", "\\/evil.com"],
  ["protocol-relative", "//evil.com"],
  ["protocol-relative with path", "//evil.com/%2F.."],
  ["encoded second slash", "/%2F/evil.com"],
  ["encoded second slash, double-encoded", "/%252F/evil.com"],
  ["dot segment to //", "/.//evil.com"],
  ["another site", "https://evil.com"],
  ["another site, http", "http://evil.com/tenants"],
  ["our host on another port", "http://localhost:4000/"],
  ["our host over https", "https://localhost:3000/"],
  ["userinfo trick", "http://localhost:3000@evil.com/"],
  ["javascript:", "javascript:alert(document.domain)"],
  ["javascript: with a leading TAB", "%09javascript:alert(1)"],
  ["data:", "data:text/html,<script>alert(1)</script>"],
  ["leading space", "%20//evil.com"],
  ["NUL", "/%00/evil.com"],
  ["unicode line separator", "/%E2%80%A8/evil.com"],
  ["no-break space", "/%C2%A0/evil.com"],
  ["triple slash", "///evil.com"],
  ["the sign-in page", "/signin?callbackUrl=/"],
] as const;

describe("the callback URL after sign-in", () => {
  it.each(ATTACKS)("turns %s (%s) into /", (_name, raw) => {
    const value = fromQuery(raw);
    expect(safeCallbackPath(value, SITE)).toBe("/");
    expect(safeCallbackPath(value)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/tenants", "/tenants"],
    ["/tenants%3Fstatus%3Dactive%26group%3Dregion", "/tenants?status=active&group=region"],
    ["/tenants/t-1?view=eu#licenses", "/tenants/t-1?view=eu#licenses"],
    ["/tenants?q=Acme%2520Corp#top", "/tenants?q=Acme%20Corp#top"],
    ["/s/abc123?sort=name", "/s/abc123?sort=name"],
    ["http://localhost:3000/changes?since=2026-01-01#x", "/changes?since=2026-01-01#x"],
  ])("keeps %s as %s", (raw, expected) => {
    expect(safeCallbackPath(fromQuery(raw), SITE)).toBe(expected);
  });

  it("refuses an absolute URL when it cannot know the site's origin", () => {
    expect(safeCallbackPath("http://localhost:3000/changes")).toBe("/");
  });

  it("returns the path it checked, normalized, not the raw value", () => {
    expect(safeCallbackPath("/a/../tenants?x=1", SITE)).toBe("/tenants?x=1");
    expect(sameOriginPath("/signin", SITE)).toBe("/signin");
    expect(safeCallbackPath("/signin", SITE)).toBe("/");
    expect(safeCallbackPath("/signing-policy", SITE)).toBe("/signing-policy");
  });
});

describe("next-auth's redirect after sign-in", () => {
  beforeEach(() => useEnv());
  const redirect = (url: string) =>
    buildAuthOptions(getEnv(), { signInLimiters: createSignInLimiters() }).callbacks!.redirect!({
      url,
      baseUrl: SITE,
    });

  it.each(ATTACKS.filter(([name]) => name !== "the sign-in page"))(
    "sends %s (%s) home",
    async (_name, raw) => {
      expect(await redirect(fromQuery(raw))).toBe(`${SITE}/`);
    },
  );

  it("keeps same-origin URLs and paths, the sign-in page included (sign-out goes there)", async () => {
    expect(await redirect(`${SITE}/tenants?x=1#y`)).toBe(`${SITE}/tenants?x=1#y`);
    expect(await redirect("/changes")).toBe(`${SITE}/changes`);
    expect(await redirect("/signin")).toBe(`${SITE}/signin`);
  });
});

// The page itself: a signed-in person with a role is redirected at once, to what the check allows.
const session = vi.hoisted(() => ({ state: null as SessionState | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentSession: async () => session.state,
}));

describe("the sign-in page, for someone already signed in", () => {
  beforeEach(() => {
    useEnv();
    session.state = {
      identity: { email: "ada@example.com", name: "Ada", provider: "oidc", emailVerified: true },
      user: { kind: "user", email: "ada@example.com", name: "Ada", role: "admin" },
    };
  });
  afterEach(() => {
    session.state = null;
  });

  async function redirectedTo(query: string): Promise<string> {
    const { default: SignInPage } = await import("@/app/signin/page");
    const params = Object.fromEntries(new URLSearchParams(query));
    const error = await Promise.resolve(SignInPage({ searchParams: Promise.resolve(params) })).then(
      () => null,
      (e: unknown) => e,
    );
    // next/navigation's redirect() throws NEXT_REDIRECT;<type>;<url>;<status>;
    const digest = (error as { digest?: string } | null)?.digest ?? "";
    expect(digest).toMatch(/^NEXT_REDIRECT;/);
    return digest.split(";")[2] ?? "";
  }

  it.each(ATTACKS)("sends %s (%s) to /", async (_name, raw) => {
    expect(await redirectedTo(`callbackUrl=${raw}`)).toBe("/");
  });

  it("sends them on to a path of this site, with its query and hash", async () => {
    expect(await redirectedTo("callbackUrl=%2Ftenants%3Fstatus%3Dactive%23top")).toBe(
      "/tenants?status=active#top",
    );
  });
});
