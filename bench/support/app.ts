// What the benchmarks that need the whole stack share: a free port, polling until something is
// ready, building the app when stale, and the built app (`next start`, as `npm start` runs it) on
// localhost with its last output kept.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { buildIsStale } from "../../scripts/support/build-state";

export const ROOT = path.resolve(__dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns a value; throws with the last error after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
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
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${what} did not happen within ${timeoutMs / 1000} s${last ? ` (${String(last)})` : ""}`,
  );
}

export async function buildIfStale(): Promise<void> {
  if (!buildIsStale(ROOT)) return;
  console.log("  building the app (next build: the build is missing or older than the sources)…");
  const code = await new Promise<number>((resolve) =>
    spawn(process.execPath, [NEXT_BIN, "build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    }).on("exit", (c) => resolve(c ?? 1)),
  );
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
}

/** `next start` on 127.0.0.1:`port`; prints the app's last output if it dies on its own. */
export function startApp(env: NodeJS.ProcessEnv, port: number): ChildProcess {
  const args = [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let tail = "";
  const keepTail = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout?.on("data", keepTail);
  child.stderr?.on("data", keepTail);
  child.on("exit", (code, signal) => {
    // 143 / SIGTERM: stopped by the benchmark at the end of its run.
    if (signal === null && code !== 0 && code !== 143)
      console.error(`  the app exited with ${code}; its last output:\n${tail}`);
  });
  return child;
}
