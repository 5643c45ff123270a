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

  it("collects once the server is idle and has grown past its floor, then not again until it grows", async () => {
    useEnv();
    vi.useFakeTimers({ toFake: ["setInterval", "setTimeout"] });
    const gc = vi.fn();
    (globalThis as { gc?: unknown }).gc = gc;
    const perf = await import("node:perf_hooks");
    let utilization = 0;
    vi.spyOn(perf.performance, "eventLoopUtilization").mockImplementation(() => ({
      idle: 1,
      active: 0,
      utilization,
    }));
    const MB = 2 ** 20;
    let rss = 200 * MB;
    vi.spyOn(process, "memoryUsage").mockImplementation(
      () =>
        ({ rss, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }) as NodeJS.MemoryUsage,
    );
    gc.mockImplementation(() => (rss = 240 * MB));
    const { releaseMemoryWhenIdle } = await import("@/lib/runtime/release-memory");
    releaseMemoryWhenIdle();
    vi.advanceTimersByTime(15_000); // idle at 200 MB: the floor
    utilization = 0.9;
    rss = 320 * MB;
    vi.advanceTimersByTime(30_000);
    expect(gc).not.toHaveBeenCalled(); // busy: never
    utilization = 0;
    vi.advanceTimersByTime(15_000);
    expect(gc).toHaveBeenCalledTimes(1); // idle, 120 MB over the floor (more than 32)
    vi.advanceTimersByTime(45_000);
    expect(gc).toHaveBeenCalledTimes(1); // the new floor is 240 MB; nothing grew
    rss = 300 * MB;
    vi.advanceTimersByTime(15_000);
    expect(gc).toHaveBeenCalledTimes(2);
    vi.restoreAllMocks();
  });
});
