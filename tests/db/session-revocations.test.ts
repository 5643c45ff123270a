// The session deny-list's storage methods, run against SQLite and PostgreSQL alike, including a
// second connection standing for another app instance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "@/lib/db/storage";
import { testDatabases } from "./support/databases";

// PostgreSQL cases are skipped (with the reason printed) only when no server answers.
const databases = await testDatabases();

const T0 = Date.parse("2026-11-27T12:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const session = (sessionId: string, email: string, signedInMinute: number) => ({
  sessionId,
  email,
  signedInAt: at(signedInMinute),
});

for (const { db, skip } of databases) {
  // skip is set only for PostgreSQL when no server answers (testDatabases() prints why); SQLite always runs.
  describe.skipIf(skip)(`session revocations on ${db.name}`, () => {
    let storage: Storage;
    let otherInstance: Storage;
    beforeAll(async () => {
      storage = await db.open();
      otherInstance = await db.openAgain();
    });
    afterAll(async () => {
      await db.cleanup();
    });

    it("knows no ended session at first", async () => {
      expect(await storage.isSessionRevoked(session("s-1", "ada@example.com", 0), at(1))).toBe(
        false,
      );
    });

    it("ends one session by its id, for every instance, and only that one", async () => {
      await storage.revokeSession({ sessionId: "s-1", expiresAt: at(24 * 60), at: at(5) });
      await storage.revokeSession({ sessionId: "s-1", expiresAt: at(24 * 60), at: at(6) }); // again: no error
      const ended = session("s-1", "ada@example.com", 0);
      expect(await otherInstance.isSessionRevoked(ended, at(6))).toBe(true);
      expect(
        await otherInstance.isSessionRevoked(session("s-2", "ada@example.com", 0), at(6)),
      ).toBe(false);
    });

    it("ends every session of a person signed in until the cut-off, not later ones", async () => {
      await otherInstance.revokeSessionsOf({
        email: "bob@example.com",
        at: at(10),
        expiresAt: at(10 + 24 * 60),
      });
      const check = (id: string, email: string, minute: number) =>
        storage.isSessionRevoked(session(id, email, minute), at(11));
      expect(await check("b-1", "bob@example.com", 0)).toBe(true);
      expect(await check("b-2", "bob@example.com", 10)).toBe(true); // the same instant counts
      expect(await check("b-3", "bob@example.com", 11)).toBe(false); // signed in again afterwards
      expect(await check("c-1", "carol@example.com", 0)).toBe(false);
    });

    it("keeps the later cut-off when two arrive out of order", async () => {
      const cutOff = (minute: number) =>
        storage.revokeSessionsOf({
          email: "dan@example.com",
          at: at(minute),
          expiresAt: at(minute + 24 * 60),
        });
      await cutOff(30);
      await cutOff(20);
      expect(await storage.isSessionRevoked(session("d-1", "dan@example.com", 25), at(31))).toBe(
        true,
      );
      await cutOff(40);
      expect(await storage.isSessionRevoked(session("d-2", "dan@example.com", 35), at(41))).toBe(
        true,
      );
    });

    it("forgets entries once they expire, and purges them", async () => {
      await storage.revokeSession({ sessionId: "e-1", expiresAt: at(60), at: at(0) });
      const ended = session("e-1", "eve@example.com", 0);
      expect(await storage.isSessionRevoked(ended, at(59))).toBe(true);
      expect(await storage.isSessionRevoked(ended, at(60))).toBe(false);
      const purged = await storage.purgeSessionRevocations(at(61));
      expect(purged).toBeGreaterThanOrEqual(1);
      expect(await storage.purgeSessionRevocations(at(61))).toBe(0);
      // Longer-lived entries stay.
      expect(await storage.isSessionRevoked(session("s-1", "ada@example.com", 0), at(61))).toBe(
        true,
      );
    });
  });
}
