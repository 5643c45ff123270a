// What a production install pulls in, and what CI says about it: packages only the benchmarks
// use are devDependencies; `.ci/run` audits production dependencies and fails on a high or
// critical advisory, but reports a skipped audit (with the registry's reason) where the audit
// service does not answer; no env file but the example can be committed.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_ARGS, judgeAudit } from "../../.ci/npm-audit.mjs";

const ROOT = path.resolve(__dirname, "../..");
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), "utf8");
const pkg = JSON.parse(read("package.json")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Files under `dirs` (relative to the root) whose text imports `name` or a subpath of it. */
function importersOf(name: string, dirs: string[]): string[] {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const pattern = new RegExp(
    `(?:from|import|require\\()\\s*\\(?\\s*["']${escaped}(?:/[^"']*)?["']`,
  );
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (!fs.existsSync(abs)) return;
    if (fs.statSync(abs).isDirectory()) {
      for (const entry of fs.readdirSync(abs))
        if (entry !== "node_modules") walk(path.join(rel, entry));
    } else if (/\.(ts|tsx|js|mjs|cjs)$/.test(rel) && pattern.test(fs.readFileSync(abs, "utf8"))) {
      out.push(rel);
    }
  };
  for (const dir of dirs) walk(dir);
  return out;
}

const RUNTIME = [
  "app",
  "lib",
  "components",
  "simulator",
  "scripts",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
];
const TOOLING = ["bench", "tests", "e2e"];

describe("production dependencies", () => {
  it("csv-stringify, used only by the export benchmark, is a devDependency", () => {
    expect(pkg.dependencies).not.toHaveProperty("csv-stringify");
    expect(pkg.devDependencies).toHaveProperty("csv-stringify");
    expect(importersOf("csv-stringify", RUNTIME)).toEqual([]);
    expect(importersOf("csv-stringify", ["bench"])).toEqual(["bench/export.ts"]);
  });

  it("holds no package that only benchmarks and tests import", () => {
    // Next.js loads react-dom itself; the app's code never needs to name it.
    const loadedByNext = new Set(["react-dom"]);
    const toolingOnly = Object.keys(pkg.dependencies).filter(
      (name) =>
        !loadedByNext.has(name) &&
        importersOf(name, RUNTIME).length === 0 &&
        importersOf(name, TOOLING).length > 0,
    );
    expect(toolingOnly).toEqual([]);
  });

  it("the lockfile agrees: csv-stringify is installed as a dev package", () => {
    const lock = JSON.parse(read("package-lock.json")) as {
      packages: Record<string, { dependencies?: object; devDependencies?: object; dev?: boolean }>;
    };
    expect(lock.packages[""]?.dependencies).not.toHaveProperty("csv-stringify");
    expect(lock.packages[""]?.devDependencies).toHaveProperty("csv-stringify");
    expect(lock.packages["node_modules/csv-stringify"]?.dev).toBe(true);
  });
});

const REPORT_HIGH = {
  auditReportVersion: 2,
  vulnerabilities: {
    "evil-pkg": { name: "evil-pkg", severity: "high", isDirect: true, via: [] },
    "meh-pkg": { name: "meh-pkg", severity: "moderate", isDirect: false, via: [] },
  },
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 1, critical: 0, total: 2 } },
};
const REPORT_MODERATE = {
  auditReportVersion: 2,
  vulnerabilities: { "meh-pkg": { name: "meh-pkg", severity: "moderate", via: [] } },
  metadata: { vulnerabilities: { info: 0, low: 2, moderate: 1, high: 0, critical: 0, total: 3 } },
};
const REGISTRY_405 = {
  message:
    "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
  method: "POST",
  statusCode: 405,
  body: "",
  error: { summary: "", detail: "" },
};
const OFFLINE = {
  error: {
    code: "ENOTFOUND",
    summary:
      "request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org",
    detail: "",
  },
};

