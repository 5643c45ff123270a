// The counters behind the sign-in and share-link limiters, on SQLite and PostgreSQL: the storage
// methods, and the database-backed limiters built on them agreeing with the in-memory ones and
// seeing each other's failures from a second connection (another instance).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDelayTracker,
  createMemoryLimiter,
  createStorageDelayTracker,
  createStorageLimiter,
} from "@/lib/auth/rate-limit";
import type { Storage } from "@/lib/db/storage";
import { testDatabases } from "./support/databases";

// PostgreSQL cases are skipped (with the reason printed) only when no server answers.
const databases = await testDatabases();

const T0 = Date.parse("2026-11-27T12:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

for (const { db, skip } of databases) {
  // skip is set only for PostgreSQL when no server answers (testDatabases() prints why); SQLite always runs.
  describe.skipIf(skip)(`limiter counters on ${db.name}`, () => {
    let storage: Storage;
    let otherInstance: Storage;
    beforeAll(async () => {
      storage = await db.open();
      otherInstance = await db.openAgain();
    });
    afterAll(async () => {
      await db.cleanup();
    });

    it("lists a key's failures after a time, newest first, at most the limit asked", async () => {
      const k = { scope: "s1", key: "ip:1" };
      for (const s of [1, 2, 3, 4]) await storage.recordLimiterFailure({ ...k, at: at(s) });
      await storage.recordLimiterFailure({ scope: "s1", key: "ip:2", at: at(5) });
      await storage.recordLimiterFailure({ scope: "other", key: "ip:1", at: at(5) });
      expect(await otherInstance.listLimiterFailures({ ...k, since: at(0), limit: 10 })).toEqual([
        at(4),
        at(3),
        at(2),
        at(1),
      ]);
      expect(await storage.listLimiterFailures({ ...k, since: at(2), limit: 10 })).toEqual([
        at(4),
        at(3),
      ]);
      expect(await storage.listLimiterFailures({ ...k, since: at(0), limit: 2 })).toEqual([
        at(4),
        at(3),
      ]);
    });

    it("extends a streak, starts it again after the forget time, and resets a key", async () => {
      const k = { scope: "d1", key: "ada@example.com" };
      expect(await storage.getLimiterStreak(k)).toBeNull();
      expect(await storage.extendLimiterStreak({ ...k, at: at(10), forgetBefore: at(0) })).toEqual({
        failures: 1,
        lastAt: at(10),
      });
      await otherInstance.extendLimiterStreak({ ...k, at: at(20), forgetBefore: at(5) });
      expect(await storage.getLimiterStreak(k)).toEqual({ failures: 2, lastAt: at(20) });
      // The last failure (at 20) is at or before the forget line: a new streak.
      expect(await storage.extendLimiterStreak({ ...k, at: at(90), forgetBefore: at(20) })).toEqual(
        { failures: 1, lastAt: at(90) },
      );
      await storage.recordLimiterFailure({ ...k, at: at(90) });
      await otherInstance.resetLimiterKey(k);
      expect(await storage.getLimiterStreak(k)).toBeNull();
      expect(await storage.listLimiterFailures({ ...k, since: at(0), limit: 5 })).toEqual([]);
    });

    it("counts concurrent failures of one key from two instances, none lost", async () => {
      const k = { scope: "d2", key: "bob@example.com" };
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? storage : otherInstance).extendLimiterStreak({
            ...k,
            at: at(100),
            forgetBefore: at(0),
          }),
        ),
      );
      expect((await storage.getLimiterStreak(k))?.failures).toBe(20);
    });

    it("purges one scope's rows from before a time", async () => {
      const scope = "p1";
      await storage.recordLimiterFailure({ scope, key: "a", at: at(1) });
      await storage.recordLimiterFailure({ scope, key: "a", at: at(50) });
      await storage.extendLimiterStreak({ scope, key: "b", at: at(2), forgetBefore: at(0) });
      await storage.recordLimiterFailure({ scope: "p2", key: "a", at: at(1) });
      expect(await storage.purgeLimiter({ scope, before: at(10) })).toBe(2);
      expect(
        await storage.listLimiterFailures({ scope, key: "a", since: at(0), limit: 5 }),
      ).toEqual([at(50)]);
      expect(
        await storage.listLimiterFailures({ scope: "p2", key: "a", since: at(0), limit: 5 }),
      ).toEqual([at(1)]);
    });

    it("limits like the in-memory limiter, across instances", async () => {
      let now = T0;
      const options = { maxFailures: 3, windowMs: 60_000, now: () => now };
      const memory = createMemoryLimiter(options);
      const onA = createStorageLimiter({ ...options, scope: "l1", store: async () => storage });
      const onB = createStorageLimiter({
        ...options,
        scope: "l1",
        store: async () => otherInstance,
      });
      const steps: [number, "fail" | "reset"][] = [
        [0, "fail"],
        [10, "fail"],
        [20, "fail"], // blocked until 60
        [59, "fail"],
        [61, "fail"], // 10, 20, 59, 61 in the window from 1: blocked until 70
        [71, "reset"],
        [72, "fail"],
      ];
      for (const [k, [second, step]] of steps.entries()) {
        now = T0 + second * 1000;
        const writer = k % 2 ? onA : onB;
        if (step === "fail")
          await Promise.all([memory.recordFailure("x"), writer.recordFailure("x")]);
        else await Promise.all([memory.reset("x"), writer.reset("x")]);
        const expected = await memory.blockedUntil("x");
        expect(await onA.blockedUntil("x"), `after ${second} s`).toBe(expected);
        expect(await onB.blockedUntil("x"), `after ${second} s`).toBe(expected);
      }
    });

    it("delays like the in-memory tracker, across instances", async () => {
      let now = T0;
      const options = {
        freeFailures: 2,
        baseDelayMs: 1000,
        maxDelayMs: 4000,
        forgetAfterMs: 60_000,
        now: () => now,
      };
      const memory = createDelayTracker(options);
      const onA = createStorageDelayTracker({
        ...options,
        scope: "t1",
        store: async () => storage,
      });
      const onB = createStorageDelayTracker({
        ...options,
        scope: "t1",
        store: async () => otherInstance,
      });
      for (const [k, second] of [0, 1, 2, 3, 4, 5, 200, 201].entries()) {
        now = T0 + second * 1000;
        await Promise.all([memory.recordFailure("y"), (k % 2 ? onA : onB).recordFailure("y")]);
        const expected = await memory.delayFor("y");
        expect(await onA.delayFor("y"), `after ${second} s`).toBe(expected);
        expect(await onB.delayFor("y"), `after ${second} s`).toBe(expected);
      }
      now += 61_000;
      expect(await onA.delayFor("y")).toBe(0);
    });

    it("counts in memory while the database fails, and says so", async () => {
      const errors: unknown[] = [];
      const limiter = createStorageLimiter({
        maxFailures: 2,
        windowMs: 60_000,
        scope: "l2",
        store: () => Promise.reject(new Error("database down")),
        onStoreError: (e) => errors.push(e),
      });
      await limiter.recordFailure("z");
      await limiter.recordFailure("z");
      expect(await limiter.blockedUntil("z")).not.toBeNull();
      expect(errors).toHaveLength(3);
    });
  });
}
