// Second half of `npm run build`: turns Next.js's .next/standalone into a folder that runs with
// `node server.js` alone, on a machine with Node.js and nothing else. Next traces what the server
// needs into it but leaves out the browser assets, by design; this step adds them, makes sure the
// database migrations and the native packages (better-sqlite3's compiled binding, pg) are there,
// takes out the .env files Next copies in (settings come from the environment: secrets never
// travel inside a build), and proves the native binding loads from inside the folder.
// Idempotent; `npm start` and tests/deploy run it too.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface AssembleResult {
  dir: string;
  /** Packages copied in from node_modules because the trace had missed them. */
  copiedPackages: string[];
  /** .env files removed from the output. */
  removedEnvFiles: string[];
}

/** Packages the server loads from node_modules at run time (next.config.js serverExternalPackages). */
const RUNTIME_PACKAGES = ["better-sqlite3", "pg", "pino", "prom-client", "undici"];
/** Files without which a package cannot work, beyond its package.json. */
const REQUIRED_FILES: Record<string, string[]> = {
  "better-sqlite3": ["build/Release/better_sqlite3.node"],
};

export class AssembleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssembleError";
  }
}

function copyDir(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true, dereference: true });
}

/** Copies package `name` from the project's node_modules into the output's. */
function copyPackage(name: string, root: string, out: string): void {
  const source = path.join(root, "node_modules", name);
  if (!fs.existsSync(path.join(source, "package.json")))
    throw new AssembleError(`${name} is not installed: run npm ci first`);
  copyDir(source, path.join(out, "node_modules", name));
}

/** `pg` for "pg/lib/x", `@scope/name` for "@scope/name/x"; null for relative or absolute paths. */
function packageName(specifier: string): string | null {
  if (specifier.startsWith(".") || path.isAbsolute(specifier)) return null;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? null);
}

// Run inside the output: loads every runtime package and opens an in-memory SQLite database, as
// the server will; prints the first module that cannot be found.
const PROBE = `
const names = JSON.parse(process.argv[1]);
try {
  for (const name of names) require(name);
  const db = new (require("better-sqlite3"))(":memory:");
  db.prepare("select 1").get();
  db.close();
} catch (error) {
  const missing = /Cannot find module '([^']+)'/.exec(error.message);
  console.log(JSON.stringify({ missing: missing ? missing[1] : null, message: error.message }));
  process.exit(1);
}`;

/**
 * Makes the runtime packages load from inside `out`: a package whose files the trace missed
 * (better-sqlite3's binding) is copied whole, and so is every package a load attempt reports as
 * missing, until they all load.
 */
function completeRuntimePackages(root: string, out: string): string[] {
  const copied: string[] = [];
  for (const name of RUNTIME_PACKAGES) {
    const target = path.join(out, "node_modules", name);
    const required = ["package.json", ...(REQUIRED_FILES[name] ?? [])];
    if (!required.every((file) => fs.existsSync(path.join(target, file)))) {
      copyPackage(name, root, out);
      copied.push(name);
    }
  }
  for (;;) {
    const probe = spawnSync(process.execPath, ["-e", PROBE, JSON.stringify(RUNTIME_PACKAGES)], {
      cwd: out,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" },
    });
    if (probe.status === 0) return copied;
    const report = (() => {
      try {
        return JSON.parse(probe.stdout) as { missing: string | null; message: string };
      } catch {
        return { missing: null, message: probe.stderr.trim() || `exit code ${probe.status}` };
      }
    })();
    const name = report.missing ? packageName(report.missing) : null;
    if (!name || copied.includes(name))
      throw new AssembleError(
        `the runtime packages do not load from ${out}: ${report.message.split("\n")[0]}`,
      );
    copyPackage(name, root, out);
    copied.push(name);
  }
}

/** Fails when the trace swept up the whole project (sources, data, secrets) into the output. */
function checkNothingExtra(out: string): void {
  const found: string[] = [];
  for (const name of ["data", "tests", "e2e", "components", "app"])
    if (fs.existsSync(path.join(out, name))) found.push(`${name}/`);
  if (found.length > 0)
    throw new AssembleError(
      `the standalone output holds ${found.join(", ")}: a file-system call in the server code made Next.js trace the whole project. Find it in the build's "Dynamic filesystem access" warning and scope it (path.join(process.cwd(), "sub", ...) or /*turbopackIgnore: true*/).`,
    );
}

function readTrimmed(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
}

/**
 * True when .next/standalone has been assembled since the last `next build` (which empties it):
 * it holds the browser assets and migrations of the current build.
 */
export function standaloneIsAssembled(root = process.cwd()): boolean {
  const out = path.join(root, ".next", "standalone");
  const buildId = readTrimmed(path.join(root, ".next", "BUILD_ID"));
  return (
    buildId !== null &&
    readTrimmed(path.join(out, ".next", "BUILD_ID")) === buildId &&
    fs.existsSync(path.join(out, "server.js")) &&
    fs.existsSync(path.join(out, ".next", "static")) &&
    fs.existsSync(path.join(out, "lib", "db", "migrations"))
  );
}

export function assembleStandalone(root = process.cwd()): AssembleResult {
  const build = path.join(root, ".next");
  const out = path.join(build, "standalone");
  if (!fs.existsSync(path.join(out, "server.js")))
    throw new AssembleError(
      `${path.relative(root, out)}/server.js is missing: run \`next build\` first (next.config.js must keep output: "standalone")`,
    );

  copyDir(path.join(build, "static"), path.join(out, ".next", "static"));
  if (fs.existsSync(path.join(root, "public")))
    copyDir(path.join(root, "public"), path.join(out, "public"));
  copyDir(path.join(root, "lib", "db", "migrations"), path.join(out, "lib", "db", "migrations"));

  const removedEnvFiles = fs.readdirSync(out).filter((name) => /^\.env/.test(name));
  for (const name of removedEnvFiles) fs.rmSync(path.join(out, name));

  checkNothingExtra(out);
  const copiedPackages = completeRuntimePackages(root, out);
  return { dir: out, copiedPackages, removedEnvFiles };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  try {
    const result = assembleStandalone();
    const rel = path.relative(process.cwd(), result.dir);
    if (result.copiedPackages.length > 0)
      console.log(`tenant-atlas: copied into ${rel}: ${result.copiedPackages.join(", ")}`);
    if (result.removedEnvFiles.length > 0)
      console.log(
        `tenant-atlas: left ${result.removedEnvFiles.join(", ")} out of ${rel}: give the server its settings as environment variables`,
      );
    console.log(`tenant-atlas: ${rel} is ready: cd ${rel} && node server.js (docs/deploy.md)`);
  } catch (error) {
    console.error(`tenant-atlas: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
