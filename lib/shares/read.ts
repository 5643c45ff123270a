import "server-only";
import { badRequest, notFound } from "@/lib/api/errors";
import type { SharePrincipal } from "@/lib/auth/principal";
import type { ShareRecord } from "@/lib/db/storage";
import { tenantsResponseBody } from "@/lib/tenants/query";
import { currentAnnotations } from "@/lib/tenants/query/current";
import { getSnapshot, getSnapshotInfo } from "@/lib/tenants/snapshot";
import type { TenantRow } from "@/lib/tenants/types";
import { parseViewSearch, ViewParamsError } from "@/lib/tenants/view-codec";
import { recordShareOpening } from "./audit";
import { toPublicShare } from "./json";
import { visibleView } from "./projection";
import { shareData } from "./sub-index";
import type { PublicShare } from "./types";

// What the /api/s/[token] routes answer. Each reads the link's own data (./sub-index.ts), never the
// snapshot's index, and applies the visitor's view to it.

/** The link itself, for its visitor (GET /api/s/{token}); counts as an opening. */
export async function publicShare(
  share: ShareRecord,
  caller: SharePrincipal,
): Promise<PublicShare> {
  await recordShareOpening(share.id, caller.visitor?.email ?? null, caller.address);
  return toPublicShare(share, getSnapshotInfo().takenAt);
}

/** GET /api/s/{token}/tenants: the TenantsResponse of `search` within the link, as JSON bytes. */
export async function shareTenantsBody(share: ShareRecord, search: string) {
  const { view, offset, limit } = viewQuery(search);
  const snapshot = await getSnapshot(); // ApiError 503 until the first sync has finished
  const data = await shareData(snapshot.index, share, await currentAnnotations());
  const ref = { id: snapshot.id, takenAt: snapshot.takenAt };
  return tenantsResponseBody(
    data.index,
    visibleView(view, data.visibility),
    { offset, limit },
    ref,
    {
      annotations: data.annotations,
    },
  );
}

/** GET /api/s/{token}/tenants/{id}: one tenant within the link, its columns only. */
export async function shareTenant(share: ShareRecord, id: string): Promise<TenantRow> {
  const snapshot = await getSnapshot();
  const data = await shareData(snapshot.index, share, await currentAnnotations());
  const tenant = data.index.row(id, data.annotations);
  if (!tenant) throw notFound(`No tenant with id "${id}" in this shared view.`);
  return tenant;
}

/** The same 400 wording as GET /api/tenants. */
function viewQuery(search: string) {
  try {
    return parseViewSearch(search);
  } catch (error) {
    throw error instanceof ViewParamsError ? badRequest(error.message) : error;
  }
}
