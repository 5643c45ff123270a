import "server-only";
import { diffSnapshots, type ChangeDraft } from "@/lib/tenants/sync/diff";
import type { Tenant } from "@/lib/tenants/types";
import { parseTenant, serializeTenant } from "./rows";

// What replacing the stored snapshot takes, worked out once for both dialects: which rows to
// write, which to delete, and the change feed. Unchanged tenants (identical stored JSON) are
// neither rewritten nor parsed, so a sync that changed ten tenants of 50,000 writes ten rows.

export interface SnapshotPlan {
  upserts: { tenant: Tenant; data: string }[];
  deletes: string[];
  changes: ChangeDraft[];
}

/**
 * `previous`: the stored rows as [id, data]; `first`: no earlier snapshot. No changes are recorded
 * for a first snapshot, nor for one sharing no tenant with the previous (another organization).
 */
export function planSnapshotReplace(
  previous: Iterable<readonly [string, string]>,
  next: readonly Tenant[],
  first: boolean,
): SnapshotPlan {
  const previousData = new Map(previous);
  const upserts: SnapshotPlan["upserts"] = [];
  const seen = new Set<string>();
  for (const tenant of next) {
    if (seen.has(tenant.id)) throw new Error(`snapshot has tenant ${tenant.id} twice`);
    seen.add(tenant.id);
    const data = serializeTenant(tenant);
    if (previousData.get(tenant.id) !== data) upserts.push({ tenant, data });
  }
  const deletes: string[] = [];
  for (const id of previousData.keys()) if (!seen.has(id)) deletes.push(id);
  // Nothing in common with a non-empty previous snapshot: another organization (QLIK_BASE_URL or
  // the OAuth client changed). Start the feed afresh instead of "removing" and "adding" everyone.
  const unrelated =
    previousData.size > 0 && next.length > 0 && deletes.length === previousData.size;
  if (first || unrelated) return { upserts, deletes, changes: [] };

  const before = new Map<string, Tenant>();
  for (const { tenant } of upserts) {
    const data = previousData.get(tenant.id);
    if (data !== undefined) before.set(tenant.id, parseTenant(data));
  }
  for (const id of deletes) before.set(id, parseTenant(previousData.get(id)!));
  return {
    upserts,
    deletes,
    changes: diffSnapshots(
      before,
      upserts.map((u) => u.tenant),
    ),
  };
}
