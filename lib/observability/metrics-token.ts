import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { notFound } from "@/lib/api/errors";

// Who may read GET /api/metrics: a scraper sending `Authorization: Bearer <METRICS_TOKEN>`. For
// everyone else it is a 404 in the one error shape, the same answer whether the setting is unset or
// the token is missing or wrong: a 401 would tell a prober that metrics are switched on.

/** Throws ApiError 404 unless `authorization` carries `expected` (compared in constant time). */
export function requireMetricsToken(authorization: string | null, expected: string | undefined) {
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!expected || !sent || !sameSecret(sent, expected)) throw notFound();
}

/** Compares digests, so neither the time taken nor an early length check says how close `a` is. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}
