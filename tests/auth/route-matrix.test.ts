import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GuardedHandler } from "@/lib/api/with-route";
import { setStorageForTests, type Storage } from "@/lib/db/storage";
import { useSnapshot } from "../shares/support/snapshot";
import { shareTenants } from "../shares/support/tenants";
import { makeLink, useMemoryStorage } from "../shares/support/app";
import {
  discoverApiHandlers,
  probeUrl,
  routeFiles,
  type DiscoveredHandler,
} from "../support/api-routes";
import { PEOPLE, fromAddress, request, sessionCookie, useEnv } from "./support";

// Every exported handler under app/api must declare its rule through withRoute(); a new route
// without one fails here. Anonymous callers must get 401 and viewers 403 on admin routes, before
// any handler code runs (so no database or Qlik is needed). Share routes (/api/s/[token]/…) are
// for a fourth kind of caller, the link visitor: they open for a valid link whoever asks, and a
// token that opens nothing is 404 whoever asks. What the allowed roles get is checked against the
// running app in e2e/role-matrix.spec.ts.

vi.mock("@/lib/tenants/snapshot", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  ...(await import("../shares/support/snapshot")),
}));

const handlers = discoverApiHandlers();
const guarded = handlers.filter((h) => h.role === "viewer" || h.role === "admin");
const shareRoutes = handlers.filter((h) => h.role === "share");

beforeAll(() => useEnv());

async function load(h: DiscoveredHandler): Promise<GuardedHandler> {
  const mod = (await import(/* @vite-ignore */ path.resolve(__dirname, "../..", h.file))) as Record<
    string,
    unknown
  >;
  return mod[h.method] as GuardedHandler;
}

const call = async (h: DiscoveredHandler, cookie?: string) =>
  (await load(h))(request(probeUrl(h.route), { method: h.method, cookie }), {
    params: Promise.resolve({}),
  });

describe("API role matrix", () => {
  it("finds the route files, including this issue's own", () => {
    expect(routeFiles()).toEqual(
      expect.arrayContaining(["app/api/health/route.ts", "app/api/auth/[...nextauth]/route.ts"]),
    );
  });

  it("declares liveness, readiness and metrics public (metrics checks its own token)", () => {
    const routes = ["/api/health", "/api/ready", "/api/metrics"];
    expect(
      handlers.filter((h) => routes.includes(h.route)).map((h) => [h.route, h.method, h.role]),
    ).toEqual([
      ["/api/health", "GET", "public"],
      ["/api/metrics", "GET", "public"],
      ["/api/ready", "GET", "public"],
    ]);
  });

  it("declares ending someone's sessions an admin's action", () => {
    expect(
      handlers.filter((h) => h.route === "/api/sessions/revoke").map((h) => [h.method, h.role]),
    ).toEqual([["POST", "admin"]]);
  });

  it("every exported handler declares its rule with withRoute()", () => {
    const problems = handlers
      .filter((h) => h.problem)
      .map((h) => `${h.method} ${h.route} (${h.file}): ${h.problem}`);
    expect(problems).toEqual([]);
  });

  it("every route file exports at least one handler", () => {
    const withHandlers = new Set(handlers.map((h) => h.file));
    expect(routeFiles().filter((f) => !withHandlers.has(f))).toEqual([]);
  });

  it.each(handlers.map((h) => [`${h.method} ${h.route}`, h] as const))(
    "%s carries the rule its source declares",
    async (_name, h) => {
      expect((await load(h)).rule).toEqual({ role: h.role });
    },
  );

  it.each(guarded.map((h) => [`${h.method} ${h.route} (${h.role})`, h] as const))(
    "%s answers 401 to an anonymous caller",
    async (_name, h) => {
      const response = await call(h);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
    },
  );

  it.each(guarded.map((h) => [`${h.method} ${h.route} (${h.role})`, h] as const))(
    "%s answers 403 to a signed-in person in neither list",
    async (_name, h) => {
      const response = await call(h, await sessionCookie(PEOPLE.outsider));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "no_access" } });
    },
  );

  const adminOnly = handlers.filter((h) => h.role === "admin");
  it.each(adminOnly.map((h) => [`${h.method} ${h.route}`, h] as const))(
    "%s answers 403 to a viewer",
    async (_name, h) => {
      const response = await call(h, await sessionCookie(PEOPLE.viewer));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    },
  );
});

