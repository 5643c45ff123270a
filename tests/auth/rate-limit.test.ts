import { describe, expect, it } from "vitest";
import { createMemoryLimiter } from "@/lib/auth/rate-limit";

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
