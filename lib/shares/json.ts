import "server-only";
import type { ShareRecord } from "@/lib/db/storage";
import { parseViewSearch, viewToSearchParams } from "@/lib/tenants/view-codec";
import { normalizeShareColumns, visibility } from "./columns";
import { shareStatus } from "./expiry";
import { visibleView } from "./projection";
import { scopeObject, scopeSummary } from "./scope";
import type { PublicShare, ShareJson } from "./types";

// A stored link as the API answers it: to its owner and the admins (everything but the token's
// hash), and to its visitors (what the shared page needs, nothing about hidden columns).

export function toShareJson(share: ShareRecord, now: number = Date.now()): ShareJson {
  const scope = scopeObject(parseViewSearch(share.view).view);
  return {
    id: share.id,
    name: share.name,
    scope,
    scopeSummary: scopeSummary(scope),
    view: share.view,
    columns: normalizeShareColumns(share.columns),
    access: share.access,
    allowExport: share.allowExport,
    createdBy: share.createdBy,
    createdByName: share.createdByName,
    createdAt: share.createdAt,
    updatedAt: share.updatedAt,
    expiresAt: share.expiresAt,
    revokedAt: share.revokedAt,
    status: shareStatus(share, now),
    lastOpenedAt: share.lastOpenedAt,
    opens: share.opens,
    exports: share.exports,
  };
}

/**
 * What a visitor learns. A scope filter on a hidden column is left out of `scope`, the summary and
 * the starting `view` (the data is still limited by it): its value would reveal the hidden column.
 */
export function toPublicShare(share: ShareRecord, snapshotTakenAt: string | null): PublicShare {
  const v = visibility(share.columns);
  const view = parseViewSearch(share.view).view;
  const scope = scopeObject(view, v.filter);
  return {
    id: share.id,
    name: share.name,
    sharedBy: sharerName(share),
    expiresAt: share.expiresAt,
    scope,
    scopeSummary: scopeSummary(scope),
    columns: [...v.columns],
    allowExport: share.allowExport,
    view: viewToSearchParams(visibleView(view, v)).toString(),
    snapshot: { takenAt: snapshotTakenAt },
  };
}

/** Who shared the link, as visitors see it (also whom the expired and revoked pages say to ask). */
export const sharerName = (share: Pick<ShareRecord, "createdByName" | "createdBy">) =>
  share.createdByName || share.createdBy;
