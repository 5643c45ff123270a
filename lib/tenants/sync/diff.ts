import type { ChangeKind, Tenant } from "@/lib/tenants/types";

// The change feed between two consecutive snapshots, as a pure function (the storage layer calls
// it inside the transaction that replaces the snapshot). One entry per tenant and kind; a tenant
// renamed and moved yields two. `updatedAt` and license fields alone are not feed events.

export interface ChangeDraft {
  tenantId: string;
  tenantName: string;
  kind: ChangeKind;
  before: string | null;
  after: string | null;
}

/** Kinds in the order a tenant's entries are written (and so read back, newest first, reversed). */
export const CHANGE_KINDS = [
  "added",
  "removed",
  "status_changed",
  "renamed",
  "hostnames_changed",
  "moved_subscription",
  "moved_region",
] as const satisfies readonly ChangeKind[];

export function isChangeKind(value: string): value is ChangeKind {
  return (CHANGE_KINDS as readonly string[]).includes(value);
}

const hostnamesText = (t: Tenant) => (t.hostnames.length ? t.hostnames.join(", ") : null);

/** Field changes of one tenant present in both snapshots. */
export function diffTenant(before: Tenant, after: Tenant): ChangeDraft[] {
  const out: ChangeDraft[] = [];
  const push = (kind: ChangeKind, b: string | null, a: string | null) =>
    out.push({ tenantId: after.id, tenantName: after.name, kind, before: b, after: a });
  if (before.status !== after.status) push("status_changed", before.status, after.status);
  if (before.name !== after.name) push("renamed", before.name, after.name);
  // Order matters: the first hostname is the primary one.
  const bh = hostnamesText(before);
  const ah = hostnamesText(after);
  if (bh !== ah) push("hostnames_changed", bh, ah);
  if (before.subscriptionId !== after.subscriptionId)
    push("moved_subscription", before.subscriptionId, after.subscriptionId);
  if (before.regionCode !== after.regionCode)
    push("moved_region", before.regionCode, after.regionCode);
  return out;
}

/**
 * Changes from `previous` to `next`. "added" and "removed" carry the tenant's primary hostname
 * (in `after` / `before`) so a feed entry identifies the tenant even after it is gone.
 * Callers that know which tenants are unchanged may leave them out of both arguments.
 */
export function diffSnapshots(
  previous: ReadonlyMap<string, Tenant>,
  next: readonly Tenant[],
): ChangeDraft[] {
  const out: ChangeDraft[] = [];
  const seen = new Set<string>();
  for (const tenant of next) {
    seen.add(tenant.id);
    const old = previous.get(tenant.id);
    if (!old) {
      out.push({
        tenantId: tenant.id,
        tenantName: tenant.name,
        kind: "added",
        before: null,
        after: tenant.hostnames[0] ?? null,
      });
    } else {
      out.push(...diffTenant(old, tenant));
    }
  }
  for (const [id, old] of previous) {
    if (seen.has(id)) continue;
    out.push({
      tenantId: id,
      tenantName: old.name,
      kind: "removed",
      before: old.hostnames[0] ?? null,
      after: null,
    });
  }
  return out;
}
