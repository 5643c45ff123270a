// Cross-site writes: every unsafe method needs `Origin` equal to the app's origin or
// `Sec-Fetch-Site: same-origin`; with neither the answer is 403, whoever is signed in, on every
// route (withRoute's, share links', next-auth's). The app's origin is NEXTAUTH_URL's, or without
// it the request's own host.
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { withRoute, type GuardedHandler } from "@/lib/api/with-route";
import { POST as nextAuthPost } from "@/app/api/auth/[...nextauth]/route";
import { discoverApiHandlers, probeUrl } from "../support/api-routes";
import { PEOPLE, noParams, request, sessionCookie, useEnv } from "./support";

const reached = vi.hoisted(() => ({ count: 0 }));
vi.mock("next-auth", () => ({
  default: () => async () => {
    reached.count++;
    return Response.json({ url: "http://localhost:3000/" });
  },
}));

const UNSAFE = ["POST", "PUT", "PATCH", "DELETE"] as const;
let admin: string;

beforeEach(async () => {
  useEnv();
  reached.count = 0;
  admin = await sessionCookie(PEOPLE.admin);
});

const adminRoute = withRoute({ role: "admin" }, () => Response.json({ ok: true }));
const publicRoute = withRoute({ role: "public" }, () => Response.json({ ok: true }));

const refused = async (response: Response) => {
  expect(response.status).toBe(403);
  expect(await response.json()).toEqual({
    error: { code: "forbidden", message: "Cross-site request refused." },
  });
};

/** A write as an admin, with exactly these headers about where it comes from. */
const write = (
  method: string,
  from: Record<string, string>,
  init: { url?: string; cookie?: string } = {},
) =>
  request(init.url ?? "/api/x", {
    method,
    cookie: init.cookie ?? admin,
    origin: null,
    headers: from,
  });

describe("cross-site writes on withRoute routes", () => {
  it.each(UNSAFE)(
    "%s without Origin or Sec-Fetch-Site is refused, even for an admin",
    async (m) => {
      await refused(await adminRoute(write(m, {}), noParams));
    },
  );

  it.each(UNSAFE)("%s from another site is refused", async (m) => {
    for (const from of [
      { origin: "https://evil.example" },
      { origin: "http://localhost:3000.evil.example" },
      { origin: "null" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "none" },
    ] as Record<string, string>[])
      await refused(await adminRoute(write(m, from), noParams));
  });

  it.each(UNSAFE)("%s from the app itself passes, by Origin or by Sec-Fetch-Site", async (m) => {
    for (const from of [
      { origin: "http://localhost:3000" },
      { "sec-fetch-site": "same-origin" },
      { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
    ] as Record<string, string>[])
      expect((await adminRoute(write(m, from), noParams)).status).toBe(200);
  });

  it("leaves reads alone", async () => {
    for (const method of ["GET", "HEAD", "OPTIONS"])
      expect((await adminRoute(write(method, {}), noParams)).status).toBe(200);
  });

  it("refuses before asking who calls: an anonymous cross-site write gets 403, not 401", async () => {
    await refused(await adminRoute(write("POST", {}, { cookie: "" }), noParams));
    await refused(await publicRoute(write("POST", { origin: "https://evil.example" }), noParams));
  });

  it("compares with NEXTAUTH_URL's origin when it is set", async () => {
    useEnv({ NEXTAUTH_URL: "https://atlas.example.com/" });
    const at = (origin: string) =>
      write("POST", { origin, host: "localhost:3000" }, { cookie: "" });
    expect((await publicRoute(at("https://atlas.example.com"), noParams)).status).toBe(200);
    // The request's own host is not the app's origin when NEXTAUTH_URL says otherwise.
    await refused(await publicRoute(at("http://localhost:3000"), noParams));
    await refused(await publicRoute(at("http://atlas.example.com"), noParams));
  });

  it("compares with the request's own host (and the scheme a proxy reports) without NEXTAUTH_URL", async () => {
    useEnv({ NEXTAUTH_URL: undefined });
    const at = (origin: string, headers: Record<string, string>) =>
      publicRoute(write("POST", { origin, ...headers }, { cookie: "" }), noParams);
    expect((await at("http://localhost:3000", {})).status).toBe(200);
    expect((await at("http://atlas.internal:8080", { host: "atlas.internal:8080" })).status).toBe(
      200,
    );
    expect(
      (
        await at("https://atlas.example.com", {
          host: "atlas.example.com",
          "x-forwarded-proto": "https",
        })
      ).status,
    ).toBe(200);
    await refused(await at("https://evil.example", { host: "atlas.internal:8080" }));
    await refused(await at("http://localhost:3000", { host: "atlas.internal:8080" }));
    expect((await at("", { "sec-fetch-site": "same-origin" })).status).toBe(200);
  });
});

describe("cross-site writes on every API route", () => {
  const writes = discoverApiHandlers().filter((h) =>
    (UNSAFE as readonly string[]).includes(h.method),
  );

  it("finds the write routes", () => {
    expect(writes.map((h) => `${h.method} ${h.route}`)).toEqual(
      expect.arrayContaining(["POST /api/sessions/revoke", "POST /api/auth/[...nextauth]"]),
    );
  });

  it.each(writes.map((h) => [`${h.method} ${h.route}`, h] as const))(
    "%s refuses a write without Origin, and one from another site, even from an admin",
    async (_name, h) => {
      const mod = (await import(
        /* @vite-ignore */ path.resolve(__dirname, "../..", h.file)
      )) as Record<string, GuardedHandler>;
      const handler = mod[h.method]!;
      for (const from of [{}, { origin: "https://evil.example" }] as Record<string, string>[]) {
        const req = write(h.method, from, { url: probeUrl(h.route) });
        await refused(await handler(req, { params: Promise.resolve({}) }));
      }
      expect(reached.count).toBe(0);
    },
  );
});

describe("cross-site writes on next-auth's /api/auth/*", () => {
  const context = { params: Promise.resolve({ nextauth: ["signout"] }) };
  const signOut = (from: Record<string, string>) =>
    nextAuthPost(
      request("/api/auth/signout", {
        method: "POST",
        cookie: admin,
        origin: null,
        headers: { "content-type": "application/x-www-form-urlencoded", ...from },
        body: "csrfToken=t",
      }),
      context,
    );

  it("refuses a sign-in or sign-out posted from another site, or with no Origin", async () => {
    await refused(await signOut({ origin: "https://evil.example" }));
    await refused(await signOut({}));
    expect(reached.count).toBe(0);
  });

  it("lets the app's own sign-out through to next-auth", async () => {
    expect((await signOut({ origin: "http://localhost:3000" })).status).toBe(200);
    expect((await signOut({ "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect(reached.count).toBe(2);
  });
});