describe("the CI audit verdict", () => {
  const run = (body: unknown, status = 1, stderr = "") => ({
    status,
    stdout: typeof body === "string" ? body : JSON.stringify(body),
    stderr,
  });

  it("fails on a high or critical advisory, naming the package", () => {
    const verdict = judgeAudit(run(REPORT_HIGH));
    expect(verdict.outcome).toBe("failed");
    expect(verdict.message).toContain("evil-pkg (high)");
    expect(verdict.message).not.toContain("meh-pkg");
    const critical = structuredClone(REPORT_HIGH);
    critical.vulnerabilities["evil-pkg"].severity = "critical";
    Object.assign(critical.metadata.vulnerabilities, { high: 0, critical: 1 });
    expect(judgeAudit(run(critical)).outcome).toBe("failed");
  });

  it("passes with only low and moderate advisories", () => {
    const verdict = judgeAudit(run(REPORT_MODERATE, 0));
    expect(verdict.outcome).toBe("passed");
    expect(verdict.message).toContain("2 low, 1 moderate");
  });

  it("says the audit was skipped, with the registry's reason, when the service does not answer", () => {
    const refused = judgeAudit(run(REGISTRY_405, 1, "npm error audit endpoint returned an error"));
    expect(refused.outcome).toBe("skipped");
    expect(refused.message).toBe(
      "npm audit skipped: no report from the registry's audit service (405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk)",
    );
    const offline = judgeAudit(run(OFFLINE));
    expect(offline.outcome).toBe("skipped");
    expect(offline.message).toContain("getaddrinfo ENOTFOUND registry.npmjs.org");
    const garbled = judgeAudit(run("<html>proxy error</html>", 1, "npm error something odd\n"));
    expect(garbled).toEqual({
      outcome: "skipped",
      message: "npm audit skipped: no report from the registry's audit service (something odd)",
    });
  });
});

describe(".ci/run", () => {
  let bin: string;
  beforeAll(() => {
    bin = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-fake-npm-"));
  });
  afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

  /** Runs .ci/npm-audit.mjs with an `npm` on PATH that records its arguments and answers `body`. */
  function auditWith(body: unknown, status: number) {
    const answer = path.join(bin, "answer.json");
    fs.writeFileSync(answer, JSON.stringify(body));
    const fake = path.join(bin, "npm");
    fs.writeFileSync(
      fake,
      `#!/bin/sh\necho "$@" > "${bin}/args"\ncat "${answer}"\nexit ${status}\n`,
      { mode: 0o755 },
    );
    const result = spawnSync(process.execPath, [path.join(ROOT, ".ci/npm-audit.mjs")], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
    });
    return { ...result, args: fs.readFileSync(path.join(bin, "args"), "utf8").trim() };
  }

  it("runs the audit after installing and before the tests", () => {
    const lines = read(".ci/run").split("\n");
    const at = (text: string) => lines.findIndex((l) => l.trim() === text);
    expect(at("node .ci/npm-audit.mjs")).toBeGreaterThan(at("npm ci --no-audit --no-fund"));
    expect(at("node .ci/npm-audit.mjs")).toBeLessThan(at("npm test"));
    expect(read(".ci/run")).toMatch(/^set -euo pipefail$/m);
  });

  it("asks npm for production dependencies at level high and exits 1 on a finding", () => {
    const result = auditWith(REPORT_HIGH, 1);
    expect(result.args).toBe(AUDIT_ARGS.join(" "));
    expect(result.args).toBe("audit --omit=dev --audit-level=high --json");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("ci: npm audit: 1 high or critical advisories");
  });

  it("exits 0 and prints the skip and its reason when the registry does not answer", () => {
    const result = auditWith(REGISTRY_405, 1);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "ci: npm audit skipped: no report from the registry's audit service (405 Method Not Allowed",
    );
  });
});

describe(".gitignore", () => {
  const ignored = (file: string) =>
    spawnSync("git", ["check-ignore", "--no-index", "-q", file], { cwd: ROOT }).status === 0;

  it.each([
    ".env",
    ".env.local",
    ".env.production",
    ".env.production.local",
    ".env.development.local",
    ".env.test",
    ".env.staging",
    ".env.bak",
    "e2e/.env",
    "deploy/.env.production",
  ])("ignores %s", (file) => {
    expect(ignored(file)).toBe(true);
  });

  it.each([".env.example", "deploy/.env.example"])("keeps %s committable", (file) => {
    expect(ignored(file)).toBe(false);
  });

  it("no env file is committed already", () => {
    const tracked = execFileSync("git", ["ls-files", "--", "*.env*", ".env*"], {
      cwd: ROOT,
      encoding: "utf8",
    })
      .split("\n")
      .filter((f) => f && !f.endsWith(".env.example") && path.basename(f).startsWith(".env"));
    expect(tracked).toEqual([]);
  });
});
