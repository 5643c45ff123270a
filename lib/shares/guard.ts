import "server-only";
import type { NextRequest } from "next/server";
import { ApiError, notFound, tooManyRequests, unauthorized } from "@/lib/api/errors";
import type { SharePrincipal } from "@/lib/auth/principal";
import { resolveSession } from "@/lib/auth/session";
import type { ShareRecord } from "@/lib/db/storage";
import { clientIpFrom } from "@/lib/http/client-address";
import { sharerName } from "./json";
import { gateShare, lookupShare } from "./lookup";

// The "share" rule of withRoute: the token from the path to the link it opens, or the error that
// says why not. Checked on every request, so a revocation, an expiry or an export switched off
// takes effect at the next one.

export interface ShareVisit {
  share: ShareRecord;
  principal: SharePrincipal;
}

export async function authorizeShareRequest(req: NextRequest, token: unknown): Promise<ShareVisit> {
  const address = clientIpFrom(req.headers);
  const found = await lookupShare(typeof token === "string" ? token : "", address);
  if (found.kind === "rate_limited")
    throw tooManyRequests(
      "Too many unknown share links from this address. Try again later.",
      found.retryAfterSeconds,
    );
  if (found.kind === "not_found") throw notFound();
  const { share } = found;
  const { identity } = await resolveSession(req.cookies.getAll());
  const ask = `Ask ${sharerName(share)} for a new one.`;
  switch (gateShare(share, identity)) {
    case "revoked":
      throw new ApiError(410, "share_revoked", `This link has been revoked. ${ask}`);
    case "expired":
      throw new ApiError(410, "share_expired", `This link expired on ${share.expiresAt}. ${ask}`);
    case "sign_in_required":
      throw unauthorized("This link is for signed-in users: sign in to open it.");
    case "ok":
      break;
  }
  const visitor = identity ? { email: identity.email, name: identity.name } : null;
  return { share, principal: { kind: "share", shareId: share.id, visitor, address } };
}
