import { describe, expect, it } from "vitest";
import { createDelayTracker, createMemoryLimiter } from "@/lib/auth/rate-limit";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("the in-memory attempt limiter", () => {
  it("allows attempts until the limit of failures, then names when to retry", async () => {
    const c = clock();
    const limiter = createMemoryLimiter({ maxFailures: 3, windowMs: 60_000, now: c.now });
    for (let i = 0; i < 3; i++) {
      expect(await limiter.blockedUntil("k")).toBeNull();
      await limiter.recordFailure("k");
      c.advance(1_000);
    }
    // First failure at 1_000_000, window 60 s: allowed again at 1_060_000.
    expect(await limiter.blockedUntil("k")).toBe(1_060_000);
  });

  it("lets the window slide: the oldest failure expiring frees one attempt", async () => {
    const c = clock();
    const limiter = createMemoryLimiter({ maxFailures: 2, windowMs: 10_000, now: c.now });
    await limiter.recordFailure("k");
    c.advance(5_000);
    await limiter.recordFailure("k");
    expect(await limiter.blockedUntil("k")).not.toBeNull();
    c.advance(5_001);
    expect(await limiter.blockedUntil("k")).toBeNull();
  });

  it("counts keys separately and forgets a key on reset", async () => {
    const limiter = createMemoryLimiter({ maxFailures: 1, windowMs: 60_000 });
    await limiter.recordFailure("a");
    expect(await limiter.blockedUntil("a")).not.toBeNull();
    expect(await limiter.blockedUntil("b")).toBeNull();
    await limiter.reset("a");
    expect(await limiter.blockedUntil("a")).toBeNull();
  });

  it("keeps at most maxKeys keys, dropping the least recently failed", async () => {
    const limiter = createMemoryLimiter({ maxFailures: 1, windowMs: 60_000, maxKeys: 2 });
    await limiter.recordFailure("a");
    await limiter.recordFailure("b");
    await limiter.recordFailure("c");
    expect(await limiter.blockedUntil("a")).toBeNull();
    expect(await limiter.blockedUntil("b")).not.toBeNull();
    expect(await limiter.blockedUntil("c")).not.toBeNull();
  });
});

describe("the in-memory limiter over its bound", () => {
  it("drops keys that are not blocked first, so a flood of new keys does not lift a block", async () => {
    const limiter = createMemoryLimiter({ maxFailures: 2, windowMs: 60_000, maxKeys: 100 });
    await limiter.recordFailure("blocked");
    await limiter.recordFailure("blocked");
    for (let i = 0; i < 1000; i++) await limiter.recordFailure(`flood-${i}`);
    expect(await limiter.blockedUntil("blocked")).not.toBeNull();
  });
});

describe("the growing delay", () => {
  const options = { freeFailures: 2, baseDelayMs: 1000, maxDelayMs: 5000, forgetAfterMs: 60_000 };

  it("is none for the first failures, then doubles up to its cap", async () => {
    const c = clock();
    const delays = createDelayTracker({ ...options, now: c.now });
    const seen: number[] = [];
    for (let i = 0; i < 7; i++) {
      seen.push(await delays.delayFor("k"));
      await delays.recordFailure("k");
    }
    expect(seen).toEqual([0, 0, 1000, 2000, 4000, 5000, 5000]);
  });

  it("is forgotten forgetAfterMs after the last failure, or at once on reset", async () => {
    const c = clock();
    const delays = createDelayTracker({ ...options, now: c.now });
    for (let i = 0; i < 4; i++) await delays.recordFailure("k");
    c.advance(59_999);
    expect(await delays.delayFor("k")).toBe(4000);
    c.advance(2);
    expect(await delays.delayFor("k")).toBe(0);
    for (let i = 0; i < 4; i++) await delays.recordFailure("k");
    await delays.reset("k");
    expect(await delays.delayFor("k")).toBe(0);
  });

  it("counts keys separately and keeps at most maxKeys", async () => {
    const delays = createDelayTracker({ ...options, maxKeys: 2 });
    for (const key of ["a", "a", "a", "b", "c"]) await delays.recordFailure(key);
    expect(await delays.delayFor("a")).toBe(0); // dropped as the least recently failed
    expect(await delays.delayFor("b")).toBe(0);
  });
});
