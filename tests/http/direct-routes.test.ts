// The direct routes of server.mjs (lib/http/direct-routes.ts) against the same route handler
// called the way Next.js calls it: same status, headers that matter and body, plus what Next adds
// (security headers, gzip), and everything else left to Next.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api/errors";
import type { GuardedHandler } from "@/lib/api/with-route";
import { acceptsGzip, directRoutes } from "@/lib/http/direct-routes";
import { createTenantIndex } from "@/lib/tenants/query";
import type { SnapshotInfo } from "@/lib/tenants/types";
import { GET as listTenants } from "@/app/api/tenants/route";
import { PEOPLE, request, sessionCookie, useEnv } from "../auth/support";
import { buildTenants } from "../query/support/fixture";

const tenants = buildTenants(400, 4);
const index = createTenantIndex(tenants);
const INFO: SnapshotInfo = {
  takenAt: "2026-11-27T17:40:00.000Z",
  tenantCount: tenants.length,
  syncing: false,
  progress: null,
  lastRun: null,
  lastError: null,
};
const state = vi.hoisted(() => ({ snapshotError: null as Error | null }));
vi.mock("@/lib/tenants/snapshot", () => ({
  getSnapshot: async () => {
    if (state.snapshotError) throw state.snapshotError;
    return { id: 1, takenAt: INFO.takenAt, tenants, index };
  },
  getSnapshotInfo: () => INFO,
}));

const failing = Object.assign(async () => new Response(), {
  rule: { role: "viewer" as const },
  reply: async () => {
    throw new Error("disk on fire at /srv/secret-path");
  },
}) as unknown as GuardedHandler;

let server: Server;
let base: string;
let cookies: Record<keyof typeof PEOPLE, string>;

beforeAll(async () => {
  const direct = directRoutes({ "GET /api/tenants": listTenants, "GET /api/broken": failing });
  server = createServer((req, res) => {
    if (direct(req, res)) return;
    res.writeHead(418, { "x-served-by": "next" }).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  useEnv();
  state.snapshotError = null;
  cookies = {
    admin: await sessionCookie(PEOPLE.admin),
    viewer: await sessionCookie(PEOPLE.viewer),
    outsider: await sessionCookie(PEOPLE.outsider),
  };
});

const direct = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  fetch(`${base}${path}`, { method, headers });
const throughNext = (path: string, cookie?: string) =>
  listTenants(request(path, { cookie }), { params: Promise.resolve({}) });

describe("direct route GET /api/tenants answers as the route does through Next.js", () => {
  const cases: Array<[string, string, keyof typeof PEOPLE | null]> = [
    [
      "a grouped, filtered page",
      "/api/tenants?q=acme&status=active&group=region,subscription&limit=20",
      "viewer",
    ],
    ["an admin's default view", "/api/tenants", "admin"],
    ["a malformed parameter", "/api/tenants?region=mars-1", "viewer"],
    ["an unknown parameter", "/api/tenants?colour=blue", "viewer"],
    ["nobody signed in", "/api/tenants?limit=5", null],
    ["someone in neither list", "/api/tenants", "outsider"],
  ];
  it.each(cases)("%s", async (_, path, who) => {
    const cookie = who ? cookies[who] : undefined;
    const viaNext = await throughNext(path, cookie);
    const viaDirect = await direct(path, cookie ? { cookie } : {});
    expect(viaDirect.status).toBe(viaNext.status);
    for (const name of ["content-type", "cache-control", "retry-after"])
      expect(viaDirect.headers.get(name), name).toBe(viaNext.headers.get(name));
    expect(await viaDirect.json()).toEqual(await viaNext.json());
  });

  it("answers 503 with Retry-After while the first sync runs, like the route", async () => {
    state.snapshotError = new ApiError(503, "upstream_unavailable", "First sync in progress", {
      retryAfterSeconds: 5,
    });
    const response = await direct("/api/tenants", { cookie: cookies.viewer });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect((await response.json()).error.message).toBe("First sync in progress");
  });

  it("adds the security headers of next.config.js", async () => {
    for (const response of [
      await direct("/api/tenants", { cookie: cookies.viewer }),
      await direct("/api/tenants"),
    ]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
    }
  });

  it("gzips when the client accepts it, and only then", async () => {
    const path = "/api/tenants?limit=50";
    const plain = await direct(path, { cookie: cookies.viewer, "accept-encoding": "identity" });
    const plainText = await plain.text();
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");

    // Read the raw bytes: fetch would inflate them itself.
    const zipped = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        import("node:http").then(({ get }) =>
          get(
            `${base}${path}`,
            { headers: { cookie: cookies.viewer, "accept-encoding": "gzip, br" } },
            (res) => {
              const chunks: Buffer[] = [];
              res.on("data", (c: Buffer) => chunks.push(c));
              res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
            },
          ).on("error", reject),
        );
      },
    );
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(plainText.length / 2);
    expect(gunzipSync(zipped.body).toString()).toBe(plainText);

    const refused = await direct(path, { cookie: cookies.viewer, "accept-encoding": "gzip;q=0" });
    expect(refused.headers.get("content-encoding")).toBeNull();
    expect(await refused.text()).toBe(plainText);
  });

  it("answers an unexpected failure with the generic 500, never its message", async () => {
    const response = await direct("/api/broken", { cookie: cookies.viewer });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text).error.code).toBe("internal_error");
    expect(text).not.toContain("secret-path");
  });
});

describe("everything else is left to Next.js", () => {
  it.each([
    ["POST", "/api/tenants"],
    ["HEAD", "/api/tenants"],
    ["GET", "/api/tenants/"],
    ["GET", "/api/tenants/export"],
    ["GET", "/api/tenantsx"],
    ["GET", "/api/health"],
    ["GET", "/"],
  ])("%s %s", async (method, path) => {
    const response = await direct(path, { cookie: cookies.viewer }, method);
    expect(response.status).toBe(418);
    expect(response.headers.get("x-served-by")).toBe("next");
  });
});

describe("acceptsGzip", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["gzip", true],
    ["gzip, deflate, br, zstd", true],
    ["br;q=1.0, GZIP;q=0.5", true],
    ["gzip;q=0", false],
    ["identity", false],
    ["*", true],
    ["*;q=0", false],
    ["*;q=0, gzip", true],
    ["gzip;q=0, *", false],
  ])("%j → %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
