import { describe, expect, it } from "vitest";
import { QlikRateLimitError } from "@/lib/qlik/errors";
import { SlidingWindowBudget, TierGate } from "@/lib/qlik/rate-limit";

describe("SlidingWindowBudget", () => {
  it("lets `requests` through at once, then waits for the window to slide", async () => {
    const budget = new SlidingWindowBudget({ requests: 3, windowMs: 300 });
    const started = Date.now();
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, () =>
        budget.acquire().then((release) => {
          times.push(Date.now() - started);
          release();
        }),
      ),
    );
    times.sort((a, b) => a - b);
    expect(times.slice(0, 3).every((t) => t < 100)).toBe(true);
    expect(times[3]).toBeGreaterThanOrEqual(290);
    expect(times[6]).toBeGreaterThanOrEqual(590);
    // No window of 300 ms ever held more than 3 sends.
    for (let i = 3; i < times.length; i++)
      expect(times[i]! - times[i - 3]!).toBeGreaterThanOrEqual(290);
  });

  it("serves waiters first come, first served and drops aborted ones", async () => {
    const budget = new SlidingWindowBudget({ requests: 1, windowMs: 100 });
    (await budget.acquire())();
    const order: string[] = [];
    const controller = new AbortController();
    const a = budget.acquire().then((release) => {
      order.push("a");
      release();
    });
    const b = budget.acquire(controller.signal).then(
      () => order.push("b"),
      () => order.push("b-aborted"),
    );
    const c = budget.acquire().then((release) => {
      order.push("c");
      release();
    });
    controller.abort();
    await Promise.all([a, b, c]);
    expect(order).toEqual(["b-aborted", "a", "c"]);
  });

  it("counts an in-flight request until a full window after it finishes", async () => {
    const budget = new SlidingWindowBudget({ requests: 1, windowMs: 100 });
    const release = await budget.acquire();
    let second = false;
    const next = budget.acquire().then((r) => {
      second = true;
      r();
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(second).toBe(false); // still in flight after two windows
    const finished = Date.now();
    release();
    await next;
    expect(Date.now() - finished).toBeGreaterThanOrEqual(99);
  });

  it("refuses a nonsensical limit", () => {
    expect(() => new SlidingWindowBudget({ requests: 0, windowMs: 100 })).toThrow(RangeError);
  });
});

describe("TierGate", () => {
  it("holds every caller for Retry-After, then lets one probe through before the rest", async () => {
    const gate = new TierGate("tier1", 10_000);
    const first = await gate.enter();
    first.done("rate_limited", 150);
    const started = Date.now();
    const entered: number[] = [];
    const tickets = Array.from({ length: 5 }, () =>
      gate.enter().then((t) => {
        entered.push(Date.now() - started);
        return t;
      }),
    );
    await new Promise((r) => setTimeout(r, 250));
    // Only the probe is in after the hold.
    expect(entered).toHaveLength(1);
    expect(entered[0]).toBeGreaterThanOrEqual(140);
    const probe = await Promise.race(tickets);
    probe.done("other");
    const all = await Promise.all(tickets);
    expect(entered).toHaveLength(5);
    for (const t of all) t.done("other");
  });

  it("a probe that is limited again re-holds the tier", async () => {
    const gate = new TierGate("tier2", 10_000);
    (await gate.enter()).done("rate_limited", 50);
    const probe = await gate.enter();
    probe.done("rate_limited", 100);
    expect(gate.remainingMs()).toBeGreaterThan(50);
    const started = Date.now();
    const next = await gate.enter();
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    next.done("other");
  });

  it("fails at once when the hold is longer than allowed", async () => {
    const gate = new TierGate("tier1", 1000);
    (await gate.enter()).done("rate_limited", 60_000);
    await expect(gate.enter()).rejects.toBeInstanceOf(QlikRateLimitError);
  });
});
