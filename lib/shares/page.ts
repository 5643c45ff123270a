import "server-only";
import type { SessionIdentity } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/http/client-address";
import { getSnapshotInfo } from "@/lib/tenants/snapshot";
import { recordShareOpening } from "./audit";
import { sharerName, toPublicShare } from "./json";
import { gateShare, lookupShare } from "./lookup";
import type { PublicShare } from "./types";

// The shared page's one call (app/s/[token]/page.tsx): what to render for a token, with the same
// rules as the API's share guard. An opening is counted (at most once per visitor per hour).

export type OpenedShare =
  | { kind: "ok"; share: PublicShare; snapshotTakenAt: string | null }
  /** Unknown or malformed: render the ordinary not-found page. */
  | { kind: "not_found" }
  /** `contact`: whom to ask for a new link (the sharer's name). */
  | { kind: "expired" | "revoked"; contact: string }
  /** A "signed-in users only" link and no session: send the visitor to sign in and back. */
  | { kind: "sign_in_required" }
  /** Too many unknown tokens from this address. */
  | { kind: "rate_limited"; retryAfterSeconds: number };

export async function openShareForPage(
  token: string,
  options: {
    /** getCurrentSession()'s answer: any signed-in identity counts, with or without a role. */
    session: { identity: SessionIdentity | null };
    /** Default: from the request's headers. */
    clientAddress?: string;
  },
): Promise<OpenedShare> {
  const address = options.clientAddress ?? (await requestAddress());
  const found = await lookupShare(token, address);
  if (found.kind !== "found") return found;
  const { share } = found;
  const identity = options.session.identity;
  const gate = gateShare(share, identity);
  if (gate === "expired" || gate === "revoked") return { kind: gate, contact: sharerName(share) };
  if (gate === "sign_in_required") return { kind: gate };
  await recordShareOpening(share.id, identity?.email ?? null, address);
  const takenAt = getSnapshotInfo().takenAt;
  return { kind: "ok", share: toPublicShare(share, takenAt), snapshotTakenAt: takenAt };
}

async function requestAddress(): Promise<string> {
  const { headers } = await import("next/headers");
  return clientIpFrom(await headers());
}
