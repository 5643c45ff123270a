import { afterEach, describe, expect, it, vi } from "vitest";
import { releaseMemorySoon } from "@/lib/runtime/release-memory";
import { useEnv } from "../auth/support";

describe("releaseMemorySoon", () => {
  afterEach(() => {
    vi.useRealTimers();
    delete (globalThis as { gc?: unknown }).gc;
  });

  it("runs one full collection a few seconds after a snapshot swap, however many ask", () => {
    useEnv();
    vi.useFakeTimers();
    const gc = vi.fn();
    (globalThis as { gc?: unknown }).gc = gc;
    releaseMemorySoon("snapshot indexed");
    releaseMemorySoon("snapshot indexed");
    vi.advanceTimersByTime(2000);
    expect(gc).not.toHaveBeenCalled(); // requests may still hold the old snapshot
    vi.advanceTimersByTime(1500);
    expect(gc).toHaveBeenCalledTimes(1);
    releaseMemorySoon("snapshot indexed");
    vi.advanceTimersByTime(3500);
    expect(gc).toHaveBeenCalledTimes(2);
  });

  it("does nothing when the server runs without --expose-gc", () => {
    vi.useFakeTimers();
    expect(() => releaseMemorySoon("snapshot indexed")).not.toThrow();
    expect(vi.getTimerCount()).toBe(0);
  });
});
