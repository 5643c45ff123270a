// An upstream answer cannot make the app grow without bound: a body over the limit (declared,
// streamed without a length, or inflated from a small gzip) stops the read, closes the connection
// and is a protocol error that is not retried; a tenant string field or list over its limit is a
// protocol error naming the field.
import type http from "node:http";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, QlikProtocolError } from "@/lib/qlik";
import { MAX_FIELD_LENGTH, MAX_HOSTNAMES, parseTenant } from "@/lib/qlik/schemas";
import { json, tenant } from "./support/fake-server";
import { startFakeQlik, type FakeQlik } from "./support/fake-qlik";
import { collect, fastClient } from "./support/client";

let fake: FakeQlik | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const LIMIT = 64 * 1024;

async function failure(run: () => Promise<unknown>): Promise<QlikProtocolError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QlikProtocolError);
  return error as QlikProtocolError;
}

/** Writes `chunk` until the client goes away; resolves with the bytes written by then. */
function endless(res: http.ServerResponse, chunk: Buffer, status = 200): Promise<number> {
  return new Promise((resolve) => {
    let written = 0;
    let closed = false;
    res.on("close", () => {
      closed = true;
      resolve(written);
    });
    res.writeHead(status, { "content-type": "application/json" }); // chunked: no Content-Length
    res.write('{"data":[');
    const pump = () => {
      while (!closed) {
        written += chunk.length;
        if (!res.write(chunk)) {
          res.once("drain", pump);
          return;
        }
      }
    };
    pump();
  });
}

describe("response size", () => {
  it("stops reading an endless page and reports it without retrying", async () => {
    let written: Promise<number> | undefined;
    fake = await startFakeQlik((_req, res) => {
      written = endless(res, Buffer.from(`${JSON.stringify(tenant("t"))},`.repeat(64)));
    });
    const client = fastClient(fake.url, { limits: { maxResponseBytes: LIMIT } });
    const started = Date.now();
    const error = await failure(() => collect(client.listTenants()));
    expect(error.reason).toBe("too_large");
    expect(error.message).toBe(
      "GET /api/core/tenants answered with more than 64 KiB; reading stopped",
    );
    // Not the 5 s request timeout, and no second attempt: the limit ended the exchange.
    expect(Date.now() - started).toBeLessThan(4000);
    expect(fake.apiRequests()).toHaveLength(1);
    // The server sees its client go away; what it got out is bounded by socket buffers.
    expect(await written).toBeLessThan(32 * 1024 * 1024);
    await client.close();
  });

  it("refuses a declared Content-Length over the limit before reading the body", async () => {
    fake = await startFakeQlik((_req, res) => {
      const body = JSON.stringify({ data: [tenant("t", { name: "x".repeat(LIMIT) })] });
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      res.end(body);
    });
    const client = fastClient(fake.url, { limits: { maxResponseBytes: LIMIT } });
    const error = await failure(() => client.getTenant("t"));
    expect(error.reason).toBe("too_large");
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it("counts the inflated bytes of a compressed body against the default limit", async () => {
    const inflated = DEFAULT_LIMITS.maxResponseBytes + 1024;
    const padded = `{"data":[],"pad":"${" ".repeat(inflated)}"}`;
    const compressed = gzipSync(padded);
    expect(compressed.length).toBeLessThan(64 * 1024);
    fake = await startFakeQlik((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": compressed.length,
      });
      res.end(compressed);
    });
    const client = fastClient(fake.url);
    const error = await failure(() => collect(client.listTenants()));
    expect(error.reason).toBe("too_large");
    expect(error.message).toContain("more than 4 MiB");
  });

  it("applies to the token endpoint too", async () => {
    fake = await startFakeQlik();
    fake.onToken((_req, res) => {
      void endless(res, Buffer.alloc(16 * 1024, 0x20));
    });
    const client = fastClient(fake.url, { limits: { maxResponseBytes: LIMIT } });
    const error = await failure(() => client.getTenant("t"));
    expect(error.reason).toBe("too_large");
    expect(error.message).toContain("POST /oauth/token");
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it("applies to error bodies", async () => {
    fake = await startFakeQlik((_req, res) => {
      void endless(res, Buffer.alloc(16 * 1024, 0x20), 500);
    });
    const client = fastClient(fake.url, { limits: { maxResponseBytes: LIMIT } });
    const error = await failure(() => client.getTenant("t"));
    expect(error.reason).toBe("too_large");
  });

  it("reads a page right at the limit", async () => {
    const body = JSON.stringify({ data: [tenant("t0")] });
    fake = await startFakeQlik((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    });
    const client = fastClient(fake.url, { limits: { maxResponseBytes: body.length } });
    const pages = await collect(client.listTenants());
    expect(pages.flatMap((p) => p.tenants.map((t) => t.id))).toEqual(["t0"]);
  });

  it("refuses a limit that is not a positive whole number", () => {
    expect(() => fastClient("http://127.0.0.1:9", { limits: { maxResponseBytes: 0 } })).toThrow(
      RangeError,
    );
  });
});

describe("field length", () => {
  const long = "a".repeat(MAX_FIELD_LENGTH + 1);

  it.each([
    ["id", { id: long }],
    ["name", { name: long }],
    ["status", { status: long }],
    ["regionCode", { regionCode: long }],
    ["countryCode", { countryCode: long }],
    ["subscriptionId", { subscriptionId: long }],
    ["licenseNumber", { licenseNumber: long }],
    ["createdBy", { createdBy: long }],
    ["createdAt", { createdAt: `2024-01-15T10:30:00.000Z${" ".repeat(MAX_FIELD_LENGTH)}` }],
    ["hostnames", { hostnames: [long] }],
  ])("refuses a %s longer than the limit, naming the field", (field, overrides) => {
    let error: unknown;
    try {
      parseTenant(tenant("t1", overrides), "data[0] of page 1");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QlikProtocolError);
    const protocol = error as QlikProtocolError;
    expect(protocol.reason).toBe("invalid_tenant");
    expect(protocol.field).toBe(field);
    expect(protocol.message).toContain(`is longer than ${MAX_FIELD_LENGTH} characters`);
    expect(protocol.message.length).toBeLessThan(300);
  });

  it("accepts fields at the limit", () => {
    const t = parseTenant(tenant("t1", { name: "n".repeat(MAX_FIELD_LENGTH) }), "here");
    expect(t.name).toHaveLength(MAX_FIELD_LENGTH);
  });

  it("refuses more hostnames than a tenant has", () => {
    const hostnames = Array.from({ length: MAX_HOSTNAMES + 1 }, (_, i) => `h${i}.example.com`);
    expect(() => parseTenant(tenant("t1", { hostnames }), "here")).toThrow(
      `has more than ${MAX_HOSTNAMES} hostnames`,
    );
  });

  it("refuses an over-long next-page link and access token", async () => {
    fake = await startFakeQlik((_req, res) =>
      json(res, 200, {
        data: [],
        links: { next: { href: `/api/core/tenants?next=${"c".repeat(9000)}` } },
      }),
    );
    const client = fastClient(fake.url);
    const page = await failure(() => collect(client.listTenants()));
    expect(page.reason).toBe("invalid_response");
    expect(page.field).toBe("links.next.href");

    fake.onToken((_req, res) =>
      json(res, 200, { access_token: "t".repeat(20_000), token_type: "Bearer", expires_in: 3600 }),
    );
    const other = fastClient(fake.url);
    const token = await failure(() => other.getTenant("t"));
    expect(token.reason).toBe("invalid_response");
    expect(token.field).toBe("access_token");
  });
});
