// The log's value mask is one list per process: Next.js evaluates lib/log.ts once per bundle
// (instrumentation, each route, each page), and a secret registered through any copy is masked in
// lines written through every other, in every spelling a JSON line can give it. LOG_FILE is
// created owner-only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type * as LogModuleNamespace from "@/lib/log";
import { useEnv } from "../auth/support";

type LogModule = typeof LogModuleNamespace;

let written: string[];
beforeEach(() => {
  written = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  useEnv({ LOG_LEVEL: "info" });
});
afterEach(async () => {
  vi.restoreAllMocks();
  (await import("@/lib/log")).resetLoggerForTests();
});

/** A fresh evaluation of lib/log.ts, as another bundle of the app would have. */
async function anotherBundle(): Promise<LogModule> {
  vi.resetModules();
  return import("@/lib/log");
}

describe("one mask list for every bundle of the logger", () => {
  it("masks a secret registered by one bundle in lines of a logger another bundle created", async () => {
    const routes = await anotherBundle();
    routes.resetLoggerForTests();
    const logger = routes.getLogger();

    const instrumentation = await anotherBundle();
    expect(instrumentation).not.toBe(routes);
    instrumentation.maskInLogs("qlik-client-secret-4f9a8b7c");

    logger.warn({ detail: "sent qlik-client-secret-4f9a8b7c" }, "qlik-client-secret-4f9a8b7c");
    instrumentation.log("sync").error("token qlik-client-secret-4f9a8b7c refused");
    const out = written.join("");
    expect(out).not.toContain("qlik-client-secret-4f9a8b7c");
    expect(out.match(/\[redacted\]/g)).toHaveLength(3);
  });

  it("masks a secret registered before the other bundle's logger existed", async () => {
    (await anotherBundle()).maskInLogs("oidc-client-secret-77e1");
    const pages = await anotherBundle();
    pages.resetLoggerForTests();
    pages.log("auth").info({ cause: "oidc-client-secret-77e1" }, "sign-in");
    expect(written.join("")).not.toContain("oidc-client-secret-77e1");
  });

  it("shares one logger, so LOG_FILE is opened once per process", async () => {
    const a = await anotherBundle();
    const b = await anotherBundle();
    expect(b.getLogger()).toBe(a.getLogger());
  });
});

describe("the JSON-escaped spellings of a secret", () => {
  const secrets = [
    'quote"in-the-middle-1',
    "back\\slash\\secret-2",
    "tab\tand\nnewline-3",
    "control\u0001char-secret-4",
    'both\\"kinds-of-escape-5',
  ];

  it.each(secrets)("masks %j as it appears in a log line", async (secret) => {
    const logging = await import("@/lib/log");
    logging.maskInLogs(secret);
    logging.getLogger().warn({ upstream: { detail: `refused ${secret}` } }, `msg ${secret}`);
    const line = written.join("");
    const escaped = JSON.stringify(secret).slice(1, -1);
    expect(line).not.toContain(escaped);
    expect(line).not.toContain(secret);
    // The line is still JSON, with the secret replaced in both places.
    const parsed = JSON.parse(line.trim()) as { msg: string; upstream: { detail: string } };
    expect(parsed.msg).toBe("msg [redacted]");
    expect(parsed.upstream.detail).toBe("refused [redacted]");
  });

  it("masks a secret inside a string that itself holds escaped JSON", async () => {
    const secret = 'nested"secret\\value-6';
    const logging = await import("@/lib/log");
    logging.maskInLogs(secret);
    logging.getLogger().warn({ body: JSON.stringify({ client_secret_echo: secret }) }, "upstream");
    const line = written.join("");
    expect(line).not.toContain(JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1));
    expect(JSON.parse(line.trim()).body).toBe('{"client_secret_echo":"[redacted]"}');
  });

  it("replaces a longer secret whole when a shorter one is inside it", async () => {
    const logging = await import("@/lib/log");
    logging.maskInLogs("inner-secret-8");
    logging.maskInLogs("outer-inner-secret-8-tail");
    logging.getLogger().warn("a outer-inner-secret-8-tail b");
    expect(written.join("")).toContain('"msg":"a [redacted] b"');
  });
});

describe("LOG_FILE", () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-log-"));
    umask = process.umask(0); // prove the mode is set, not left to a friendly umask
  });
  afterEach(() => {
    process.umask(umask);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is created with mode 0600 (and its new directory 0700)", async () => {
    const file = path.join(dir, "logs", "app.log");
    useEnv({ LOG_LEVEL: "info", LOG_FILE: file });
    const logging = await anotherBundle(); // reads the environment afresh
    logging.resetLoggerForTests();
    logging.getLogger().info("hello");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it("is set to 0600 when it already exists with a looser mode", async () => {
    const file = path.join(dir, "app.log");
    fs.writeFileSync(file, "earlier line\n", { mode: 0o644 });
    useEnv({ LOG_LEVEL: "info", LOG_FILE: file });
    const logging = await anotherBundle(); // reads the environment afresh
    logging.resetLoggerForTests();
    logging.getLogger().info("hello");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toMatch(/^earlier line\n/);
  });
});
