import "server-only";
import { conflict, forbidden, notFound, type ApiError } from "@/lib/api/errors";
import type { UserPrincipal } from "@/lib/auth/principal";
import { getStorage, type ShareRecord } from "@/lib/db/storage";
import { log } from "@/lib/log";
import type { TenantView } from "@/lib/tenants/types";
import { viewToSearchParams } from "@/lib/tenants/view-codec";
import { recordShareEvent } from "./audit";
import { normalizeShareColumns } from "./columns";
import { defaultExpiry, isNever, resolveExpiry, type ExpiryChoice } from "./expiry";
import { toShareJson } from "./json";
import { hashShareToken, newShareId, newShareToken } from "./token";
import type { ShareAccess, ShareJson } from "./types";

// Making and managing links (the /api/shares routes): viewers make links and manage their own,
// admins manage every link; a link someone may not manage does not exist for them (404). Only
// admins make links that never expire.

export interface Actor {
  user: UserPrincipal;
  /** The client address, for the audit log. */
  address: string;
}

export interface NewShare {
  name: string;
  /** The explorer's view: its filters become the scope, its sort and grouping the start. */
  view: TenantView;
  columns: readonly string[];
  access: ShareAccess;
  allowExport: boolean;
  expiry: ExpiryChoice;
}

export interface ShareChanges {
  name?: string;
  allowExport?: boolean;
  expiry: ExpiryChoice;
}

const NEVER_FOR_ADMINS = "Only admins can make a link that never expires; choose an expiry.";

/** The new link and its token: the caller shows `token` once and forgets it. */
export async function createShareLink(
  input: NewShare,
  actor: Actor,
): Promise<{ share: ShareJson; token: string }> {
  if (isNever(input.expiry) && actor.user.role !== "admin") throw forbidden(NEVER_FOR_ADMINS);
  const now = Date.now();
  const expiresAt = resolveExpiry(input.expiry, now);
  const token = newShareToken();
  const share = await (
    await getStorage()
  ).createShare({
    id: newShareId(),
    tokenHash: hashShareToken(token),
    name: input.name,
    view: viewToSearchParams(input.view).toString(),
    columns: normalizeShareColumns(input.columns),
    access: input.access,
    allowExport: input.allowExport,
    createdBy: ownerKey(actor.user),
    createdByName: actor.user.name,
    expiresAt: expiresAt === undefined ? defaultExpiry(now) : expiresAt,
    createdAt: new Date(now).toISOString(),
  });
  await recordShareEvent("share.create", actor.user.email, share.id, actor.address, {
    name: share.name,
    view: share.view,
    columns: share.columns,
    access: share.access,
    allowExport: share.allowExport,
    expiresAt: share.expiresAt,
  });
  log("shares").info({ event: "share_created", shareId: share.id }, "share link created");
  return { share: toShareJson(share, now), token };
}

/** A viewer's own links; an admin's all, or their own with `mine`. Newest first. */
export async function listShareLinks(user: UserPrincipal, mine: boolean): Promise<ShareJson[]> {
  const own = mine || user.role !== "admin";
  const shares = await (await getStorage()).listShares(own ? { createdBy: ownerKey(user) } : {});
  const now = Date.now();
  return shares.map((s) => toShareJson(s, now));
}

export async function updateShareLink(
  id: string,
  changes: ShareChanges,
  actor: Actor,
): Promise<ShareJson> {
  const share = await manageable(id, actor.user);
  if (share.revokedAt !== null)
    throw conflict("This link has been revoked; make a new one instead.");
  if (isNever(changes.expiry) && actor.user.role !== "admin") throw forbidden(NEVER_FOR_ADMINS);
  const expiresAt = resolveExpiry(changes.expiry, Date.now());
  const patch = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.allowExport !== undefined ? { allowExport: changes.allowExport } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
  const updated = await (await getStorage()).updateShare(share.id, patch);
  if (!updated) throw notFoundShare(id);
  await recordShareEvent("share.update", actor.user.email, share.id, actor.address, {
    changes: patch,
  });
  return toShareJson(updated);
}

/** Revokes at once; revoking a revoked link changes nothing (its first revocation time stays). */
export async function revokeShareLink(id: string, actor: Actor): Promise<void> {
  const share = await manageable(id, actor.user);
  if (share.revokedAt !== null) return;
  await (await getStorage()).revokeShare(share.id);
  await recordShareEvent("share.revoke", actor.user.email, share.id, actor.address);
  log("shares").info({ event: "share_revoked", shareId: share.id }, "share link revoked");
}

async function manageable(id: string, user: UserPrincipal): Promise<ShareRecord> {
  const share = await (await getStorage()).getShare(id);
  if (!share || (user.role !== "admin" && !isOwner(share, user))) throw notFoundShare(id);
  return share;
}

/** Emails are compared without case (as the role lists are), so links are stored lower-cased. */
const ownerKey = (user: UserPrincipal) => user.email.trim().toLowerCase();
const isOwner = (share: ShareRecord, user: UserPrincipal) => share.createdBy === ownerKey(user);

const notFoundShare = (id: string): ApiError => notFound(`No share link with id "${id}".`);
