import "server-only";
import fs from "node:fs";
import path from "node:path";
import pino, { type Logger } from "pino";
import { getEnv } from "@/lib/config/env";
import { openPrivateAppend } from "@/lib/config/private-files";
import { currentRequestId } from "@/lib/observability/request-context";
import { dropGlobalSingleton, globalSingleton } from "@/lib/runtime/global-singleton";

// The app's one logger: JSON lines to stdout and, when LOG_FILE is set, to that file too.
// Two fences keep credentials out of the lines: `redact` blanks fields whose *name* says secret,
// and maskInLogs() registers secret *values* (client secrets, tokens) that are replaced wherever
// they appear, e.g. inside an upstream error message.

const REDACTED = "[redacted]";
const SECRET_KEYS = [
  "authorization",
  "cookie",
  "set-cookie",
  "password",
  "passwordHash",
  "secret",
  "clientSecret",
  "client_secret",
  "nextClientSecret",
  "QLIK_CLIENT_SECRET_NEXT",
  "METRICS_TOKEN",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "idToken",
  "id_token",
  "sessionToken",
];
// pino's redact paths match one level each; cover fields at the top, one and two levels down
// (e.g. `err.config.headers.authorization` style objects are caught by the value mask instead).
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const sep = k.startsWith("[") ? "" : ".";
  return [k, `*${sep}${k}`, `*.*${sep}${k}`, `*.*.*${sep}${k}`];
});

// Next.js bundles this module separately into instrumentation, each route and each page, and each
// copy would otherwise keep its own list: a secret registered by one bundle would leak from a line
// written by another. The list (and the logger itself, so LOG_FILE is opened once) is therefore
// one per process.
const masks = globalSingleton("log-masks", () => ({
  values: new Set<string>(),
  ordered: [] as string[],
}));

/** How `value` appears inside a JSON log line: as is, escaped once, and escaped inside an escaped string. */
function spellings(value: string): string[] {
  const once = JSON.stringify(value).slice(1, -1);
  const twice = JSON.stringify(once).slice(1, -1);
  return [...new Set([value, once, twice])];
}

/**
 * Replaces `value` with [redacted] in every log line written from now on, by any bundle of this
 * module, including where the line holds it JSON-escaped (a quote, backslash or control character
 * in the secret). Short values are ignored.
 */
export function maskInLogs(value: string | undefined | null): void {
  if (!value || value.length < 8 || masks.values.has(value)) return;
  masks.values.add(value);
  // Longest first, so a secret containing another is replaced whole.
  masks.ordered = [...new Set([...masks.ordered, ...spellings(value)])].sort(
    (a, b) => b.length - a.length,
  );
}

function scrub(line: string): string {
  let out = line;
  for (const value of masks.ordered) if (out.includes(value)) out = out.split(value).join(REDACTED);
  return out;
}

function createLogger(): Logger {
  const env = getEnv();
  maskInLogs(env.METRICS_TOKEN);
  // Each stream takes every level; the logger's own level decides what is written.
  const streams: pino.StreamEntry[] = [{ level: "trace", stream: process.stdout }];
  if (env.LOG_FILE) {
    const file = path.resolve(env.LOG_FILE);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Opened here (0600, an existing file tightened) rather than by pino, which would apply the umask.
    const fd = openPrivateAppend(file);
    streams.push({ level: "trace", stream: pino.destination({ fd, sync: false }) });
  }
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { app: "tenant-atlas" },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: { streamWrite: scrub },
      serializers: { err: pino.stdSerializers.err },
      // Lines written while a request is handled carry its id (lib/observability/request-context.ts).
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
    },
    pino.multistream(streams),
  );
}

const LOGGER_KEY = "logger";

/** The shared logger (created on first use, after the environment was validated). */
export function getLogger(): Logger {
  return globalSingleton(LOGGER_KEY, createLogger);
}

/** Tests: the next getLogger() reads the environment again. Registered masks stay. */
export function resetLoggerForTests(): void {
  dropGlobalSingleton(LOGGER_KEY);
}

/** A logger whose lines carry `module`, e.g. log("auth").warn(...). */
export function log(module: string): Logger {
  return getLogger().child({ module });
}
