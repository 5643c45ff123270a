import { describe, expect, it } from "vitest";
import { authorizeDemo, isDemoMode } from "@/lib/auth/demo";
import { buildAuthOptions } from "@/lib/auth/options";
import { createMemoryLimiter } from "@/lib/auth/rate-limit";
import { resolveSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { parseEnv } from "@/lib/config/schema";
import { BASE_ENV, sessionCookie, useEnv } from "./support";

const demoEnv = parseEnv({
  ...BASE_ENV,
  QLIK_BASE_URL: "http://localhost:4610",
  ATLAS_DEMO: "true",
});
const limiter = () => createMemoryLimiter({ maxFailures: 5, windowMs: 1000 });
// next-auth merges a provider's `options` (where CredentialsProvider keeps our id) at run time.
const providerIds = (env: typeof demoEnv) =>
  buildAuthOptions(env, { accountLimiter: limiter(), ipLimiter: limiter() }).providers.map(
    (p) => (p.options as { id?: string } | undefined)?.id ?? p.id,
  );

describe("demo sign-in", () => {
  it("is demo mode only with ATLAS_DEMO and a local Qlik URL", () => {
    expect(isDemoMode(demoEnv)).toBe(true);
    expect(isDemoMode({ ...demoEnv, ATLAS_DEMO: false })).toBe(false);
    // The schema already refuses this combination; the check does not rely on it.
    expect(isDemoMode({ ...demoEnv, QLIK_BASE_URL: "https://acme.eu.qlikcloud.com" })).toBe(false);
  });

  it("signs in a demo admin or viewer in demo mode", () => {
    expect(authorizeDemo({ role: "admin" }, demoEnv)).toMatchObject({
      demoRole: "admin",
      name: "Demo admin",
    });
    expect(authorizeDemo({ role: "viewer" }, demoEnv)).toMatchObject({ demoRole: "viewer" });
    expect(authorizeDemo({ role: "owner" }, demoEnv)).toBeNull();
  });

  it("refuses outside demo mode, whatever the request says", () => {
    useEnv();
    expect(() => authorizeDemo({ role: "admin" }, getEnv())).toThrow("DemoUnavailable");
    expect(() => authorizeDemo({ role: "admin" }, { ...demoEnv, ATLAS_DEMO: false })).toThrow(
      "DemoUnavailable",
    );
  });

  it("registers the demo provider only in demo mode", () => {
    useEnv();
    expect(providerIds(getEnv())).toEqual(["oidc", "local"]);
    expect(providerIds(demoEnv)).toEqual(["oidc", "local", "demo"]);
  });

  it("gives a demo session no role once demo mode is off", async () => {
    useEnv();
    const cookie = await sessionCookie({
      email: "demo-admin@demo.invalid",
      provider: "demo",
      demoRole: "admin",
    });
    const cookies = [{ name: "next-auth.session-token", value: cookie.split("=")[1] ?? "" }];
    expect((await resolveSession(cookies, demoEnv)).user?.role).toBe("admin");
    const outside = await resolveSession(cookies, getEnv());
    expect(outside.identity?.email).toBe("demo-admin@demo.invalid");
    expect(outside.user).toBeNull();
  });
});
