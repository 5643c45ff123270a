// METRICS_TOKEN: optional, at least 16 characters without spaces, and never written to the log.
import { afterEach, describe, expect, it, vi } from "vitest";
import { EnvError, parseEnv } from "@/lib/config/schema";
import { log, resetLoggerForTests } from "@/lib/log";
import { BASE_ENV, useEnv } from "../auth/support";

afterEach(() => {
  vi.restoreAllMocks();
  resetLoggerForTests();
});

describe("METRICS_TOKEN", () => {
  it("is optional, and empty counts as unset", () => {
    expect(parseEnv(BASE_ENV).METRICS_TOKEN).toBeUndefined();
    expect(parseEnv({ ...BASE_ENV, METRICS_TOKEN: "  " }).METRICS_TOKEN).toBeUndefined();
    expect(parseEnv({ ...BASE_ENV, METRICS_TOKEN: "a".repeat(16) }).METRICS_TOKEN).toBe(
      "a".repeat(16),
    );
  });

  it("stops the start naming the setting when it is short or has spaces", () => {
    for (const bad of ["too-short-15-ch", "sixteen chars ok"]) {
      expect(() => parseEnv({ ...BASE_ENV, METRICS_TOKEN: bad })).toThrow(EnvError);
      expect(() => parseEnv({ ...BASE_ENV, METRICS_TOKEN: bad })).toThrow(/METRICS_TOKEN must/);
    }
  });

  it("never appears in a log line, by field name or by value", () => {
    const secret = "metrics-scrape-secret-9a7c5e3b1d";
    useEnv({ LOG_LEVEL: "info", METRICS_TOKEN: secret });
    resetLoggerForTests();
    const written: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    log("test").info(
      { METRICS_TOKEN: secret, header: `Bearer ${secret}` },
      `scraped with ${secret}`,
    );
    const out = written.join("");
    expect(out).toContain("scraped with [redacted]");
    expect(out).not.toContain(secret);
  });
});
