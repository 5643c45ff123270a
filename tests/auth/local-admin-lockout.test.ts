import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  authorizeLocalAdmin,
  createSignInLimiters,
  type LocalAdminConfig,
} from "@/lib/auth/local-admin";
import { useEnv } from "./support";

// The break-glass admin under attack: failures lock out one (email, address) pair, never the
// account; the account itself only gets slower, by a delay that grows with consecutive failures
// and is spent before the password is checked. The admin's records cannot be pushed out by a
// flood of made-up emails, and a block lasts until its time.

// The hash is not what these tests are about: a fast stand-in keeps a 20,000-attempt flood quick.
vi.mock("@/lib/auth/password", () => ({
  verifyPassword: async (password: string, hash: string) => hash === `plain:${password}`,
}));

const ADMIN = "root@example.com";
const PASSWORD = "correct horse battery";
const MINUTE = 60_000;

let clock: number;
let sleeps: number[];
let config: LocalAdminConfig;

beforeEach(() => {
  useEnv();
  clock = Date.UTC(2026, 5, 1, 9, 0, 0);
  sleeps = [];
  const limiters = createSignInLimiters({
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  config = { email: ADMIN, passwordHash: `plain:${PASSWORD}`, limiters };
});

const attempt = (email: string, password: string, address: string) =>
  authorizeLocalAdmin({ email, password }, address, config);
let lastDelay = 0;
/**
 * What an attempt came to: "ok", "wrong", or "limited" (RateLimited); `lastDelay` is what it
 * waited before its password was checked.
 */
async function outcome(email: string, password: string, address: string) {
  const before = sleeps.length;
  const result = await attempt(email, password, address).then(
    (user) => (user ? "ok" : "wrong"),
    (e: Error) => (e.message.startsWith("RateLimited:") ? "limited" : e.message),
  );
  lastDelay = sleeps.length > before ? (sleeps.at(-1) ?? 0) : 0;
  return result;
}

describe("the local admin under attack", () => {
  it("cannot be locked out from another address", async () => {
    for (let i = 0; i < 50; i++) await outcome(ADMIN, `guess ${i}`, "198.51.100.1");
    expect(await outcome(ADMIN, PASSWORD, "198.51.100.1")).toBe("limited");
    expect(await outcome(ADMIN, PASSWORD, "203.0.113.7")).toBe("ok");
  });

  it("gets slower, never refused, when attacked from many addresses", async () => {
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      expect(await outcome(ADMIN, `guess ${i}`, `198.51.100.${i}`)).toBe("wrong");
      delays.push(lastDelay);
    }
    // 3 consecutive failures free, then 1 s, doubling, at most 15 s.
    expect(delays).toEqual([
      0, 0, 0, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000, 15_000,
    ]);
    expect(await outcome(ADMIN, PASSWORD, "203.0.113.7")).toBe("ok");
    expect(lastDelay).toBe(15_000);
    // A success ends the delay.
    expect(await outcome(ADMIN, "typo", "203.0.113.7")).toBe("wrong");
    expect(lastDelay).toBe(0);
  });

  it("forgets the delay 15 minutes after the last failure", async () => {
    for (let i = 0; i < 6; i++) await outcome(ADMIN, "x", `198.51.100.${i}`);
    clock += 15 * MINUTE + 1;
    expect(await outcome(ADMIN, PASSWORD, "203.0.113.7")).toBe("ok");
    expect(lastDelay).toBe(0);
  });

  it("keeps a blocked (email, address) pair blocked until its time, then lets it try", async () => {
    for (let i = 0; i < 5; i++) await outcome(ADMIN, "x", "198.51.100.1");
    clock += 14 * MINUTE;
    expect(await outcome(ADMIN, PASSWORD, "198.51.100.1")).toBe("limited");
    clock += MINUTE + 1;
    expect(await outcome(ADMIN, PASSWORD, "198.51.100.1")).toBe("ok");
  });

  it("keeps the admin's block and delay through a flood of 20,000 made-up emails", async () => {
    for (let i = 0; i < 5; i++) await outcome(ADMIN, "x", "198.51.100.1");
    for (let i = 0; i < 3; i++) await outcome(ADMIN, "x", `198.51.100.${10 + i}`);
    expect(await outcome(ADMIN, PASSWORD, "198.51.100.1")).toBe("limited");

    for (let i = 0; i < 20_000; i++)
      await outcome(`made-up-${i}@example.com`, "x", `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);

    expect(await outcome(ADMIN, PASSWORD, "198.51.100.1")).toBe("limited");
    expect(await outcome(ADMIN, "still wrong", "198.51.100.99")).toBe("wrong");
    expect(lastDelay).toBe(15_000); // 8 failures before it: the account is still slowed
  });

  it("treats a made-up email exactly like the real one (nothing tells them apart)", async () => {
    const run = async (email: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) seen.push(await outcome(email, "x", "198.51.100.1"));
      seen.push(await outcome(email, "x", "198.51.100.2"));
      return { seen, delay: lastDelay };
    };
    const real = await run(ADMIN);
    const madeUp = await run("nobody@example.com");
    expect(madeUp).toEqual(real);
    expect(real).toEqual({
      seen: ["wrong", "wrong", "wrong", "wrong", "limited", "limited", "wrong"],
      delay: 4000,
    });
  });

  it("counts an IPv6 client by its /64, so rotating addresses inside it does not help", async () => {
    for (let i = 1; i <= 5; i++) await outcome(ADMIN, "x", `2001:db8:7:7::${i.toString(16)}`);
    expect(await outcome(ADMIN, PASSWORD, "2001:db8:7:7:ffff::1")).toBe("limited");
    expect(await outcome(ADMIN, PASSWORD, "2001:db8:7:8::1")).toBe("ok");
  });
});
