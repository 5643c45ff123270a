import "server-only";
import { ApiError, badRequest } from "@/lib/api/errors";
import type { TenantAnnotationPatch } from "@/lib/db/types";
import { tenantIdsForView } from "@/lib/tenants/query/current";
import { getSnapshot } from "@/lib/tenants/snapshot";
import { currentOverlay } from "./overlay";
import { isKnownTenant } from "./read";
import { updateAnnotations } from "./write";

// Bulk edits (POST /api/tenants/annotations): add tags, remove tags and/or set the owner of the
// selected tenants, or of every tenant a view selects, in one transaction.

/** At most this many ids in one request (the largest organizations have ~50,000 tenants). */
export const BULK_MAX_IDS = 100_000;
/** Unknown ids named in the answer (the count is always complete). */
const UNKNOWN_SHOWN = 100;

export type BulkTarget = { view: string } | { ids: readonly string[] };

export interface BulkEdit {
  addTags?: readonly string[];
  removeTags?: readonly string[];
  /** null clears the owner. */
  owner?: string | null;
}

export interface BulkResult {
  /** Tenants the request selected (for ids: those in the snapshot or annotated already). */
  matched: number;
  /** Tenants whose annotation changed. */
  changed: number;
  /** Ids that are neither in the snapshot nor annotated: left alone (the first 100). */
  unknownIds: string[];
  unknownCount: number;
}

export async function bulkAnnotate(
  target: BulkTarget,
  edit: BulkEdit,
  actor: string,
): Promise<BulkResult> {
  const [snapshot, overlay] = await Promise.all([getSnapshot(), currentOverlay()]);
  let ids: string[];
  const unknown: string[] = [];
  if ("view" in target) {
    try {
      ids = await tenantIdsForView(target.view, { index: snapshot.index });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400)
        throw badRequest(`Invalid body field "view": ${error.message}`);
      throw error;
    }
  } else {
    ids = [];
    for (const id of new Set(target.ids))
      (isKnownTenant(id, snapshot.index, overlay) ? ids : unknown).push(id);
  }
  const patch: Omit<TenantAnnotationPatch, "tenantId"> = {
    addTags: edit.addTags,
    removeTags: edit.removeTags,
    owner: edit.owner,
  };
  const result = await updateAnnotations({
    actor,
    source: "bulk",
    tenants: ids.map((tenantId) => ({ tenantId, ...patch })),
    summary: {
      action: "annotations.bulk",
      details: {
        ...("view" in target ? { view: target.view } : { ids: target.ids.length }),
        matched: ids.length,
        ...(edit.addTags?.length ? { addTags: edit.addTags } : {}),
        ...(edit.removeTags?.length ? { removeTags: edit.removeTags } : {}),
        ...(edit.owner !== undefined ? { owner: edit.owner } : {}),
      },
    },
  });
  return {
    matched: ids.length,
    changed: result.tenants.length,
    unknownIds: unknown.slice(0, UNKNOWN_SHOWN),
    unknownCount: unknown.length,
  };
}
