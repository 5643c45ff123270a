import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

// Webhook signatures (docs/alerts.md, "Verifying a webhook"): every request carries
//   X-Atlas-Timestamp: <unix seconds>
//   X-Atlas-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
// Signing the timestamp with the body lets a receiver refuse a replayed request (an old
// timestamp) without trusting a header the signature does not cover.

export const SIGNATURE_HEADER = "X-Atlas-Signature";
export const TIMESTAMP_HEADER = "X-Atlas-Timestamp";
export const DELIVERY_HEADER = "X-Atlas-Delivery";

export function signWebhook(secret: string, timestamp: number, body: string): string {
  const hex = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
  return `sha256=${hex}`;
}

/**
 * What a receiver does (and what the tests check): the signature matches and the timestamp is
 * within `toleranceSeconds` of now.
 */
export function verifyWebhook(input: {
  secret: string;
  body: string;
  signature: string | null;
  timestamp: string | null;
  now?: number;
  toleranceSeconds?: number;
}): boolean {
  const ts = Number(input.timestamp);
  if (!input.signature || !Number.isInteger(ts)) return false;
  const now = Math.floor((input.now ?? Date.now()) / 1000);
  if (Math.abs(now - ts) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(input.secret, ts, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
