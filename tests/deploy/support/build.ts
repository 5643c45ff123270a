// The build the deploy test runs from: `npm run build` (next build, then
// scripts/assemble-standalone.ts) when the build is missing or older than the sources; otherwise
// the current build, with its standalone folder assembled. Vitest runs test files in parallel
// processes and Next.js refuses a second build in the same folder, so builds take turns through a
// lock directory; a test file that also needs the built app can call ensureStandaloneBuild() too.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { assembleStandalone, standaloneIsAssembled } from "../../../scripts/assemble-standalone";
import { buildIsStale } from "../../../scripts/support/build-state";

export const ROOT = path.resolve(__dirname, "../../..");
const LOCK = path.join(ROOT, "data", ".build-lock");
const LOCK_WAIT_MS = 15 * 60_000;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A holder that died leaves the directory behind.
      const holder = Number(fs.readFileSync(path.join(LOCK, "pid"), "utf8").trim() || "0");
      if (holder > 0 && !pidAlive(holder)) fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for ${LOCK}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

function npmRunBuild(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    let output = "";
    const child = spawn("npm", ["run", "build"], {
      cwd: ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (error) => resolve({ code: 127, output: String(error) }));
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** A current, assembled .next/standalone; says whether it had to build and how long that took. */
export function ensureStandaloneBuild(): Promise<{ built: boolean; ms: number }> {
  return withBuildLock(async () => {
    const started = Date.now();
    if (!buildIsStale(ROOT)) {
      if (!standaloneIsAssembled(ROOT)) assembleStandalone(ROOT);
      return { built: false, ms: Date.now() - started };
    }
    const { code, output } = await npmRunBuild();
    if (code !== 0) throw new Error(`npm run build failed (exit ${code}):\n${output}`);
    return { built: true, ms: Date.now() - started };
  });
}
