import "server-only";
import { getStorage, type ChangeQuery, type Page } from "@/lib/db/storage";
import type { TenantChange } from "@/lib/tenants/types";

// The change feed between consecutive snapshots (written by the sync, see lib/tenants/sync/diff.ts).
// The first snapshot records no changes: the feed starts with the second sync.

export { CHANGE_KINDS, isChangeKind } from "./sync/diff";

/** The feed, newest first; throws InvalidCursorError (from @/lib/db/storage) for a bad cursor. */
export async function listChanges(query: ChangeQuery = {}): Promise<Page<TenantChange>> {
  return (await getStorage()).listChanges(query);
}

/** One tenant's history, newest first (for GET /api/tenants/{id}). */
export async function listTenantChanges(
  tenantId: string,
  options: { limit?: number } = {},
): Promise<TenantChange[]> {
  return (await getStorage()).listTenantChanges(tenantId, options);
}
