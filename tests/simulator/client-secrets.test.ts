// Several secrets per OAuth client, as Qlik allows (up to five), and revoking one while the
// simulator runs: what a rotation without downtime is practised against.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError, parseCli } from "../../simulator/cli-args";
import { OptionsError, startSimulator, type SimulatorHandle } from "../../simulator/server";
import { contractFetch } from "./support/contract-fetch";
import { admin, api, CLIENT, getToken, startTestSimulator } from "./support/sim";

const tokenStatus = async (sim: SimulatorHandle, secret: string) =>
  (
    await contractFetch(`${sim.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...CLIENT, client_secret: secret }),
    })
  ).status;

describe("several client secrets", () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startTestSimulator({
      tenants: 20,
      admin: true,
      extraClientSecrets: ["second-secret-b1"],
    });
  });
  afterAll(() => sim.close());

  it("grants a token for each live secret and refuses others with 401", async () => {
    expect(await tokenStatus(sim, "demo-secret")).toBe(200);
    expect(await tokenStatus(sim, "second-secret-b1")).toBe(200);
    expect(await tokenStatus(sim, "not-a-secret")).toBe(401);
  });

  it("lists how many secrets the client holds, with hints but never the secrets", async () => {
    const res = await admin(sim, "/__sim/client-secrets", undefined, "GET");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ clientId: "demo-client", count: 2, hints: ["…cret", "…t-b1"] });
    expect(res.text).not.toContain("demo-secret");
  });

  it("adds a secret at run time and revokes one: the revoked secret answers 401 at once", async () => {
    const added = await admin(sim, "/__sim/client-secrets", { secret: "third-secret-c2" });
    expect(added.status).toBe(201);
    expect(added.body.count).toBe(3);
    expect(await tokenStatus(sim, "third-secret-c2")).toBe(200);

    // A token issued before the revocation stays valid until it expires, as Qlik's JWTs do.
    const earlier = await api(sim, await getToken(sim));
    const revoked = await admin(sim, "/__sim/client-secrets/revoke", { secret: "demo-secret" });
    expect(revoked.status).toBe(200);
    expect(revoked.body.count).toBe(2);
    expect(await tokenStatus(sim, "demo-secret")).toBe(401);
    expect(await tokenStatus(sim, "second-secret-b1")).toBe(200);
    expect((await earlier.get("/api/core/tenants?limit=1")).status).toBe(200);

    // Through the programmatic handle too.
    sim.addClientSecret("demo-secret");
    expect(await tokenStatus(sim, "demo-secret")).toBe(200);
    expect(sim.revokeClientSecret("third-secret-c2")).toBe(true);
    expect(sim.revokeClientSecret("third-secret-c2")).toBe(false);
    expect(await tokenStatus(sim, "third-secret-c2")).toBe(401);
  });

  it("refuses a duplicate (409), a sixth secret and a bad body (400), an unknown revocation (404)", async () => {
    expect((await admin(sim, "/__sim/client-secrets", { secret: "demo-secret" })).status).toBe(409);
    for (const secret of ["s-3", "s-4", "s-5"])
      expect((await admin(sim, "/__sim/client-secrets", { secret })).status).toBe(201);
    const sixth = await admin(sim, "/__sim/client-secrets", { secret: "s-6" });
    expect(sixth.status).toBe(400);
    expect(sixth.body.errors[0].detail).toContain("at most 5 secrets");
    expect((await admin(sim, "/__sim/client-secrets", { secret: "" })).status).toBe(400);
    expect((await admin(sim, "/__sim/client-secrets", { other: 1 })).status).toBe(400);
    expect((await admin(sim, "/__sim/client-secrets/revoke", { secret: "nope" })).status).toBe(404);
    expect((await admin(sim, "/__sim/client-secrets", undefined, "DELETE")).status).toBe(405);
  });

  it("a client left with no secret refuses every token request", async () => {
    const lonely = await startTestSimulator({ tenants: 1, admin: true, clientSecret: "only-one" });
    try {
      expect(
        (await admin(lonely, "/__sim/client-secrets/revoke", { secret: "only-one" })).status,
      ).toBe(200);
      expect(await tokenStatus(lonely, "only-one")).toBe(401);
    } finally {
      await lonely.close();
    }
  });

  it("has no secret endpoints without admin", async () => {
    const plain = await startTestSimulator({ tenants: 1 });
    try {
      expect((await admin(plain, "/__sim/client-secrets", undefined, "GET")).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe("options and flags", () => {
  it.each([
    [["", "x"], "non-empty strings"],
    [["demo-secret"], "different from clientSecret"],
    [["a", "a"], "different from clientSecret and from each other"],
    [["a", "b", "c", "d", "e"], "at most 4 extraClientSecrets"],
  ])("refuses extraClientSecrets %j", async (extra, message) => {
    await expect(
      startSimulator({ port: 0, tenants: 1, extraClientSecrets: extra }),
    ).rejects.toThrow(OptionsError);
    await expect(
      startSimulator({ port: 0, tenants: 1, extraClientSecrets: extra }),
    ).rejects.toThrow(message);
  });

  it("--extra-client-secret and SIM_EXTRA_CLIENT_SECRET add one secret", () => {
    expect(parseCli(["--extra-client-secret", "cli-next"], {}).options.extraClientSecrets).toEqual([
      "cli-next",
    ]);
    expect(
      parseCli([], { SIM_EXTRA_CLIENT_SECRET: "env-next" }).options.extraClientSecrets,
    ).toEqual(["env-next"]);
    expect(parseCli([], {}).options).not.toHaveProperty("extraClientSecrets");
    expect(() => parseCli(["--extra-client-secret", " "], {})).toThrow(CliError);
  });
});
