import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter, sleep } from "@/lib/qlik/timing";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00.000Z");
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("13", now)).toBe(13_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });
  it("reads an HTTP date", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
  });
  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
  });
});

describe("backoffDelay (full jitter)", () => {
  it("stays in [0, min(max, base·2^n))", () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).toBe(0);
    expect(backoffDelay(0, 100, 10_000, () => 0.999)).toBe(99);
    expect(backoffDelay(3, 100, 10_000, () => 0.5)).toBe(400);
    expect(backoffDelay(20, 100, 10_000, () => 0.999)).toBe(9990);
  });
});

describe("sleep", () => {
  it("rejects with the abort reason", async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });
});
