// Every error the client can raise, provoked by a hostile server that echoes the client secret
// and the access token wherever it can (error titles, details, trace ids, broken JSON, tenant
// data). Nothing an error exposes (message, stack, userMessage, JSON, cause chain) nor any log
// line may contain either value.
import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  QlikAuthError,
  type QlikError,
  QlikPermissionError,
  QlikProtocolError,
  QlikRateLimitError,
  QlikRequestError,
  QlikUnavailableError,
  type QlikClient,
} from "@/lib/qlik";
import { json, startFakeServer, tenant } from "./support/fake-server";
import { startFakeQlik, type FakeQlik } from "./support/fake-qlik";
import { fastClient, recordingLogger, SECRET, serializeError } from "./support/client";

const TOKEN = "tok-HOSTILE-7f3a9c1e5b2d4f60a8c7e9b1d3f5a7c9";

let fake: FakeQlik;
afterEach(async () => {
  await fake?.close();
});

function echo(extra = "") {
  return {
    errors: [
      {
        code: `E-${TOKEN}`,
        title: `secret ${SECRET} token ${TOKEN}`,
        detail: `Authorization: Bearer ${TOKEN}; client_secret=${SECRET} ${extra}`,
        status: "400",
      },
    ],
    traceId: `${SECRET}-${TOKEN}`,
  };
}

function hostileToken(res: http.ServerResponse) {
  json(res, 200, { access_token: TOKEN, token_type: "Bearer", expires_in: 3600 });
}

/**
 * The client first gets TOKEN, the API refuses it (401), and the token endpoint then fails with
 * `fail`, so the failure happens while the client knows a token worth leaking.
 */
function tokenThenFail(f: FakeQlik, fail: (res: http.ServerResponse) => void) {
  let calls = 0;
  f.onToken((_req, res) => (++calls === 1 ? hostileToken(res) : fail(res)));
  f.onApi((_req, res) => json(res, 401, echo()));
}

type Case = [
  name: string,
  errorClass: abstract new (...args: never[]) => QlikError,
  setup: (fake: FakeQlik) => void,
  run: (client: QlikClient) => Promise<unknown>,
];

