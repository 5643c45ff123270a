import "server-only";
import fs from "node:fs";
import path from "node:path";
import pino, { type Logger } from "pino";
import { getEnv } from "@/lib/config/env";

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

const maskedValues = new Set<string>();

/** Replaces `value` with [redacted] in every log line written from now on. Short values are ignored. */
export function maskInLogs(value: string | undefined | null): void {
  if (value && value.length >= 8) maskedValues.add(value);
}

function scrub(line: string): string {
  let out = line;
  for (const value of maskedValues) if (out.includes(value)) out = out.split(value).join(REDACTED);
  return out;
}

function createLogger(): Logger {
  const env = getEnv();
  // Each stream takes every level; the logger's own level decides what is written.
  const streams: pino.StreamEntry[] = [{ level: "trace", stream: process.stdout }];
  if (env.LOG_FILE) {
    fs.mkdirSync(path.dirname(path.resolve(env.LOG_FILE)), { recursive: true });
    const file = pino.destination({ dest: env.LOG_FILE, append: true, sync: false });
    streams.push({ level: "trace", stream: file });
  }
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { app: "tenant-atlas" },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: { streamWrite: scrub },
      serializers: { err: pino.stdSerializers.err },
    },
    pino.multistream(streams),
  );
}

let instance: Logger | undefined;

/** The shared logger (created on first use, after the environment was validated). */
export function getLogger(): Logger {
  instance ??= createLogger();
  return instance;
}

/** A logger whose lines carry `module`, e.g. log("auth").warn(...). */
export function log(module: string): Logger {
  return getLogger().child({ module });
}
