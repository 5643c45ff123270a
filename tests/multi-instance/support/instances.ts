// App instances as separate processes for the multi-instance test and bench: the built app
// (`next start`, built first when missing or stale), each on its own localhost port, all on one
// database and one simulator; signing in as the local admin over HTTP; and the few calls the
// tests make.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  appEnv,
  E2E_ADMIN_EMAIL,
  E2E_ADMIN_PASSWORD,
  E2E_QLIK_CLIENT_ID,
  E2E_QLIK_CLIENT_SECRET,
} from "../../../e2e/support/env";
import { freePort } from "../../../bench/support/app";

export const ROOT = path.resolve(__dirname, "../../..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

export const SIM_CREDENTIALS = {
  clientId: E2E_QLIK_CLIENT_ID,
  clientSecret: E2E_QLIK_CLIENT_SECRET,
};

// One way to find a free localhost port, shared with the benchmarks.
export { freePort };

export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s${last ? ` (${String(last)})` : ""}`);
}

/**
 * Builds the app (`npm run build`) when the build is missing or older than the sources, taking
 * turns with the other test files that need it (tests/deploy/support/build.ts holds the lock:
 * Next.js refuses two builds in one folder). How long it took, or null when nothing was built.
 */
export async function buildIfStale(): Promise<{ ms: number } | null> {
  const { ensureStandaloneBuild } = await import("../../deploy/support/build");
  const { built, ms } = await ensureStandaloneBuild();
  return built ? { ms } : null;
}

export interface Instance {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  /** The app's own pid (the process `next start` serves from). */
  pid: number;
  /** The last lines it printed. */
  output(): string;
  alive(): boolean;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export interface InstanceOptions {
  name: string;
  databaseUrl: string;
  simUrl: string;
  /** Extra or overriding settings. */
  env?: Record<string, string>;
}

/** Starts the built app on a free localhost port and waits until /api/health answers. */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `atlas-${options.name}-`));
  const env = {
    ...process.env,
    ...appEnv({
      PORT: String(port),
      NEXTAUTH_URL: url,
      DATABASE_URL: options.databaseUrl,
      QLIK_BASE_URL: options.simUrl,
      ATLAS_DEMO: "false",
      ATLAS_DATA_DIR: dataDir,
      LOG_FILE: "",
      LOG_LEVEL: "warn",
      AUTH_OIDC_ISSUER: "",
      AUTH_OIDC_CLIENT_ID: "",
      AUTH_OIDC_CLIENT_SECRET: "",
      ...options.env,
    }),
  };
  const child = spawn(
    process.execPath,
    [NEXT_BIN, "start", "-p", String(port), "-H", "localhost"],
    {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let tail = "";
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-8000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const end = async (signal: NodeJS.Signals) => {
    if (alive()) child.kill(signal);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (alive()) child.kill("SIGKILL");
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const instance: Instance = {
    name: options.name,
    url,
    port,
    child,
    pid: child.pid!,
    output: () => tail,
    alive,
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
  };
  try {
    await waitFor(`${options.name} answering /api/health`, 60_000, async () => {
      if (!alive()) throw new Error(`exited with ${child.exitCode}: ${tail}`);
      const res = await fetch(`${url}/api/health`);
      return res.ok ? true : undefined;
    });
  } catch (error) {
    await instance.kill();
    throw error;
  }
  return instance;
}

/** A cookie jar of one client: the Cookie header to send, updated from Set-Cookie. */
export class Jar {
  private readonly cookies = new Map<string, string>();
  keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq <= 0) continue;
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (value === "" || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(suffix: string): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith(suffix));
  }
}

/**
 * One local-admin sign-in through next-auth's credentials callback, from client address
 * `address`: the jar (with the session cookie when it worked) and next-auth's error code, if any
 * (CredentialsSignin for a wrong password, RateLimited:<when> when refused).
 */
export async function attemptSignIn(
  url: string,
  options: { password?: string; address?: string } = {},
): Promise<{ jar: Jar; error: string | null }> {
  const jar = new Jar();
  const csrfRes = await fetch(`${url}/api/auth/csrf`);
  jar.keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/callback/local`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar.header(),
      origin: url,
      "x-forwarded-for": options.address ?? "203.0.113.7",
    },
    body: new URLSearchParams({
      csrfToken,
      email: E2E_ADMIN_EMAIL,
      password: options.password ?? E2E_ADMIN_PASSWORD,
      callbackUrl: url,
      json: "true",
    }),
  });
  jar.keep(res);
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url, url).searchParams.get("error") : null;
  return { jar, error };
}

/** Signs in as the local admin; the jar holds the session cookie. */
export async function signInAsAdmin(url: string, address = "203.0.113.7"): Promise<Jar> {
  const { jar, error } = await attemptSignIn(url, { address });
  if (!jar.has("next-auth.session-token"))
    throw new Error(`local sign-in gave no session cookie (${error ?? "no error code"})`);
  return jar;
}

/** next-auth's sign-out (the session goes on the deny-list). */
export async function signOut(url: string, jar: Jar): Promise<void> {
  const csrfRes = await fetch(`${url}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar.header(),
      origin: url,
    },
    body: new URLSearchParams({ csrfToken, callbackUrl: url, json: "true" }),
  });
  if (res.status >= 400) throw new Error(`sign-out answered ${res.status}`);
  await res.arrayBuffer();
}

/** A request to an instance with a session and the headers a same-site browser sends. */
export function call(
  instance: { url: string },
  pathname: string,
  init: { method?: string; cookie?: string; body?: unknown; address?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { "x-forwarded-for": init.address ?? "203.0.113.9" };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.method && init.method !== "GET") headers.origin = instance.url;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${instance.url}${pathname}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    redirect: "manual",
  });
}
