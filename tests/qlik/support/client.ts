// Shared setup for the Qlik client tests: fast timeouts and backoff, a recognisable secret, and a
// logger that keeps every line so tests can check nothing secret was logged.
import {
  createQlikClient,
  type QlikClient,
  type QlikClientOptions,
  type QlikLogger,
} from "@/lib/qlik";

export const CLIENT_ID = "test-client";
export const SECRET = "Sup3r-Secret-Value_0123456789";

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  obj: Record<string, unknown>;
  msg: string | undefined;
}

export function recordingLogger(): QlikLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (obj: Record<string, unknown>, msg?: string) =>
    lines.push({ level, obj, msg });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

export function fastClient(
  baseUrl: string,
  overrides: Partial<QlikClientOptions> = {},
): QlikClient {
  return createQlikClient({
    baseUrl,
    credentials: () => ({ clientId: CLIENT_ID, clientSecret: SECRET }),
    timeouts: { connectMs: 2000, requestMs: 5000 },
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, rateLimitFallbackMs: 50 },
    limits: { maxRetryAfterMs: 5000 },
    ...overrides,
  });
}

/** Everything an error exposes when printed, logged or serialized, cause chain included. */
export function serializeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      parts.push(current.message, current.stack ?? "", String(current));
      parts.push(JSON.stringify(current));
      parts.push(JSON.stringify(Object.fromEntries(Object.entries(current))));
      const userMessage = (current as { userMessage?: unknown }).userMessage;
      if (typeof userMessage === "string") parts.push(userMessage);
      current = current.cause;
    } else {
      parts.push(JSON.stringify(current) ?? String(current));
      break;
    }
  }
  return parts.join("\n");
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
