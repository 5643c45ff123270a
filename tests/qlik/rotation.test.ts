// Rotating the OAuth client secret without downtime: the client holds QLIK_CLIENT_SECRET and
// QLIK_CLIENT_SECRET_NEXT; when Qlik refuses the first as invalid_client the second is tried at
// once, kept from then on, and each token it obtains logs a warning to promote it. Neither secret
// ever reaches an error, a log line or the settings object.
import type http from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getEnv } from "@/lib/config/env";
import { EnvError, parseEnv } from "@/lib/config/schema";
import { QlikAuthError, QlikRequestError, type QlikClient, type QlikLogger } from "@/lib/qlik";
import { getClientCredentials } from "@/lib/qlik/credentials";
import { PROMOTE_NEXT_SECRET_WARNING } from "@/lib/qlik/token";
import { startSimulator, type SimulatorHandle } from "@/simulator/server";
import { useEnv } from "../auth/support";
import { fastClient, recordingLogger, serializeError, type LogLine } from "./support/client";
import { json, tenant } from "./support/fake-server";
import { startFakeQlik, type FakeQlik } from "./support/fake-qlik";

const CLIENT_ID = "rotation-client";
const OLD = "old-secret-5d2e8f41a7c9";
const NEW = "new-secret-93b0c6e2f814";

function rotatingClient(
  url: string,
  logger: QlikLogger,
  secrets: { clientSecret: string; nextClientSecret?: string } = {
    clientSecret: OLD,
    nextClientSecret: NEW,
  },
): QlikClient {
  return fastClient(url, {
    credentials: () => ({ clientId: CLIENT_ID, ...secrets }),
    logger,
    limits: { tier1: false },
  });
}

const everything = (lines: LogLine[]) => JSON.stringify(lines);
const warnings = (lines: LogLine[]) => lines.filter((l) => l.level === "warn").map((l) => l.msg);

