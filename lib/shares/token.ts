import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Share tokens: 256 bits from the CSPRNG as base64url (43 characters). The database keeps only
// their SHA-256, so a copy of the database opens no link. A token is never logged, put in an error
// message or in the audit log: those name the share's id.

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const HASH = /^[0-9a-f]{64}$/;

export function newShareToken(): string {
  return randomBytes(32).toString("base64url");
}

/** `shr_` + 16 URL-safe random characters: the public name of a link in logs and the audit log. */
export function newShareId(): string {
  return `shr_${randomBytes(12).toString("base64url")}`;
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN.test(token);
}

/** SHA-256 hex: the token is random and long, so a plain hash (no salt, no stretching) is enough. */
export function hashShareToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Compares two hashes in constant time (after the indexed lookup found a candidate row). */
export function sameTokenHash(a: string, b: string): boolean {
  if (!HASH.test(a) || !HASH.test(b)) return false;
  return timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));
}
