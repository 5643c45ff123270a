import { describe, expect, it } from "vitest";
import {
  createVerificationGate,
  VERIFICATION_GATE,
  type GateOptions,
} from "@/lib/auth/verification-gate";

// At most a few password checks at once; the rest wait briefly, then are turned away.

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

function instrumented(options: Partial<GateOptions> = {}) {
  const gate = createVerificationGate({ ...VERIFICATION_GATE, maxWaitMs: 200, ...options });
  let running = 0;
  let peak = 0;
  const releases: Array<() => void> = [];
  const check = async () => {
    running++;
    peak = Math.max(peak, running);
    const d = deferred();
    releases.push(d.resolve);
    await d.promise;
    running--;
    return true;
  };
  return {
    gate,
    check,
    peak: () => peak,
    releaseAll: () => releases.splice(0).forEach((r) => r()),
  };
}

describe("the password check gate", () => {
  it("uses 4 slots, a 2 s wait, 2 attempts per address and 100 inside at most", () => {
    expect(VERIFICATION_GATE).toEqual({
      slots: 4,
      perAddress: 2,
      maxWaitMs: 2000,
      maxInFlight: 100,
    });
  });

  it("runs at most 4 checks at once, whatever the number of callers", async () => {
    const t = instrumented({ maxWaitMs: 5_000 });
    const all = Array.from({ length: 40 }, (_, i) => t.gate.run(`10.0.0.${i}`, t.check));
    await tick();
    expect(t.gate.load()).toEqual({ running: 4, queued: 36, inFlight: 40 });
    while (t.gate.load().inFlight > 0) {
      t.releaseAll();
      await tick();
    }
    const results = await Promise.all(all);
    expect(results.every((r) => r.ran)).toBe(true);
    expect(t.peak()).toBe(4);
  });

  it("turns away whoever waited maxWaitMs without a slot, with when to retry", async () => {
    const t = instrumented({ maxWaitMs: 100 });
    const all = Array.from({ length: 6 }, (_, i) => t.gate.run(`10.0.1.${i}`, t.check));
    const started = Date.now();
    const late = await Promise.all(all.slice(4));
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(late).toEqual([
      { ran: false, retryAfterMs: 100 },
      { ran: false, retryAfterMs: 100 },
    ]);
    expect(t.gate.load()).toEqual({ running: 4, queued: 0, inFlight: 4 });
    t.releaseAll();
    expect((await Promise.all(all.slice(0, 4))).every((r) => r.ran)).toBe(true);
    expect(t.gate.load()).toEqual({ running: 0, queued: 0, inFlight: 0 });
  });

  it("hands a freed slot to the longest waiter", async () => {
    const t = instrumented({ slots: 1, maxWaitMs: 5_000 });
    const order: string[] = [];
    const named = (name: string) => () => t.check().then(() => order.push(name));
    const runs = ["a", "b", "c"].map((n) => t.gate.run(`10.0.2.${n}`, named(n)));
    for (let i = 0; i < 3; i++) {
      await tick();
      t.releaseAll();
    }
    await Promise.all(runs);
    expect(order).toEqual(["a", "b", "c"]);
  });

  it("lets one client address hold at most 2 attempts, so it cannot take every slot", async () => {
    const t = instrumented();
    const mine = [1, 2, 3, 4].map(() => t.gate.run("198.51.100.9", t.check));
    expect(await mine[2]).toEqual({ ran: false, retryAfterMs: 200 });
    expect(await mine[3]).toEqual({ ran: false, retryAfterMs: 200 });
    const other = t.gate.run("203.0.113.1", t.check);
    await tick();
    expect(t.gate.load().running).toBe(3);
    t.releaseAll();
    expect((await Promise.all([mine[0], mine[1], other])).every((r) => r?.ran)).toBe(true);
    // Its attempts are done: the address may try again.
    const again = t.gate.run("198.51.100.9", t.check);
    await tick();
    t.releaseAll();
    expect((await again).ran).toBe(true);
  });

  it("turns callers away at once when maxInFlight are already inside", async () => {
    const t = instrumented({ maxInFlight: 5, maxWaitMs: 5_000 });
    const inside = Array.from({ length: 5 }, (_, i) => t.gate.run(`10.0.3.${i}`, t.check));
    expect(await t.gate.run("10.0.3.99", t.check)).toEqual({ ran: false, retryAfterMs: 5_000 });
    while (t.gate.load().inFlight > 0) {
      t.releaseAll();
      await tick();
    }
    await Promise.all(inside);
  });

  it("waits out an account's delay outside the slots", async () => {
    const sleeps: Array<() => void> = [];
    const t = instrumented({
      slots: 1,
      sleep: () => new Promise<void>((resolve) => sleeps.push(resolve)),
    });
    const delayed = t.gate.run("10.0.4.1", t.check, 15_000);
    const prompt = t.gate.run("10.0.4.2", t.check);
    await tick();
    expect(t.gate.load()).toEqual({ running: 1, queued: 0, inFlight: 2 });
    t.releaseAll();
    expect((await prompt).ran).toBe(true);
    sleeps.forEach((wake) => wake());
    await tick();
    t.releaseAll();
    expect((await delayed).ran).toBe(true);
  });

  it("frees the slot when a check throws", async () => {
    const gate = createVerificationGate({ ...VERIFICATION_GATE, slots: 1 });
    await expect(gate.run("10.0.5.1", () => Promise.reject(new Error("bad hash")))).rejects.toThrow(
      "bad hash",
    );
    expect(gate.load()).toEqual({ running: 0, queued: 0, inFlight: 0 });
    expect(await gate.run("10.0.5.1", async () => 1)).toEqual({ ran: true, value: 1 });
  });
});
