// Docker cannot run in CI, so the Dockerfile is held to the steps tests/deploy/standalone.test.ts
// proves: `npm ci`, `npm run build` (the same script), the standalone folder copied on its own into
// the runtime stage and started with `node server.js`, as a user other than root, with the health
// check on /api/ready, data on a volume, and nothing secret in the build context.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

interface Stage {
  name: string;
  from: string;
  instructions: { op: string; args: string }[];
}

/** The Dockerfile's stages, with continuation lines joined and comments dropped. */
function stages(): Stage[] {
  const lines = read("Dockerfile")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const out: Stage[] = [];
  for (const line of lines) {
    const [, op = "", args = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === "FROM") {
      const [, from = "", name = ""] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args) ?? [];
      out.push({ name, from, instructions: [] });
    } else out.at(-1)?.instructions.push({ op: op.toUpperCase(), args: args.replace(/\s+/g, " ") });
  }
  return out;
}

const runsOf = (stage: Stage) =>
  stage.instructions.filter((i) => i.op === "RUN").map((i) => i.args);
const argsOf = (stage: Stage, op: string) =>
  stage.instructions.filter((i) => i.op === op).map((i) => i.args);

describe("Dockerfile", () => {
  const all = stages();
  const runtime = all.at(-1)!;
  const byName = new Map(all.map((s) => [s.name, s]));

  it("is multi-stage: dependencies, build, runtime", () => {
    expect(all.map((s) => s.name)).toEqual(["deps", "build", "runtime"]);
    expect(byName.get("build")!.from).toBe("deps");
    // The runtime starts again from the plain Node.js image, not from a stage with the tools.
    expect(runtime.from).toBe(all[0]!.from);
  });

  it("builds with exactly the steps CI proves", () => {
    expect(runsOf(byName.get("deps")!)).toContain("npm ci --no-audit --no-fund");
    expect(runsOf(byName.get("build")!)).toEqual(["npm run build"]);
    const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toMatch(/next build && tsx scripts\/assemble-standalone\.ts$/);
  });

  it("runs the standalone folder with node alone, as a user other than root", () => {
    expect(argsOf(runtime, "COPY")).toEqual(["--from=build /src/.next/standalone ./"]);
    expect(runsOf(runtime).join(" ")).not.toMatch(/\b(npm|npx|tsx|yarn|pnpm)\b/);
    expect(argsOf(runtime, "CMD")).toEqual(['["node", "server.js"]']);
    const user = argsOf(runtime, "USER");
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
  });

  it("checks health on /api/ready, stops on SIGTERM and keeps data on a volume", () => {
    const [healthcheck] = argsOf(runtime, "HEALTHCHECK");
    expect(healthcheck).toContain("/api/ready");
    expect(argsOf(runtime, "STOPSIGNAL")).toEqual(["SIGTERM"]);
    const env = argsOf(runtime, "ENV").join(" ");
    expect(env).toContain("DATABASE_URL=file:/data/atlas.db");
    expect(env).toContain("ATLAS_DATA_DIR=/data");
    expect(env).toContain("HOSTNAME=0.0.0.0");
    expect(env).toContain("NODE_ENV=production");
    expect(argsOf(runtime, "VOLUME")).toEqual(['["/data"]']);
  });

  it("leaves data, env files, builds and installed packages out of the build context", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    expect(ignored).toEqual(
      expect.arrayContaining([".env*", "data", "node_modules", ".next", ".git"]),
    );
    expect(ignored.filter((l) => l.startsWith("!"))).toEqual([]);
  });
});
