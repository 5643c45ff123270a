// `npm start`: one command from a fresh clone to a running Tenant Atlas.
//  - Without QLIK_CLIENT_ID/QLIK_CLIENT_SECRET: demo mode. Starts the built-in Organization API
//    simulator with a generated organization, makes the session secret it needs under ./data, and
//    runs the app against it.
//  - With them: no simulator; the app talks to QLIK_BASE_URL (default https://console.qlikcloud.com)
//    and every setting is validated first.
// Builds the app when the build is missing or older than the sources (`npm run build`'s two steps),
// then runs the self-contained server, .next/standalone/server.js, exactly as a deployment does
// (docs/deploy.md); `--dev` runs `next dev` instead. Ctrl-C stops everything.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import { ensurePrivateDirectory, readOrCreateSecretFile } from "../lib/config/private-files";
import { EnvError, parseEnv } from "../lib/config/schema";
import { AssembleError, assembleStandalone, standaloneIsAssembled } from "./assemble-standalone";
import { buildIsStale } from "./support/build-state";

const HELP = `Usage: npm start [-- options]

Runs Tenant Atlas. Without QLIK_CLIENT_ID/QLIK_CLIENT_SECRET it runs a demo organization on the
built-in simulator; with them it connects to QLIK_BASE_URL.

Options (demo mode):
  --tenants N         tenants in the demo organization (default 2500, env SIM_TENANTS)
  --subscriptions N   subscriptions in the demo organization (default 12, env SIM_SUBSCRIPTIONS)
  --seed N            data generator seed (default 1, env SIM_SEED)
  --drift-every S     change a few demo tenants every S seconds, 0 = never (default 75,
                      env SIM_DRIFT_EVERY_SECONDS); the demo syncs every minute
                      (SYNC_INTERVAL_MINUTES) so the changes show up soon
Options (both modes):
  --dev               run the Next.js dev server instead of the production build
  --help              this text
Environment: PORT (app, default 3000), SIM_PORT (simulator, default 4010); see README.md for all.`;

function fail(message: string): never {
  console.error(`tenant-atlas: ${message}`);
  process.exit(1);
}

function positiveInt(name: string, raw: string | undefined, def: number, max: number): number {
  if (raw === undefined || raw === "") return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    fail(`${name} must be a whole number from 1 to ${max} (got "${raw}")`);
  return n;
}

/** The demo's drift and sync pace (docs: README "Two commands"). */
const DEMO_DRIFT_SECONDS = 75;
const DEMO_SYNC_MINUTES = 1;

function driftSeconds(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEMO_DRIFT_SECONDS;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 86_400 || (n > 0 && n < 1))
    fail(`--drift-every must be 0 (off) or a number of seconds from 1 to 86400 (got "${raw}")`);
  return n;
}

