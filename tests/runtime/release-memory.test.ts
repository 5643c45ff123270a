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

describe("releaseMemoryWhenIdle", () => {
  afterEach(() => {
    vi.useRealTimers();
    delete (globalThis as { gc?: unknown }).gc;
  });

  it("collects once the server is idle and the heap has grown, then not again until it grows", async () => {
    useEnv();
    vi.useFakeTimers({ toFake: ["setInterval", "setTimeout"] });
    const gc = vi.fn();
    (globalThis as { gc?: unknown }).gc = gc;
    const perf = await import("node:perf_hooks");
    vi.spyOn(perf.performance, "eventLoopUtilization").mockReturnValue({
      idle: 1,
      active: 0,
      utilization: 0,
    });
    let heapTotal = 300 * 2 ** 20;
    vi.spyOn(process, "memoryUsage").mockImplementation(
      () =>
        ({
          rss: 0,
          heapTotal,
          heapUsed: 90 * 2 ** 20,
          external: 0,
          arrayBuffers: 0,
        }) as NodeJS.MemoryUsage,
    );
    gc.mockImplementation(() => (heapTotal = 100 * 2 ** 20));
    const { releaseMemoryWhenIdle } = await import("@/lib/runtime/release-memory");
    releaseMemoryWhenIdle();
    vi.advanceTimersByTime(15_000);
    expect(gc).toHaveBeenCalledTimes(1); // idle, heap far larger than after the last collection
    vi.advanceTimersByTime(30_000);
    expect(gc).toHaveBeenCalledTimes(1); // nothing grew since
    heapTotal = 200 * 2 ** 20;
    vi.advanceTimersByTime(15_000);
    expect(gc).toHaveBeenCalledTimes(2);
    vi.restoreAllMocks();
  });
});
