import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GuardedHandler } from "@/lib/api/with-route";
import {
  discoverApiHandlers,
  probeUrl,
  routeFiles,
  type DiscoveredHandler,
} from "../support/api-routes";
import { PEOPLE, request, sessionCookie, useEnv } from "./support";

// Every exported handler under app/api must declare its rule through withRoute(); a new route
// without one fails here. Anonymous callers must get 401 and viewers 403 on admin routes, before
// any handler code runs (so no database or Qlik is needed). What the allowed roles get is checked
// against the running app in e2e/role-matrix.spec.ts.

const handlers = discoverApiHandlers();
const guarded = handlers.filter((h) => h.role !== "public");

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
