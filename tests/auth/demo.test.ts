// Demo mode cannot reach production data: demo sign-in works only once QLIK_BASE_URL has answered
// the demo challenge with the per-run key (the simulator `npm start` launched), never against a
// real Qlik Cloud or a proxy in front of one, and an old demo cookie has no role elsewhere.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  authorizeDemo,
  demoSignInAvailable,
  isDemoMode,
  resetDemoVerificationForTests,
} from "@/lib/auth/demo";
import { buildAuthOptions } from "@/lib/auth/options";
import { createSignInLimiters } from "@/lib/auth/local-admin";
import { resolveSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { parseEnv } from "@/lib/config/schema";
import { startSimulator, type SimulatorHandle } from "@/simulator/server";
import { BASE_ENV, sessionCookie, useEnv } from "./support";

const DEMO_KEY = "unit-test-demo-key-0123456789abcdef-XYZ";

let sim: SimulatorHandle;
/** A server that answers every request like a Qlik Cloud that knows nothing of demo keys. */
let impostor: { server: Server; url: string; seen: string[] };

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tenants: 5, demoKey: DEMO_KEY });
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ proof: "A".repeat(43) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  impostor = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
});
afterAll(async () => {
  await sim.close();
  await new Promise((resolve) => impostor.server.close(resolve));
});

const demoEnvAt = (url: string) =>
  parseEnv({ ...BASE_ENV, QLIK_BASE_URL: url, ATLAS_DEMO: "true" });
let demoEnv: ReturnType<typeof demoEnvAt>;

beforeEach(() => {
  useEnv({ ATLAS_DEMO_KEY: DEMO_KEY });
  resetDemoVerificationForTests();
  demoEnv = demoEnvAt(sim.url);
});
afterEach(() => vi.useRealTimers());

// next-auth merges a provider's `options` (where CredentialsProvider keeps our id) at run time.
const providerIds = (env: typeof demoEnv) =>
  buildAuthOptions(env, { signInLimiters: createSignInLimiters() }).providers.map(
    (p) => (p.options as { id?: string } | undefined)?.id ?? p.id,
  );

async function demoCookies() {
  const cookie = await sessionCookie({
    email: "demo-admin@demo.invalid",
    provider: "demo",
    demoRole: "admin",
  });
  return [{ name: "next-auth.session-token", value: cookie.split("=")[1] ?? "" }];
}

describe("demo mode settings", () => {
  it("is demo mode only with ATLAS_DEMO and a local Qlik URL", () => {
    expect(isDemoMode(demoEnv)).toBe(true);
    expect(isDemoMode({ ...demoEnv, ATLAS_DEMO: false })).toBe(false);
    // The schema already refuses this combination; the check does not rely on it.
    expect(isDemoMode({ ...demoEnv, QLIK_BASE_URL: "https://acme.eu.qlikcloud.com" })).toBe(false);
  });

  it("registers the demo provider only in demo mode", () => {
    expect(providerIds(getEnv())).toEqual(["oidc", "local"]);
    expect(providerIds(demoEnv)).toEqual(["oidc", "local", "demo"]);
  });
});

describe("demo sign-in", () => {
  it("signs in a demo admin or viewer once the simulator has answered the challenge", async () => {
    expect(await demoSignInAvailable(demoEnv)).toBe(true);
    expect(await authorizeDemo({ role: "admin" }, demoEnv)).toMatchObject({
      demoRole: "admin",
      name: "Demo admin",
    });
    expect(await authorizeDemo({ role: "viewer" }, demoEnv)).toMatchObject({ demoRole: "viewer" });
    expect(await authorizeDemo({ role: "owner" }, demoEnv)).toBeNull();
  });

  it("refuses outside demo mode, whatever the request says", async () => {
    await expect(authorizeDemo({ role: "admin" }, getEnv())).rejects.toThrow("DemoUnavailable");
    await expect(
      authorizeDemo({ role: "admin" }, { ...demoEnv, ATLAS_DEMO: false }),
    ).rejects.toThrow("DemoUnavailable");
  });

  it("refuses without the per-run key, or with another run's key", async () => {
    useEnv({ ATLAS_DEMO_KEY: undefined });
    await expect(authorizeDemo({ role: "admin" }, demoEnv)).rejects.toThrow("DemoUnavailable");
    resetDemoVerificationForTests();
    useEnv({ ATLAS_DEMO_KEY: "another-run-s-demo-key-0123456789abcdef" });
    await expect(authorizeDemo({ role: "admin" }, demoEnv)).rejects.toThrow("DemoUnavailable");
  });

  it("refuses against a Qlik that does not know the key, even one that answers the challenge URL", async () => {
    const env = demoEnvAt(impostor.url);
    await expect(authorizeDemo({ role: "admin" }, env)).rejects.toThrow("DemoUnavailable");
    // It was asked, with a fresh nonce, and its made-up proof was not enough.
    expect(impostor.seen.at(-1)).toMatch(/^\/__sim\/demo-challenge\?nonce=[\w-]{43}$/);
  });

  it("refuses against a simulator launched without a key (the endpoint does not exist)", async () => {
    const plain = await startSimulator({ port: 0, tenants: 5 });
    try {
      expect(await demoSignInAvailable(demoEnvAt(plain.url))).toBe(false);
    } finally {
      await plain.close();
    }
  });

  it("asks with a new nonce each time, so a recorded answer cannot be replayed", async () => {
    const env = demoEnvAt(impostor.url);
    await demoSignInAvailable(env);
    resetDemoVerificationForTests();
    await demoSignInAvailable(env);
    const [a, b] = impostor.seen.slice(-2);
    expect(a).not.toBe(b);
  });

  it("asks again a few seconds after a failure, and keeps a pass", async () => {
    const plain = await startSimulator({ port: 0, tenants: 5 });
    const port = plain.port;
    await plain.close();
    vi.useFakeTimers({ toFake: ["Date"] });
    const env = demoEnvAt(`http://localhost:${port}`);
    expect(await demoSignInAvailable(env)).toBe(false); // nothing listens there yet
    const keyed = await startSimulator({ port, tenants: 5, demoKey: DEMO_KEY });
    try {
      expect(await demoSignInAvailable(env)).toBe(false); // still the remembered failure
      vi.setSystemTime(Date.now() + 6000);
      expect(await demoSignInAvailable(env)).toBe(true);
      await keyed.close();
      expect(await demoSignInAvailable(env)).toBe(true);
    } finally {
      await keyed.close();
    }
  });
});

describe("demo sessions", () => {
  it("have their role while the simulator answers for the key", async () => {
    expect((await resolveSession(await demoCookies(), demoEnv)).user?.role).toBe("admin");
  });

  it("have no role once demo mode is off", async () => {
    const outside = await resolveSession(await demoCookies(), getEnv());
    expect(outside.identity?.email).toBe("demo-admin@demo.invalid");
    expect(outside.user).toBeNull();
  });

  it("have no role when QLIK_BASE_URL is not the keyed simulator, even with demo mode on", async () => {
    const state = await resolveSession(await demoCookies(), demoEnvAt(impostor.url));
    expect(state.identity?.email).toBe("demo-admin@demo.invalid");
    expect(state.user).toBeNull();
  });
});
