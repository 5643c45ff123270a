import "server-only";
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { getEnv } from "@/lib/config/env";
import { log } from "@/lib/log";
import { globalSingleton } from "@/lib/runtime/global-singleton";

// The client's address, for rate limits and the audit log: one function, clientIpFrom().
//
// A route handler never sees the TCP socket, and Next.js only fills X-Forwarded-For from it when
// the request arrived without one, so that header alone is whatever the client chose to send.
// peer-address-stamp.ts therefore writes the socket's address into PEER_HEADER on every request
// as Node.js parses it (before Next.js sees it), prefixed with a random per-process token, so a
// client cannot send a value that passes for one. X-Forwarded-For is believed only as far as
// TRUSTED_PROXY_HOPS says: with N proxies in front, the N-th entry from the right is the address
// the outermost trusted proxy saw. See docs/auth.md.

export const PEER_HEADER = "x-tenant-atlas-peer";
export const UNKNOWN_ADDRESS = "unknown";

type HeaderBag = Record<string, string | string[] | undefined> | Headers;

/** The token that marks a PEER_HEADER value as written by this process (shared by every bundle). */
export function peerStampToken(): string {
  return globalSingleton("client-address:peer-token", () => randomBytes(18).toString("base64url"));
}

/** The PEER_HEADER value that says the socket's address is `address`. */
export function peerStamp(address: string | undefined): string {
  return `${peerStampToken()} ${normalizeAddress(address) ?? UNKNOWN_ADDRESS}`;
}

/**
 * The client address of a request: the socket's peer with TRUSTED_PROXY_HOPS=0 (the default), else
 * the TRUSTED_PROXY_HOPS-th X-Forwarded-For entry from the right (the leftmost when there are
 * fewer). "unknown" when the socket's address was not recorded (see peer-address-stamp.ts).
 */
export function clientIpFrom(
  headers: HeaderBag,
  options: { trustedProxyHops?: number } = {},
): string {
  const hops = options.trustedProxyHops ?? getEnv().TRUSTED_PROXY_HOPS;
  if (hops > 0) {
    const chain = forwardedChain(header(headers, "x-forwarded-for"));
    const believed = chain[Math.max(0, chain.length - hops)];
    if (believed) return believed;
  }
  const peer = stampedPeer(header(headers, PEER_HEADER));
  if (peer) return peer;
  warnOnce();
  return UNKNOWN_ADDRESS;
}

/**
 * What rate limits count an address under: IPv4 addresses as they are, IPv6 by their /64 (one
 * household or server gets a whole /64, so counting single IPv6 addresses would count nothing).
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : address;
}

function header(headers: HeaderBag, name: string): string | undefined {
  const raw = headers instanceof Headers ? headers.get(name) : headers[name];
  return Array.isArray(raw) ? raw.join(",") : (raw ?? undefined);
}

function forwardedChain(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(",")
    .map((entry) => normalizeAddress(entry))
    .filter((entry): entry is string => entry !== undefined);
}

function stampedPeer(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== peerStampToken()) return undefined;
  return normalizeAddress(value.slice(space + 1));
}

/**
 * One spelling per address: no port, no brackets, IPv4-mapped IPv6 as IPv4, lower case. Anything
 * else a trusted proxy wrote (RFC 7239 obfuscated names, "unknown") is kept, cut to 64 characters.
 */
export function normalizeAddress(raw: string | undefined): string | undefined {
  let value = raw?.trim().replace(/^"|"$/g, "");
  if (!value) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped?.[1]) value = mapped[1];
  return value.slice(0, 64);
}

function expandIpv6(address: string): string[] | null {
  let text = address.split("%")[0] ?? ""; // no zone id (fe80::1%eth0)
  // An embedded IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  if (fill < 0) return null;
  const groups = [...left, ...Array<string>(fill).fill("0"), ...right];
  return groups.length === 8 ? groups.map((g) => g.replace(/^0+(?=.)/, "")) : null;
}

let warned = false;
function warnOnce(): void {
  if (warned) return;
  warned = true;
  log("http").warn(
    { event: "client_address_unknown" },
    "a request came without the socket address stamp; rate limits count it as 'unknown' (is instrumentation.ts running?)",
  );
}
