import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  ApiError,
  conflict,
  notFound,
  tooManyRequests,
  upstreamUnavailable,
} from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { maskInLogs } from "@/lib/log";
import { PEOPLE, QLIK_SECRET, noParams, request, sessionCookie, useEnv } from "./support";

let cookies: Record<keyof typeof PEOPLE, string>;

beforeEach(async () => {
  useEnv({ LOG_LEVEL: "info" });
  cookies = {
    admin: await sessionCookie(PEOPLE.admin),
    viewer: await sessionCookie(PEOPLE.viewer),
    outsider: await sessionCookie(PEOPLE.outsider),
  };
});

afterEach(() => vi.restoreAllMocks());

const ok = () => Response.json({ ok: true });
const viewerRoute = withRoute({ role: "viewer" }, ok);
const adminRoute = withRoute({ role: "admin" }, ok);

async function errorOf(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe("withRoute: who may call", () => {
  it("answers 401 with the error shape when nobody is signed in", async () => {
    const response = await viewerRoute(request("/api/x"), noParams);
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toEqual({
      code: "unauthorized",
      message: "Sign in to use this.",
    });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 403 to a viewer on an admin route", async () => {
    const response = await adminRoute(request("/api/x", { cookie: cookies.viewer }), noParams);
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toEqual({
      code: "forbidden",
      message: "This needs the admin role; you are a viewer.",
    });
  });

  it("answers 403 no_access, naming whom to ask, to someone in neither list", async () => {
    useEnv({ LOG_LEVEL: "info", ATLAS_ACCESS_CONTACT: "it-help@example.com" });
    const response = await viewerRoute(request("/api/x", { cookie: cookies.outsider }), noParams);
    expect(response.status).toBe(403);
    const error = await errorOf(response);
    expect(error.code).toBe("no_access");
    expect(error.message).toBe(
      `${PEOPLE.outsider.email} has no access to Tenant Atlas. Ask it-help@example.com for access.`,
    );
  });

  it("lets viewers and admins through to viewer routes, and admins to admin routes", async () => {
    expect(
      (await viewerRoute(request("/api/x", { cookie: cookies.viewer }), noParams)).status,
    ).toBe(200);
    expect((await viewerRoute(request("/api/x", { cookie: cookies.admin }), noParams)).status).toBe(
      200,
    );
    expect((await adminRoute(request("/api/x", { cookie: cookies.admin }), noParams)).status).toBe(
      200,
    );
  });

  it("hands the handler the signed-in user, and null on a public route without a session", async () => {
    const seen: unknown[] = [];
    const route = withRoute({ role: "public" }, ({ session }) => {
      seen.push(session);
      return ok();
    });
    await route(request("/api/x"), noParams);
    await route(request("/api/x", { cookie: cookies.admin }), noParams);
    expect(seen).toEqual([
      null,
      { kind: "user", email: PEOPLE.admin.email, name: PEOPLE.admin.email, role: "admin" },
    ]);
  });

  it("refuses a cross-site write even with a valid session", async () => {
    const route = withRoute({ role: "admin" }, ok);
    const cross = request("/api/x", {
      method: "POST",
      cookie: cookies.admin,
      headers: { origin: "https://evil.test" },
    });
    expect((await route(cross, noParams)).status).toBe(403);
    const same = request("/api/x", {
      method: "POST",
      cookie: cookies.admin,
      headers: { origin: "http://localhost:3000" },
    });
    expect((await route(same, noParams)).status).toBe(200);
  });

  it("keeps signed-in answers out of shared caches unless the handler says otherwise", async () => {
    const response = await viewerRoute(request("/api/x", { cookie: cookies.viewer }), noParams);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("carries its rule for the role matrix test", () => {
    expect(adminRoute.rule).toEqual({ role: "admin" });
  });
});

describe("withRoute: input validation", () => {
  const route = withRoute(
    {
      role: "viewer",
      params: z.object({ id: z.string().regex(/^[a-z0-9-]+$/, "must be a tenant id") }),
      query: z.object({
        limit: z.coerce.number().int().max(500).default(50),
        region: z.array(z.string()).optional(),
      }),
      body: z.object({ name: z.string().min(1, "must not be empty") }),
    },
    ({ params, query, body }) =>
      Response.json({ id: params.id, limit: query.limit, region: query.region, name: body.name }),
  );
  const call = (url: string, body: string | undefined, id = "t-1") =>
    route(request(url, { method: "POST", cookie: cookies.viewer, body }), {
      params: Promise.resolve({ id }),
    });

  it("names unknown query parameters and body fields plainly", async () => {
    const strict = withRoute(
      {
        role: "viewer",
        query: z.strictObject({ limit: z.string().optional() }),
        body: z.strictObject({ sync: z.strictObject({ force: z.boolean() }) }),
      },
      () => Response.json({ ok: true }),
    );
    const send = (url: string, body: unknown) =>
      strict(
        request(url, { method: "POST", cookie: cookies.viewer, body: JSON.stringify(body) }),
        noParams,
      );
    const unknownParam = await send("/api/x?foo=1&bar=2", { sync: { force: true } });
    expect(unknownParam.status).toBe(400);
    expect((await errorOf(unknownParam)).message).toBe('Unknown query parameter "foo", "bar".');
    const unknownField = await send("/api/x", { sync: { force: true, now: 1 } });
    expect((await errorOf(unknownField)).message).toBe('Unknown body field "sync.now".');
  });

  it("passes parsed params, query and body to the handler", async () => {
    const response = await call(
      "/api/t/t-1?limit=20&region=eu&region=us",
      JSON.stringify({ name: "A" }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: "t-1",
      limit: 20,
      region: ["eu", "us"],
      name: "A",
    });
  });

  it("answers 400 naming a bad path parameter", async () => {
    const error = await errorOf(await call("/api/t/X", JSON.stringify({ name: "A" }), "BAD ID"));
    expect(error).toEqual({
      code: "bad_request",
      message: 'Invalid path parameter "id": must be a tenant id',
    });
  });

  it("answers 400 naming a bad query parameter", async () => {
    const response = await call("/api/t/t-1?limit=9999", JSON.stringify({ name: "A" }));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/^Invalid query parameter "limit": /);
  });

  it("answers 400 naming a bad body field, for a missing body and for broken JSON", async () => {
    expect((await errorOf(await call("/api/t/t-1", JSON.stringify({ name: "" })))).message).toBe(
      'Invalid body field "name": must not be empty',
    );
    expect((await errorOf(await call("/api/t/t-1", undefined))).message).toBe(
      "The request needs a JSON body.",
    );
    expect((await errorOf(await call("/api/t/t-1", "{nope"))).message).toBe(
      "The request body is not valid JSON.",
    );
  });

  it("answers 413 for a body over 1 MB", async () => {
    const response = await call("/api/t/t-1", JSON.stringify({ name: "x".repeat(1024 * 1024) }));
    expect(response.status).toBe(413);
  });

  it("checks the session before the input, so strangers learn nothing about parameters", async () => {
    const response = await route(request("/api/t/X?limit=9999", { method: "POST" }), {
      params: Promise.resolve({ id: "BAD ID" }),
    });
    expect(response.status).toBe(401);
  });
});

describe("withRoute: error mapping", () => {
  const throwing = (error: unknown) =>
    withRoute({ role: "viewer" }, () => {
      throw error;
    });
  const call = (error: unknown) =>
    throwing(error)(request("/api/x", { cookie: cookies.viewer }), noParams);

  it.each([
    [notFound("No tenant with id t-9."), 404, "not_found"],
    [conflict("A refresh is already running."), 409, "conflict"],
    [tooManyRequests("Slow down.", 30), 429, "rate_limited"],
    [upstreamUnavailable(), 503, "upstream_unavailable"],
  ])("maps %s to its status and code", async (error, status, code) => {
    const response = await call(error);
    expect(response.status).toBe(status);
    expect((await errorOf(response)).code).toBe(code);
  });

  it("keeps the status of an ApiError thrown by a second copy of lib/api/errors.ts", async () => {
    // instrumentation.ts has its own copy of the modules it imports; the snapshot holder it starts
    // throws that copy's ApiError into route handlers. There is still one ApiError class.
    vi.resetModules();
    const { ApiError: SecondCopy } = await import("@/lib/api/errors");
    const response = await call(
      new SecondCopy(
        503,
        "upstream_unavailable",
        "First sync in progress: 10 of 50 tenants read.",
        {
          retryAfterSeconds: 5,
        },
      ),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await errorOf(response)).toEqual({
      code: "upstream_unavailable",
      message: "First sync in progress: 10 of 50 tenants read.",
    });
    // Something merely named like it is not trusted with a status.
    const impostor = Object.assign(new Error("no status"), { name: "ApiError", status: 418 });
    expect((await call(impostor)).status).toBe(500);
  });

  it("sends Retry-After with 429", async () => {
    const response = await call(tooManyRequests("Slow down.", 30));
    expect(response.headers.get("retry-after")).toBe("30");
  });

  it("turns any other error into a generic 500 without stack or message, and logs it without secrets", async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    maskInLogs(QLIK_SECRET);
    const error = new Error(`upstream said: invalid client_secret ${QLIK_SECRET}`);
    const response = await call(error);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "internal_error",
        message: "Something went wrong on the server. It has been logged.",
      },
    });
    expect(text).not.toContain("upstream said");
    expect(text).not.toContain("at ");
    const logged = written.join("");
    expect(logged).toContain("unhandled error in route handler");
    expect(logged).toContain("upstream said: invalid client_secret [redacted]");
    expect(logged).not.toContain(QLIK_SECRET);
  });

  it("does not leak an ApiError's cause", async () => {
    const response = await call(
      upstreamUnavailable(undefined, { cause: new Error("token abc123 expired") }),
    );
    expect(await response.text()).not.toContain("abc123");
  });

  it("lets ApiError subclasses and custom statuses through", async () => {
    const response = await call(new ApiError(409, "conflict", "Share already exists."));
    expect(await errorOf(response)).toEqual({ code: "conflict", message: "Share already exists." });
  });
});