const cases: Case[] = [
  [
    "token 401 (QlikAuthError)",
    QlikAuthError,
    (f) => tokenThenFail(f, (res) => json(res, 401, echo())),
    (c) => c.getTenant("a"),
  ],
  [
    "API 401 twice (QlikAuthError)",
    QlikAuthError,
    (f) => {
      f.onToken((_req, res) => hostileToken(res));
      f.onApi((_req, res) => json(res, 401, echo()));
    },
    (c) => c.getTenant("a"),
  ],
  [
    "403 (QlikPermissionError)",
    QlikPermissionError,
    (f) => {
      f.onToken((_req, res) => hostileToken(res));
      f.onApi((_req, res) => json(res, 403, echo()));
    },
    (c) => c.listAllTenants(),
  ],
  [
    "429 too long (QlikRateLimitError)",
    QlikRateLimitError,
    (f) => {
      f.onToken((_req, res) => hostileToken(res));
      f.onApi((_req, res) => json(res, 429, echo(), { "retry-after": "3600" }));
    },
    (c) => c.listAllTenants(),
  ],
  [
    "token 429 (QlikRateLimitError)",
    QlikRateLimitError,
    (f) => tokenThenFail(f, (res) => json(res, 429, echo(), { "retry-after": "3600" })),
    (c) => c.listAllTenants(),
  ],
  [
    "5xx (QlikUnavailableError)",
    QlikUnavailableError,
    (f) => {
      f.onToken((_req, res) => hostileToken(res));
      f.onApi((_req, res) => json(res, 502, echo()));
    },
    (c) => c.listAllTenants(),
  ],
  [
    "token 5xx (QlikUnavailableError)",
    QlikUnavailableError,
    (f) => tokenThenFail(f, (res) => json(res, 500, echo())),
    (c) => c.countTenants('subscriptionId eq "1"'),
  ],
  [
    "dropped connection (QlikUnavailableError)",
    QlikUnavailableError,
    (f) => {
      f.onToken((_req, res) => hostileToken(res));
      f.onApi((_req, res) => {
        res.writeHead(200, { "content-length": "9999" });
        res.write(`{"detail":"${TOKEN} ${SECRET}`);
        setTimeout(() => res.socket?.destroy(), 5);
      });
    },
    (c) => c.listAllTenants(),
  ],
  [
    "400 (QlikRequestError)",
    QlikRequestError,
    (f) => {
      f.onToken((_req, res) => hostileToken(res));
      f.onApi((_req, res) => json(res, 400, echo()));
    },
    (c) => c.countTenants('subscriptionId eq "1"'),
  ],
  [
    "malformed JSON quoting the token (QlikProtocolError)",
    QlikProtocolError,
    (f) => {
      f.onToken((_req, res) => hostileToken(res));
      f.onApi((_req, res) => json(res, 200, `${TOKEN} ${SECRET} {`));
    },
    (c) => c.listAllTenants(),
  ],
  [
    "malformed token response quoting the token (QlikProtocolError)",
    QlikProtocolError,
    (f) =>
      f.onToken((_req, res) =>
        json(res, 200, `{"access_token":"${TOKEN}","client_secret":"${SECRET}"`),
      ),
    (c) => c.listAllTenants(),
  ],
  [
    "invalid token response (QlikProtocolError)",
    QlikProtocolError,
    (f) =>
      f.onToken((_req, res) => json(res, 200, { access_token: TOKEN, token_type: `${SECRET}` })),
    (c) => c.listAllTenants(),
  ],
  [
    "tenant whose data repeats the token (QlikProtocolError)",
    QlikProtocolError,
    (f) => {
      f.onToken((_req, res) => hostileToken(res));
      f.onApi((_req, res) =>
        json(res, 200, { data: [{ ...tenant(TOKEN), regionCode: SECRET, countryCode: 5 }] }),
      );
    },
    (c) => c.listAllTenants(),
  ],
  [
    "foreign next link carrying the token (QlikProtocolError)",
    QlikProtocolError,
    (f) => {
      f.onToken((_req, res) => hostileToken(res));
      f.onApi((_req, res) =>
        json(res, 200, {
          data: [],
          links: { next: { href: `http://evil.example/${TOKEN}?next=${SECRET}` } },
        }),
      );
    },
    (c) => c.listAllTenants(),
  ],
  [
    "redirect elsewhere (QlikProtocolError)",
    QlikProtocolError,
    (f) => {
      f.onToken((_req, res) => hostileToken(res));
      f.onApi((_req, res) => {
        res.writeHead(302, { location: `http://evil.example/${TOKEN}/${SECRET}` });
        res.end();
      });
    },
    (c) => c.getTenant("a"),
  ],
];

describe("no secret or token in errors and logs", () => {
  it.each(cases)("%s", async (_name, errorClass, setup, run) => {
    fake = await startFakeQlik();
    setup(fake);
    const logger = recordingLogger();
    const client = fastClient(fake.url, { logger, limits: { maxRetryAfterMs: 1000 } });
    const error = await run(client).catch((e: unknown) => e);
    await client.close();

    expect(error).toBeInstanceOf(errorClass);
    const qlikError = error as QlikError;
    expect(qlikError.code).toMatch(/^qlik_/);
    expect(qlikError.userMessage.length).toBeGreaterThan(20);

    const exposed = serializeError(error) + JSON.stringify(logger.lines);
    expect(exposed).not.toContain(SECRET);
    expect(exposed).not.toContain(TOKEN);
  });

  it("a refused connection (QlikUnavailableError) names the origin and nothing secret", async () => {
    const gone = await startFakeServer(() => {});
    await gone.close();
    const client = fastClient(gone.url);
    const error = (await client.listAllTenants().catch((e: unknown) => e)) as QlikUnavailableError;
    expect(error).toBeInstanceOf(QlikUnavailableError);
    expect(error.userMessage).toContain(gone.url);
    expect(serializeError(error)).not.toContain(SECRET);
    fake = await startFakeQlik();
  });

  it("the app's log scrubber hears the secret and every token", async () => {
    fake = await startFakeQlik((_req, res) => json(res, 200, { data: [] }));
    const masked: string[] = [];
    const client = fastClient(fake.url, { maskSecret: (v) => masked.push(v) });
    await client.listAllTenants();
    expect(masked).toEqual([SECRET, fake.issued[0]]);
  });
});