describe("against the simulator, revoking a secret at run time", () => {
  let sim: SimulatorHandle;
  let firstId: string;
  const clients: QlikClient[] = [];

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      admin: true,
      tenants: 30,
      seed: 3,
      clientId: CLIENT_ID,
      clientSecret: OLD,
    });
    firstId = sim.tenants()[0]!.id;
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(() => sim.close());

  const adminPost = (path: string, body: unknown) =>
    fetch(`${sim.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("switches to QLIK_CLIENT_SECRET_NEXT when the current secret is revoked, with no failed call", async () => {
    const logger = recordingLogger();
    const client = rotatingClient(sim.url, logger);
    clients.push(client);
    expect((await client.getTenant(firstId))?.id).toBe(firstId);
    // While the current secret works, the next one is never sent.
    expect(sim.stats()).toMatchObject({ tokenRequests: 1, tokensIssued: 1 });
    expect(warnings(logger.lines)).not.toContain(PROMOTE_NEXT_SECRET_WARNING);

    // The rotation as an admin does it: add the new secret in the Cloud Console, delete the old
    // one. Access tokens already issued would live on; revoking them forces a new token now.
    expect((await adminPost("/__sim/client-secrets", { secret: NEW })).status).toBe(201);
    expect((await adminPost("/__sim/client-secrets/revoke", { secret: OLD })).status).toBe(200);
    expect((await adminPost("/__sim/revoke-tokens", {})).status).toBe(200);
    sim.resetStats();

    expect((await client.getTenant(firstId))?.id).toBe(firstId);
    // 401 on the API, a refused token request with the old secret, a granted one with the new.
    expect(sim.stats()).toMatchObject({ tokenRequests: 2, tokensIssued: 1 });
    expect(warnings(logger.lines)).toContain(
      "Qlik refused QLIK_CLIENT_SECRET (invalid_client); trying QLIK_CLIENT_SECRET_NEXT",
    );
    expect(warnings(logger.lines)).toContain(PROMOTE_NEXT_SECRET_WARNING);

    // The next token is asked for with the secret that works, first time.
    sim.revokeAllTokens();
    sim.resetStats();
    logger.lines.length = 0;
    expect((await client.getTenant(firstId))?.id).toBe(firstId);
    expect(sim.stats()).toMatchObject({ tokenRequests: 1, tokensIssued: 1 });
    expect(warnings(logger.lines)).toEqual([PROMOTE_NEXT_SECRET_WARNING]);

    // Rolled back (the old secret restored, the new one deleted): the client follows.
    sim.addClientSecret(OLD);
    sim.revokeClientSecret(NEW);
    sim.revokeAllTokens();
    logger.lines.length = 0;
    expect((await client.getTenant(firstId))?.id).toBe(firstId);
    expect(logger.lines.map((l) => l.msg)).toContain("Qlik accepts QLIK_CLIENT_SECRET again");
    expect(warnings(logger.lines)).not.toContain(PROMOTE_NEXT_SECRET_WARNING);

    expect(everything(logger.lines)).not.toContain(OLD);
    expect(everything(logger.lines)).not.toContain(NEW);
  });

  it("fails with QlikAuthError naming both settings when both secrets are refused, and leaks neither", async () => {
    const logger = recordingLogger();
    const client = rotatingClient(sim.url, logger, {
      clientSecret: "wrong-one-1f7a3c9e",
      nextClientSecret: "wrong-two-8b2d4e6f",
    });
    clients.push(client);
    sim.resetStats();
    const error = (await client.getTenant(firstId).catch((e: unknown) => e)) as QlikAuthError;
    expect(error).toBeInstanceOf(QlikAuthError);
    expect(error.status).toBe(401);
    expect(error.userMessage).toContain(
      "both secrets (QLIK_CLIENT_SECRET and QLIK_CLIENT_SECRET_NEXT)",
    );
    expect(sim.stats().tokenRequests).toBe(2); // each secret once, no retries
    const exposed = serializeError(error) + everything(logger.lines);
    expect(exposed).not.toContain("wrong-one-1f7a3c9e");
    expect(exposed).not.toContain("wrong-two-8b2d4e6f");
  });

  it("without QLIK_CLIENT_SECRET_NEXT a refused secret fails as before", async () => {
    const logger = recordingLogger();
    const client = rotatingClient(sim.url, logger, { clientSecret: "not-a-secret-of-it" });
    clients.push(client);
    sim.resetStats();
    const error = (await client.getTenant(firstId).catch((e: unknown) => e)) as QlikAuthError;
    expect(error).toBeInstanceOf(QlikAuthError);
    expect(error.userMessage).toContain("check QLIK_CLIENT_ID/QLIK_CLIENT_SECRET");
    expect(sim.stats().tokenRequests).toBe(1);
  });
});

describe("which refusals switch secrets (fake token endpoint)", () => {
  let fake: FakeQlik;
  afterEach(async () => {
    await fake?.close();
  });

  /** A token endpoint that grants `NEW` only and answers `refuse` to anything else. */
  async function endpoint(refuse: (res: http.ServerResponse) => void): Promise<FakeQlik> {
    fake = await startFakeQlik((_req, res) => json(res, 200, { data: [tenant("a")] }));
    fake.onToken((req, res) => {
      if ((JSON.parse(req.body) as { client_secret: string }).client_secret !== NEW)
        return refuse(res);
      json(res, 200, { access_token: `tok-${fake.issued.length}`, expires_in: 3600 });
      fake.issued.push(`tok-${fake.issued.length}`);
    });
    return fake;
  }
  const sentSecrets = () =>
    fake
      .tokenRequests()
      .map((r) => (JSON.parse(r.body) as { client_secret: string }).client_secret);

  it("tries the next secret after a 400 carrying the OAuth error invalid_client", async () => {
    await endpoint((res) => json(res, 400, { error: "invalid_client" }));
    const client = rotatingClient(fake.url, recordingLogger());
    expect(await client.getTenant("a")).not.toBeNull();
    expect(sentSecrets()).toEqual([OLD, NEW]);
    await client.close();
  });

  it("tries the next secret after a 400 in Qlik's error shape titled invalid_client", async () => {
    await endpoint((res) =>
      json(res, 400, {
        errors: [{ code: "invalid_client", title: "invalid_client", status: "400" }],
      }),
    );
    const client = rotatingClient(fake.url, recordingLogger());
    expect(await client.getTenant("a")).not.toBeNull();
    expect(sentSecrets()).toEqual([OLD, NEW]);
    await client.close();
  });

  it.each([
    ["a malformed request (400 invalid_request)", 400, { error: "invalid_request" }, QlikAuthError],
    [
      "a disabled client (403)",
      403,
      { errors: [{ code: "HTTP-403", title: "Forbidden" }] },
      QlikAuthError,
    ],
    ["a wrong token URL (404)", 404, {}, QlikRequestError],
  ] as const)("does not try the next secret after %s", async (_name, status, body, errorClass) => {
    await endpoint((res) => json(res, status, body));
    const client = rotatingClient(fake.url, recordingLogger());
    expect(await client.getTenant("a").catch((e: unknown) => e)).toBeInstanceOf(errorClass);
    expect(sentSecrets()).toEqual([OLD]);
    await client.close();
  });

  it("retries a server error with the secret it switched to, not the refused one", async () => {
    let newAttempts = 0;
    fake = await startFakeQlik((_req, res) => json(res, 200, { data: [tenant("a")] }));
    fake.onToken((req, res) => {
      if ((JSON.parse(req.body) as { client_secret: string }).client_secret !== NEW)
        return json(res, 401, {});
      if (++newAttempts === 1) return json(res, 503, {});
      json(res, 200, { access_token: "tok-new", expires_in: 3600 });
    });
    const client = rotatingClient(fake.url, recordingLogger());
    expect(await client.getTenant("a")).not.toBeNull();
    expect(sentSecrets()).toEqual([OLD, NEW, NEW]);
    await client.close();
  });
});

describe("settings", () => {
  afterAll(() => useEnv());

  it("QLIK_CLIENT_SECRET_NEXT is read by lib/qlik/credentials.ts and kept out of the settings", () => {
    useEnv({ QLIK_CLIENT_SECRET_NEXT: NEW });
    expect(getClientCredentials()).toMatchObject({ nextClientSecret: NEW });
    expect(getEnv()).not.toHaveProperty("QLIK_CLIENT_SECRET_NEXT");
    expect(JSON.stringify(getEnv())).not.toContain(NEW);
  });

  it("an empty QLIK_CLIENT_SECRET_NEXT means none", () => {
    useEnv({ QLIK_CLIENT_SECRET_NEXT: "  " });
    expect(getClientCredentials()).not.toHaveProperty("nextClientSecret");
  });

  it("QLIK_CLIENT_SECRET_NEXT without QLIK_CLIENT_SECRET stops the start with a message naming both", () => {
    const env = { ...process.env, QLIK_CLIENT_SECRET: undefined, QLIK_CLIENT_SECRET_NEXT: NEW };
    let message = "";
    try {
      parseEnv(env);
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      message = (error as EnvError).message;
    }
    expect(message).toContain("QLIK_CLIENT_SECRET_NEXT is set without QLIK_CLIENT_SECRET");
    expect(message).not.toContain(NEW);
  });
});

describe("the app's logger", () => {
  afterEach(async () => {
    vi.restoreAllMocks();
    (await import("@/lib/log")).resetLoggerForTests();
    useEnv();
  });

  it("masks QLIK_CLIENT_SECRET_NEXT's value once the client has handled it, and blanks fields named after it", async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const fake = await startFakeQlik((_req, res) => json(res, 200, { data: [tenant("a")] }));
    try {
      useEnv({
        QLIK_BASE_URL: fake.url,
        QLIK_CLIENT_SECRET_NEXT: "next-secret-only-in-env-4c1d",
        LOG_LEVEL: "info",
      });
      const { getQlikClient, resetQlikClientForTests } = await import("@/lib/qlik");
      await resetQlikClientForTests();
      await getQlikClient().getTenant("a"); // the current secret works; NEXT is never sent
      expect(JSON.parse(fake.tokenRequests()[0]!.body)).not.toHaveProperty(
        "client_secret",
        "next-secret-only-in-env-4c1d",
      );
      const { log } = await import("@/lib/log");
      log("test").warn(
        {
          detail: "next-secret-only-in-env-4c1d",
          QLIK_CLIENT_SECRET_NEXT: "x",
          nextClientSecret: "y",
        },
        "echo next-secret-only-in-env-4c1d",
      );
      await resetQlikClientForTests();
    } finally {
      await fake.close();
    }
    const out = written.join("");
    expect(out).not.toContain("next-secret-only-in-env-4c1d");
    const line = JSON.parse(out.split("\n").find((l) => l.includes('"msg":"echo'))!) as Record<
      string,
      unknown
    >;
    expect(line).toMatchObject({
      detail: "[redacted]",
      QLIK_CLIENT_SECRET_NEXT: "[redacted]",
      nextClientSecret: "[redacted]",
    });
  });
});
