import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CliError, parseCli } from "../../simulator/cli-args";
import { contractFetch } from "./support/contract-fetch";
import { getToken } from "./support/sim";

const ROOT = path.resolve(__dirname, "../..");

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "simulator/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function waitForUrl(proc: ReturnType<typeof run>): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const m = /^listening on (http:\/\/localhost:\d+)$/m.exec(proc.out());
    if (m) return m[1] as string;
    if (proc.child.exitCode !== null) throw new Error(`exited early: ${proc.err()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no 'listening on' line");
}

const stop = async (child: ChildProcess, exited: Promise<number | null>) => {
  child.kill("SIGTERM");
  return exited;
};

describe("npm run sim (simulator/cli.ts)", () => {
  it("prints the listening line and the credentials, serves the API, and stops on SIGTERM", async () => {
    const proc = run([
      "--port",
      "0",
      "--tenants",
      "60",
      "--client-id",
      "cli-id",
      "--client-secret",
      "cli-secret",
    ]);
    const url = await waitForUrl(proc);
    expect(proc.out()).toMatch(/client id: cli-id\s+client secret: cli-secret/);
    const token = await getToken({ url } as never, {
      client_id: "cli-id",
      client_secret: "cli-secret",
      grant_type: "client_credentials",
    });
    const res = await contractFetch(`${url}/api/core/tenants?limit=1&totalResults=true`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.body.totalResults).toBe(60);
    expect(await stop(proc.child, proc.exited)).toBe(0);
  });

  it("reads SIM_* environment variables, flags winning", async () => {
    const proc = run(["--tenants", "70"], {
      SIM_PORT: "0",
      SIM_TENANTS: "10",
      SIM_ADMIN: "true",
      SIM_LOG: "1",
    });
    const url = await waitForUrl(proc);
    const stats = await contractFetch(`${url}/__sim/stats`);
    expect(stats.status).toBe(200);
    expect(proc.out()).toMatch(/70 tenants, admin endpoints on/);
    await contractFetch(`${url}/api/core/tenants?limit=1`, {
      headers: { authorization: "Bearer secret-token-value" },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(proc.out()).toMatch(/^\S+ GET \/api\/core\/tenants\?limit=1 401 [\d.]+ms$/m);
    expect(proc.out()).not.toContain("secret-token-value");
    expect(await stop(proc.child, proc.exited)).toBe(0);
  });

  it.each([
    [["--port", "abc"], {}, /--port must be a port number/],
    [
      ["--port", "0", "--data-file", "/nonexistent/tenants.json"],
      {},
      /data file \/nonexistent\/tenants.json cannot be read/,
    ],
  ])("exits 2 with one clear line for %j %j", async (args, env, message) => {
    const proc = run(args as string[], env as Record<string, string>);
    expect(await proc.exited).toBe(2);
    expect(proc.err().trim().split("\n")).toHaveLength(1);
    expect(proc.err()).toMatch(message);
  });

  it("prints usage for --help", async () => {
    const proc = run(["--help"]);
    expect(await proc.exited).toBe(0);
    expect(proc.out()).toMatch(/SIM_CLIENT_SECRET/);
    expect(proc.out()).toMatch(/--data-file/);
  });
});

describe("parseCli", () => {
  it("maps flags and env to options and faults", () => {
    const { options } = parseCli(
      ["--port", "0", "--tier1", "10", "--admin", "--latency", "25", "--seed", "3"],
      { SIM_ERROR_RATE: "0.1", SIM_CLIENT_ID: "env-id", SIM_LOG: "0" },
    );
    expect(options).toEqual({
      port: 0,
      seed: 3,
      clientId: "env-id",
      tier1PerMinute: 10,
      admin: true,
      log: false,
      faults: { latencyMs: 25, errorRate: 0.1 },
    });
  });

  it.each([
    [["--port", "abc"], {}, /^--port must be a port number from 0 to 65535 \(got "abc"\)$/],
    [["--tenants=-5"], {}, /^--tenants must be a whole number/],
    [["--tenants", "-5"], {}, /^Option '--tenants' argument is ambiguous\. Run with --help/],
    [["--error-rate", "1.5"], {}, /^--error-rate must be a number from 0 to 1/],
    [["--latency", "-1"], {}, /ambiguous/],
    [["--bogus"], {}, /^Unknown option '--bogus'\. Run with --help/],
    [["--port"], {}, /--port/],
    [[], { SIM_TIER1_PER_MINUTE: "lots" }, /^SIM_TIER1_PER_MINUTE must be a positive number/],
    [[], { SIM_REFERENCE_DATE: "soon" }, /^SIM_REFERENCE_DATE must be an ISO date-time/],
    [[], { SIM_CLIENT_ID: " " }, /^SIM_CLIENT_ID must be a non-empty value/],
  ])("names the bad setting in %j %j", (args, env, message) => {
    expect(() => parseCli(args as string[], env as Record<string, string>)).toThrow(message);
  });

  it("throws CliError for positionals and bad booleans", () => {
    expect(() => parseCli(["extra"], {})).toThrow(CliError);
    expect(() => parseCli([], { SIM_ADMIN: "maybe" })).toThrow(/SIM_ADMIN must be true or false/);
  });
});
