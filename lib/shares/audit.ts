import "server-only";
import { Lru } from "@/lib/cache/lru";
import { recordAudit } from "@/lib/db/audit";
import { getStorage } from "@/lib/db/storage";
import { log } from "@/lib/log";
import { countShareOpening } from "@/lib/observability/metrics";
import { globalSingleton } from "@/lib/runtime/global-singleton";

// What share links leave in the audit log: creation, change, revocation, openings (at most one per
// visitor per hour) and exports, each with the link's id (never its token), the actor (an email,
// or "anonymous") and the client address. A failed audit write is logged, never the request's end.

export type ShareAuditAction =
  "share.create" | "share.update" | "share.revoke" | "share.open" | "share.export";

export const ANONYMOUS = "anonymous";
const HOUR = 3_600_000;

export async function recordShareEvent(
  action: ShareAuditAction,
  actor: string,
  shareId: string,
  address: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  try {
    await recordAudit({ actor, action, details: { shareId, address, ...details } });
  } catch (err) {
    log("shares").error(
      { err, action, shareId },
      "could not record a share event in the audit log",
    );
  }
}

/** Last counted opening per link and visitor, for this process (a restart may count one more). */
const openings = () => globalSingleton("shares:openings", () => new Lru<string, number>(10_000));

/**
 * Counts an opening of `shareId` (opens + 1, lastOpenedAt, an audit entry) unless the same visitor
 * (their email, or "anonymous" from the same address) opened it less than an hour ago.
 */
export async function recordShareOpening(
  shareId: string,
  visitorEmail: string | null,
  address: string,
  now: number = Date.now(),
): Promise<boolean> {
  countShareOpening();
  const key = `${shareId}\n${visitorEmail ?? `${ANONYMOUS}@${address}`}`;
  const last = openings().get(key);
  if (last !== undefined && now - last < HOUR) return false;
  openings().set(key, now);
  try {
    await (await getStorage()).recordShareOpen(shareId, new Date(now).toISOString());
  } catch (err) {
    log("shares").error({ err, shareId }, "could not count a share link opening");
  }
  await recordShareEvent("share.open", visitorEmail ?? ANONYMOUS, shareId, address);
  return true;
}
