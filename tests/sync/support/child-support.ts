// Client set-up shared by the test process and the child server process (no Vitest imports).
import { createQlikClient, type QlikClient } from "@/lib/qlik";

export const CHILD_CLIENT_ID = "sync-test-client";
export const CHILD_CLIENT_SECRET = "sync-test-secret-0123456789";

export function simClientFor(url: string): QlikClient {
  return createQlikClient({
    baseUrl: url,
    credentials: () => ({ clientId: CHILD_CLIENT_ID, clientSecret: CHILD_CLIENT_SECRET }),
    timeouts: { connectMs: 1_000, requestMs: 5_000 },
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, rateLimitFallbackMs: 50 },
    limits: { maxRetryAfterMs: 5_000 },
  });
}

export const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };
