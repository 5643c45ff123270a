import { createHash } from "node:crypto";
import type { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { busyAsTooManyRequests } from "@/lib/auth/sign-in-busy";
import { describeSignInError } from "@/lib/auth/sign-in-errors";
import { PEER_HEADER, peerStamp } from "@/lib/http/client-address";
import { ADMIN_PASSWORD, TEST_SECRET, request, useEnv } from "./support";

// POST /api/auth/callback/local through the real route, withRoute and next-auth's own core: at
// most 4 password checks run at once, the rest wait up to 2 s and then get 429 with Retry-After.

// next-auth's App Router adapter reads headers and cookies through next/headers, which needs a
// live Next.js request; this stand-in hands the same request to next-auth's core the same way.
vi.mock("next-auth", async () => {
  const { createRequire } = await import("node:module");
  const path = await import("node:path");
  // next-auth/core is not in the package's exports: required by its file.
  const core = path.resolve(__dirname, "../../node_modules/next-auth/core/index.js");
  const { AuthHandler } = createRequire(import.meta.url)(core) as { AuthHandler: AuthHandler };
  return {
    default: (options: unknown) => async (req: NextRequest, ctx: { params: Promise<unknown> }) => {
      const { nextauth } = (await ctx.params) as { nextauth: string[] };
      const body = Object.fromEntries(new URLSearchParams(await req.text()));
      const internal = await AuthHandler({
        req: {
          body,
          query: Object.fromEntries(req.nextUrl.searchParams),
          cookies: Object.fromEntries(req.cookies.getAll().map((c) => [c.name, c.value])),
          headers: Object.fromEntries(req.headers),
          method: req.method,
          action: nextauth[0],
          providerId: nextauth[1],
        },
        options,
      });
      if (body.json === "true" && internal.redirect)
        return Response.json({ url: internal.redirect }, { status: internal.status ?? 200 });
      return new Response(JSON.stringify(internal.body ?? null), {
        status: internal.status ?? 200,
      });
    },
  };
});

type AuthHandler = (params: {
  req: Record<string, unknown>;
  options: unknown;
}) => Promise<{ status?: number; redirect?: string; body?: unknown }>;

// Password checks that last until the test lets them finish, counted while they run.
const checks = vi.hoisted(() => ({ running: 0, peak: 0, release: [] as Array<() => void> }));
vi.mock("@/lib/auth/password", () => ({
  verifyPassword: async (password: string) => {
    checks.running++;
    checks.peak = Math.max(checks.peak, checks.running);
    await new Promise<void>((resolve) => checks.release.push(resolve));
    checks.running--;
    return password === "correct horse battery";
  },
}));

const CSRF = "c".repeat(64);
const csrfCookie = `next-auth.csrf-token=${CSRF}|${createHash("sha256").update(`${CSRF}${TEST_SECRET}`).digest("hex")}`;

let attempts = 0;
/**
 * A local sign-in from `address`. By default with a new made-up email each time, so that the
 * account's growing delay (tested in local-admin-lockout.test.ts) stays out of the way.
 */
async function signIn(address: string, email = `nobody-${++attempts}@example.com`, password = "x") {
  const { POST } = await import("@/app/api/auth/[...nextauth]/route");
  const form = new URLSearchParams({
    csrfToken: CSRF,
    email,
    password,
    json: "true",
    callbackUrl: "/",
  });
  const req = request("/api/auth/callback/local", {
    method: "POST",
    body: form.toString(),
    cookie: csrfCookie,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: "http://localhost:3000",
      [PEER_HEADER]: peerStamp(address),
    },
  });
  return POST(req, { params: Promise.resolve({ nextauth: ["callback", "local"] }) });
}

const errorCode = async (response: Response) =>
  new URL(((await response.clone().json()) as { url: string }).url).searchParams.get("error");

let next = 0;
/** A fresh client address per sign-in, so the per-pair limit stays out of the way. */
const freshAddress = () => `203.0.113.${++next}`;

beforeEach(() => {
  useEnv();
  checks.peak = 0;
});
afterEach(() => {
  checks.release.splice(0).forEach((release) => release());
});

describe("password checks under load", () => {
  it("runs at most 4 at once; the rest get 429 with Retry-After after waiting 2 s", async () => {
    const started = Date.now();
    const answers = Array.from({ length: 10 }, () => signIn(freshAddress()));
    const settled = answers.map((a) => a.then((r) => ({ r, at: Date.now() - started })));
    await vi.waitFor(() => expect(checks.running).toBe(4));

    const turnedAway = await Promise.all(settled.slice(4));
    for (const { r, at } of turnedAway) {
      expect(at).toBeGreaterThanOrEqual(1900);
      expect(r.status).toBe(429);
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(r.headers.get("retry-after"))).toBeLessThanOrEqual(3);
      const body = (await r.clone().json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("rate_limited");
      expect(body.error.message).toMatch(/^Too many sign-ins are being checked right now\./);
      // next-auth's signIn() in the browser reads the code from `url`:
      expect(await errorCode(r)).toMatch(/^SignInBusy:\d+$/);
    }
    expect(checks.peak).toBe(4);

    checks.release.splice(0).forEach((release) => release());
    for (const { r } of await Promise.all(settled.slice(0, 4))) {
      expect(r.status).toBe(401);
      expect(await errorCode(r)).toBe("CredentialsSignin");
    }
  });

  it("gives one client address at most 2 checks; its others are turned away at once", async () => {
    const address = freshAddress();
    const answers = [1, 2, 3].map(() => signIn(address));
    const third = await answers[2]!;
    expect(third.status).toBe(429);
    await vi.waitFor(() => expect(checks.running).toBe(2));
    checks.release.splice(0).forEach((release) => release());
    expect((await answers[0]!).status).toBe(401);
  });

  it("signs the admin in when a slot is free", async () => {
    const answer = signIn(freshAddress(), "root@example.com", ADMIN_PASSWORD);
    await vi.waitFor(() => expect(checks.running).toBe(1));
    checks.release.splice(0).forEach((release) => release());
    const response = await answer;
    expect(response.status).toBe(200);
    expect(await errorCode(response)).toBeNull();
  });
});

describe("the 429 conversion", () => {
  const origin = "http://localhost:3000";
  const nextAuthJson = (error: string) =>
    Response.json(
      { url: `${origin}/api/auth/error?error=${encodeURIComponent(error)}` },
      { status: 401 },
    );

  it("leaves every other next-auth answer as it is", async () => {
    for (const code of ["CredentialsSignin", "RateLimited:1900000000", "SignInBusyish"]) {
      const response = nextAuthJson(code);
      expect(await busyAsTooManyRequests(response, origin)).toBe(response);
    }
    const redirect = new Response(null, { status: 302, headers: { location: "/signin" } });
    expect(await busyAsTooManyRequests(redirect, origin)).toBe(redirect);
  });

  it("turns a redirect that reports SignInBusy into a 429 too, keeping its cookies", async () => {
    const retryAt = Math.ceil((Date.now() + 2000) / 1000);
    const headers = new Headers({ location: `/api/auth/error?error=SignInBusy%3A${retryAt}` });
    headers.append("set-cookie", "next-auth.callback-url=%2F; Path=/");
    const response = await busyAsTooManyRequests(
      new Response(null, { status: 302, headers }),
      origin,
    );
    expect(response.status).toBe(429);
    expect(response.headers.getSetCookie()).toEqual(["next-auth.callback-url=%2F; Path=/"]);
    expect(describeSignInError(await errorCode(response))).toMatch(/^Too many sign-ins/);
  });
});
