import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  addressBucket,
  clientIpFrom,
  normalizeAddress,
  PEER_HEADER,
  peerStamp,
} from "@/lib/http/client-address";
import { installPeerAddressStamp } from "@/lib/http/peer-address-stamp";
import { useEnv } from "./support";

// Rate limits key on clientIpFrom(). By default it is the TCP peer, which a client cannot choose;
// X-Forwarded-For counts only as far as TRUSTED_PROXY_HOPS says.

beforeEach(() => useEnv());

/** Headers as a route handler sees them for a request from `peer` that carried `sent`. */
const seen = (peer: string, sent: Record<string, string> = {}) => ({
  ...sent,
  [PEER_HEADER]: peerStamp(peer),
});

describe("the client address, without trusted proxies (the default)", () => {
  it("is the socket's address, whatever X-Forwarded-For or X-Real-IP say", () => {
    const headers = seen("203.0.113.9", {
      "x-forwarded-for": "198.51.100.1, 10.0.0.1",
      "x-real-ip": "198.51.100.2",
    });
    expect(clientIpFrom(headers)).toBe("203.0.113.9");
    expect(clientIpFrom(new Headers(headers))).toBe("203.0.113.9");
  });

  it("gives a client who changes X-Forwarded-For on every request the same address", () => {
    const addresses = new Set(
      Array.from({ length: 50 }, (_, i) =>
        clientIpFrom(seen("203.0.113.9", { "x-forwarded-for": `10.0.${i}.1` })),
      ),
    );
    expect([...addresses]).toEqual(["203.0.113.9"]);
  });

  it("ignores a peer header the client wrote itself (no process token)", () => {
    expect(clientIpFrom({ [PEER_HEADER]: "198.51.100.7" })).toBe("unknown");
    expect(clientIpFrom({ [PEER_HEADER]: "forged-token 198.51.100.7" })).toBe("unknown");
    expect(clientIpFrom({ "x-forwarded-for": "198.51.100.7" })).toBe("unknown");
    expect(clientIpFrom({})).toBe("unknown");
  });

  it("reads TRUSTED_PROXY_HOPS from the settings", () => {
    const headers = seen("10.0.0.2", { "x-forwarded-for": "198.51.100.1, 203.0.113.5" });
    expect(clientIpFrom(headers)).toBe("10.0.0.2");
    useEnv({ TRUSTED_PROXY_HOPS: "1" });
    expect(clientIpFrom(headers)).toBe("203.0.113.5");
    useEnv({ TRUSTED_PROXY_HOPS: "2" });
    expect(clientIpFrom(headers)).toBe("198.51.100.1");
  });
});

describe("the client address behind TRUSTED_PROXY_HOPS proxies", () => {
  const chain = "198.51.100.66, 203.0.113.5, 10.0.0.7";
  const from = (hops: number, xff = chain) =>
    clientIpFrom(seen("10.0.0.8", { "x-forwarded-for": xff }), { trustedProxyHops: hops });

  it("is the N-th X-Forwarded-For entry from the right", () => {
    expect(from(1)).toBe("10.0.0.7");
    expect(from(2)).toBe("203.0.113.5");
    expect(from(3)).toBe("198.51.100.66");
  });

  it("cannot be moved by entries the client put in front of the proxies' own", () => {
    // One proxy appends the address it saw; whatever the client sent stays to its left.
    expect(from(1, "1.1.1.1, 2.2.2.2, 203.0.113.5")).toBe("203.0.113.5");
  });

  it("is the leftmost entry when there are fewer entries than hops", () => {
    expect(from(5)).toBe("198.51.100.66");
  });

  it("joins repeated X-Forwarded-For headers in order", () => {
    const headers = { ...seen("10.0.0.8"), "x-forwarded-for": ["1.1.1.1", "203.0.113.5"] };
    expect(clientIpFrom(headers, { trustedProxyHops: 1 })).toBe("203.0.113.5");
  });

  it("falls back to the socket's address without X-Forwarded-For", () => {
    expect(clientIpFrom(seen("10.0.0.8"), { trustedProxyHops: 1 })).toBe("10.0.0.8");
  });
});

describe("address spelling", () => {
  it.each([
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["203.0.113.9:51234", "203.0.113.9"],
    ["[2001:DB8::1]:443", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    [" 2001:db8::1 ", "2001:db8::1"],
    ['"_hidden"', "_hidden"],
  ])("reads %s as %s", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it("cuts anything long to 64 characters", () => {
    expect(normalizeAddress("x".repeat(500))).toHaveLength(64);
  });

  it("counts IPv6 clients by their /64 and IPv4 clients by their address", () => {
    expect(addressBucket("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8:1:2::ffff")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:0db8:0001:0002::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("203.0.113.9")).toBe("203.0.113.9");
    expect(addressBucket("unknown")).toBe("unknown");
  });
});

// The real thing: Node's HTTP server, the diagnostics-channel stamp instrumentation.ts installs,
// and Next.js's own rule for X-Forwarded-For (base-server.ts: set it from the socket only when
// the request has none), in that order.
describe("the socket address stamp on a real HTTP server", () => {
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    installPeerAddressStamp();
    installPeerAddressStamp(); // idempotent: a second install must not stamp twice
    server = http.createServer((req, res) => {
      req.headers["x-forwarded-for"] ??= req.socket.remoteAddress; // what Next.js does
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          address: clientIpFrom(req.headers),
          behindOneProxy: clientIpFrom(req.headers, { trustedProxyHops: 1 }),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = async (headers: Record<string, string> = {}) =>
    (await (await fetch(url, { headers })).json()) as {
      address: string;
      behindOneProxy: string;
    };

  it("records the socket's address, which a spoofed X-Forwarded-For does not change", async () => {
    expect(await get()).toEqual({ address: "127.0.0.1", behindOneProxy: "127.0.0.1" });
    const spoofed = await get({ "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" });
    expect(spoofed.address).toBe("127.0.0.1");
  });

  it("overwrites a peer header the client sent, even one shaped like a stamp", async () => {
    const forged = `${peerStamp("198.51.100.3").split(" ")[0]} 198.51.100.3`;
    expect((await get({ [PEER_HEADER]: forged })).address).toBe("127.0.0.1");
    expect((await get({ [PEER_HEADER]: "x 198.51.100.3" })).address).toBe("127.0.0.1");
  });

  it("believes the proxy's X-Forwarded-For entry with TRUSTED_PROXY_HOPS=1", async () => {
    const viaProxy = await get({ "x-forwarded-for": "198.51.100.1, 203.0.113.5" });
    expect(viaProxy.behindOneProxy).toBe("203.0.113.5");
  });
});