describe("API role matrix: share links", () => {
  const tenants = shareTenants(20);
  const inScope = tenants.find((t) => t.status === "active")!;
  let storage: Storage;
  let links: { anyone: string; signedIn: string };
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    storage = await useMemoryStorage();
    useSnapshot(tenants);
    for (const [who, person] of Object.entries(PEOPLE)) cookies[who] = await sessionCookie(person);
    const link = { view: "status=active", columns: ["status"], allowExport: true };
    links = {
      anyone: (await makeLink(link, cookies.viewer!)).token,
      signedIn: (await makeLink({ ...link, access: "signed-in" }, cookies.viewer!)).token,
    };
  });
  afterAll(async () => {
    setStorageForTests(null);
    await storage.close();
  });

  let address = 0;
  /**
   * `token` in the [token] segment (and a tenant inside the link's scope in [id]), each call from
   * its own client address so the limit on failed lookups stays out of the way.
   */
  const visit = async (h: DiscoveredHandler, token: string, cookie?: string) => {
    const url = h.route.replace("[token]", token).replace("[id]", inScope.id);
    const headers = fromAddress(`10.0.0.${++address}`);
    const handler = await load(h);
    const response = await handler(request(url, { method: h.method, cookie, headers }), {
      params: Promise.resolve({ token, id: inScope.id }),
    });
    await response.arrayBuffer();
    return response;
  };
  const callers = () => ({
    anonymous: undefined,
    "someone without a role": cookies.outsider,
    viewer: cookies.viewer,
    admin: cookies.admin,
  });
  const byRoute = shareRoutes.map((h) => [`${h.method} ${h.route}`, h] as const);

  it("finds the share routes, all under /api/s/[token], and every route there is one", () => {
    expect(shareRoutes.map((h) => h.route).sort()).toEqual([
      "/api/s/[token]",
      "/api/s/[token]/tenants",
      "/api/s/[token]/tenants/[id]",
      "/api/s/[token]/tenants/export",
    ]);
    const underS = handlers.filter((h) => h.route.startsWith("/api/s/"));
    expect(underS.filter((h) => h.role !== "share")).toEqual([]);
  });

  it.each(byRoute)(
    "%s answers 404 to every caller for a token that opens nothing",
    async (_n, h) => {
      for (const [caller, cookie] of Object.entries(callers()))
        for (const token of ["e2e-probe", "A".repeat(43)]) {
          const response = await visit(h, token, cookie);
          expect(response.status, `${caller} with ${token}`).toBe(404);
        }
    },
  );

  it.each(byRoute)("%s opens an 'anyone' link for every caller", async (_n, h) => {
    for (const [caller, cookie] of Object.entries(callers()))
      expect((await visit(h, links.anyone, cookie)).status, caller).toBe(200);
  });

  it.each(byRoute)(
    "%s answers 401 to an anonymous link visitor of a 'signed-in' link, and opens it for anyone signed in",
    async (_n, h) => {
      for (const [caller, cookie] of Object.entries(callers()))
        expect((await visit(h, links.signedIn, cookie)).status, caller).toBe(cookie ? 200 : 401);
    },
  );

  it("gives a link visitor nothing outside /api/s: the rest of the API still wants a session", async () => {
    for (const h of guarded) {
      const url = `${probeUrl(h.route)}?token=${links.anyone}`;
      const response = await (
        await load(h)
      )(
        request(url, {
          method: h.method,
          headers: { referer: `http://localhost:3000/s/${links.anyone}` },
        }),
        { params: Promise.resolve({ token: links.anyone }) },
      );
      expect(response.status, `${h.method} ${h.route}`).toBe(401);
    }
  });

  it.each(["viewer", "admin"])(
    "lets a %s past the guard of the share management routes",
    async (who) => {
      const list = handlers.find((h) => h.route === "/api/shares" && h.method === "GET")!;
      const response = await (
        await load(list)
      )(request("/api/shares", { cookie: cookies[who] }), {
        params: Promise.resolve({}),
      });
      expect(response.status).toBe(200);
    },
  );
});