function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer ${url}/api/health within ${timeoutMs / 1000} s`);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/**
 * The standalone server runs from .next/standalone (it changes into that folder), so the settings
 * that name files become absolute paths here, resolved against where `npm start` was run.
 */
function withAbsolutePaths(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  const databaseUrl = env.DATABASE_URL?.trim() || "file:./data/atlas.db";
  const file = databaseUrl.startsWith("file:") ? databaseUrl.slice("file:".length) : null;
  out.DATABASE_URL =
    file === null || file === ":memory:" ? databaseUrl : `file:${path.resolve(file)}`;
  out.ATLAS_DATA_DIR = path.resolve(env.ATLAS_DATA_DIR?.trim() || "./data");
  if (env.LOG_FILE?.trim()) out.LOG_FILE = path.resolve(env.LOG_FILE.trim());
  return out;
}

/** The demo's session secret, kept in <data dir>/nextauth-secret (0600, never through a link). */
function sessionSecret(dataDir: string): string {
  return readOrCreateSecretFile(path.join(dataDir, "nextauth-secret"), () =>
    randomBytes(32).toString("base64url"),
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      tenants: { type: "string" },
      subscriptions: { type: "string" },
      seed: { type: "string" },
      "drift-every": { type: "string" },
      dev: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  loadEnvConfig(process.cwd(), values.dev);

  const demo = !process.env.QLIK_CLIENT_ID && !process.env.QLIK_CLIENT_SECRET;
  const port = positiveInt("PORT", process.env.PORT, 3000, 65535);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  let stopSimulator: (() => Promise<void>) | undefined;
  let summary: string[];
  // Demo mode lets anyone who reaches the app in: it listens on loopback only, whatever HOSTNAME says.
  const host = demo ? "localhost" : (process.env.HOSTNAME ?? "0.0.0.0");
  const appUrl = process.env.NEXTAUTH_URL?.replace(/\/+$/, "") ?? `http://localhost:${port}`;

  if (!(await portFree(port, demo ? "127.0.0.1" : "0.0.0.0")))
    fail(`port ${port} is already in use: stop what uses it or set PORT, e.g. PORT=3001 npm start`);

  if (demo) {
    const tenants = positiveInt(
      "--tenants",
      values.tenants ?? process.env.SIM_TENANTS,
      2500,
      200_000,
    );
    const subscriptions = positiveInt(
      "--subscriptions",
      values.subscriptions ?? process.env.SIM_SUBSCRIPTIONS,
      12,
      1000,
    );
    const seed = positiveInt("--seed", values.seed ?? process.env.SIM_SEED, 1, 2 ** 31);
    const driftEverySeconds = driftSeconds(
      values["drift-every"] ?? process.env.SIM_DRIFT_EVERY_SECONDS,
    );
    const simPort = positiveInt("SIM_PORT", process.env.SIM_PORT, 4010, 65535);
    if (simPort === port) fail(`SIM_PORT and PORT are both ${port}: give them different values`);
    if (!(await portFree(simPort, "127.0.0.1")))
      fail(
        `port ${simPort} (the simulator) is already in use: set SIM_PORT, e.g. SIM_PORT=4011 npm start`,
      );

    const dataDir = path.resolve(process.env.ATLAS_DATA_DIR ?? "./data");
    ensurePrivateDirectory(dataDir);
    // A fresh simulator secret each run: the demo app gets it through its environment only.
    const clientSecret = randomBytes(24).toString("base64url");
    // And a fresh demo key: the app lets demo users in only once the simulator proves it holds it
    // (lib/auth/demo.ts), so demo sign-in never works against anything but this simulator.
    const demoKey = randomBytes(32).toString("base64url");
    const { startSimulator } = await import("../simulator/server");
    const sim = await startSimulator({
      port: simPort,
      tenants,
      subscriptions,
      seed,
      clientId: "demo-client",
      clientSecret,
      demoKey,
      driftEverySeconds,
    });
    stopSimulator = () => sim.close();
    Object.assign(env, {
      ATLAS_DEMO: "true",
      QLIK_BASE_URL: sim.url,
      QLIK_CLIENT_ID: "demo-client",
      QLIK_CLIENT_SECRET: clientSecret,
      ATLAS_DEMO_KEY: demoKey,
      // The demo organization drifts between syncs: sync every minute so the change feed and the
      // alerts show it within minutes (a real organization keeps the 10-minute default).
      SYNC_INTERVAL_MINUTES: process.env.SYNC_INTERVAL_MINUTES || String(DEMO_SYNC_MINUTES),
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || sessionSecret(dataDir),
      // One database per demo organization, so a restart with other --tenants/--seed never shows
      // the previous organization's snapshot while the first sync runs.
      DATABASE_URL:
        process.env.DATABASE_URL ||
        `file:${path.join(dataDir, `demo-${tenants}-${subscriptions}-${seed}.db`)}`,
    });
    summary = [
      `Demo organization: ${tenants.toLocaleString("en-US")} tenants in ${subscriptions} subscriptions (simulator at ${sim.url})`,
      driftEverySeconds > 0
        ? `A few demo tenants change every ${driftEverySeconds} s; Tenant Atlas syncs every ${env.SYNC_INTERVAL_MINUTES} min (see Changes).`
        : "The demo tenants stay as generated (drift off).",
      `Sign in: open the URL and choose "Continue as demo admin" or "Continue as demo viewer". No password needed.`,
    ];
  } else {
    env.NEXTAUTH_URL = appUrl;
    summary = [
      `Organization API: ${process.env.QLIK_BASE_URL || "https://console.qlikcloud.com"}`,
      `Sign in with the configured identity provider or the local admin account.`,
    ];
  }

  try {
    parseEnv(env);
  } catch (error) {
    await stopSimulator?.();
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }

  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  if (!values.dev && buildIsStale(process.cwd())) {
    console.log("tenant-atlas: building the app (first start or sources changed)…");
    const code = await run(process.execPath, [nextBin, "build"], {
      ...env,
      NODE_ENV: "production",
    });
    if (code !== 0) {
      await stopSimulator?.();
      fail(`the build failed (exit code ${code}); see the output above`);
    }
  }
  if (!values.dev && !standaloneIsAssembled(process.cwd())) {
    try {
      assembleStandalone(process.cwd());
    } catch (error) {
      await stopSimulator?.();
      if (error instanceof AssembleError) fail(error.message);
      throw error;
    }
  }

  // The production server is the one a deployment runs; it takes its port and address from PORT
  // and HOSTNAME.
  const args = values.dev
    ? [nextBin, "dev", "-p", String(port), "-H", host]
    : [path.resolve(".next/standalone/server.js")];
  const app = spawn(process.execPath, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: values.dev
      ? { ...env, HOSTNAME: host, NODE_ENV: "development" }
      : { ...withAbsolutePaths(env), HOSTNAME: host, NODE_ENV: "production" },
  });

  let stopping = false;
  const appExited = new Promise<void>((resolve) => app.once("exit", () => resolve()));
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // The app finishes its requests and gives the sync lease back before it exits (at most ~10 s).
    if (app.exitCode === null && app.signalCode === null) {
      app.kill("SIGTERM");
      const killer = setTimeout(() => app.kill("SIGKILL"), 15_000);
      await appExited;
      clearTimeout(killer);
    }
    await stopSimulator?.();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  app.on("exit", (code) => {
    if (!stopping) {
      console.error(`tenant-atlas: the app stopped (exit code ${code ?? "none"})`);
      void stop(code ?? 1);
    }
  });

  try {
    await waitForHealth(`http://localhost:${port}`, app, 120_000);
  } catch (error) {
    console.error(`tenant-atlas: ${(error as Error).message}`);
    await stop(1);
    return;
  }
  console.log(
    [
      "",
      `  Tenant Atlas is running at ${appUrl}`,
      ...summary.map((line) => `  ${line}`),
      "  Stop with Ctrl-C.",
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
