import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/config/env";
import { getQlikClient, resetQlikClientForTests } from "@/lib/qlik";
import { json, tenant } from "./support/fake-server";
import { startFakeQlik, type FakeQlik } from "./support/fake-qlik";

const saved = { ...process.env };
let fake: FakeQlik;

beforeAll(async () => {
  fake = await startFakeQlik((_req, res) => json(res, 200, { data: [tenant("a")] }));
  Object.assign(process.env, {
    QLIK_BASE_URL: fake.url,
    QLIK_CLIENT_ID: "env-client",
    QLIK_CLIENT_SECRET: "env-secret-value-123",
    ATLAS_DEMO: "true",
    LOG_LEVEL: "silent",
  });
  resetEnvForTests();
  await resetQlikClientForTests();
});

afterAll(async () => {
  await resetQlikClientForTests();
  process.env = saved;
  resetEnvForTests();
  await fake.close();
});

describe("getQlikClient", () => {
  it("builds one client from the environment and caches it on globalThis", async () => {
    const client = getQlikClient();
    expect(getQlikClient()).toBe(client);
    expect(client.baseUrl).toBe(fake.url);
    expect((await client.getTenant("a"))?.id).toBe("a");
    expect(JSON.parse(fake.tokenRequests()[0]!.body)).toMatchObject({
      client_id: "env-client",
      client_secret: "env-secret-value-123",
    });
    await resetQlikClientForTests();
    expect(getQlikClient()).not.toBe(client);
  });
});
