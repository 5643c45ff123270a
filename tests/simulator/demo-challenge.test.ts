// The demo key challenge (GET /__sim/demo-challenge): a simulator started with a demo key answers a
// nonce with the HMAC the app expects; without a key the endpoint does not exist.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCli } from "../../simulator/cli-args";
import { DEMO_CHALLENGE_PATH, demoChallengeProof } from "../../simulator/demo-challenge";
import { OptionsError, type SimulatorHandle } from "../../simulator/server";
import { startTestSimulator } from "./support/sim";

const KEY = "simulator-test-demo-key-0123456789abcdef";
const NONCE = "n".repeat(43);

describe("demo challenge", () => {
  let keyed: SimulatorHandle;
  let plain: SimulatorHandle;
  beforeAll(async () => {
    keyed = await startTestSimulator({ demoKey: KEY });
    plain = await startTestSimulator();
  });
  afterAll(async () => {
    await keyed.close();
    await plain.close();
  });

  const ask = (sim: SimulatorHandle, query: string, init?: RequestInit) =>
    fetch(`${sim.url}${DEMO_CHALLENGE_PATH}${query}`, init);

  it("answers a nonce with the HMAC of the key, and another nonce with another proof", async () => {
    const response = await ask(keyed, `?nonce=${NONCE}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ proof: demoChallengeProof(KEY, NONCE) });
    const other = (await (await ask(keyed, `?nonce=${"m".repeat(43)}`)).json()) as {
      proof: string;
    };
    expect(other.proof).not.toBe(demoChallengeProof(KEY, NONCE));
    // The proof depends on the key: another run's key gives another answer.
    expect(demoChallengeProof("another-key-0123456789abcdef0123456789", NONCE)).not.toBe(
      demoChallengeProof(KEY, NONCE),
    );
  });

  it("never sends the key itself", async () => {
    const text = await (await ask(keyed, `?nonce=${NONCE}`)).text();
    expect(text).not.toContain(KEY);
  });

  it("refuses a missing, short or odd nonce (400) and other methods (405)", async () => {
    for (const query of [
      "",
      "?nonce=short",
      `?nonce=${"n".repeat(129)}`,
      `?nonce=${"n".repeat(40)}%2F%2F%2F`,
    ])
      expect((await ask(keyed, query)).status, query).toBe(400);
    const post = await ask(keyed, `?nonce=${NONCE}`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
  });

  it("does not exist on a simulator started without a key", async () => {
    expect((await ask(plain, `?nonce=${NONCE}`)).status).toBe(404);
  });

  it("is not counted as API traffic", async () => {
    keyed.resetStats();
    await ask(keyed, `?nonce=${NONCE}`);
    expect(keyed.stats().requests).toBe(0);
  });
});

describe("demo key option", () => {
  it("must be at least 32 characters", async () => {
    await expect(startTestSimulator({ demoKey: "too-short" })).rejects.toThrow(OptionsError);
  });

  it("comes from --demo-key or SIM_DEMO_KEY", () => {
    expect(parseCli(["--demo-key", KEY], {}).options.demoKey).toBe(KEY);
    expect(parseCli([], { SIM_DEMO_KEY: KEY }).options.demoKey).toBe(KEY);
    expect(parseCli([], {}).options.demoKey).toBeUndefined();
  });
});
