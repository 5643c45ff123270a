import "server-only";
import type { Tenant } from "@/lib/tenants/types";
import type { AnnotationOverlay } from "./overlay";
import type { SubscriptionLabel, TenantAnnotation } from "./types";

// Reads of the overlay joined with a snapshot's tenants, for the annotation API: the subscriptions
// with their names and tenant counts, the known tags with their counts, one tenant's annotation.

/** One subscription as GET /api/subscriptions lists it. */
export interface SubscriptionEntry {
  id: string;
  /** null: unnamed (shown as its id). */
  name: string | null;
  customerRef: string | null;
  /** Tenants of the current snapshot in it (0 for a named subscription no tenant is in any more). */
  tenants: number;
}

/** One tenant's annotation as the API answers it. */
export interface TenantAnnotationEntry extends TenantAnnotation {
  tenantId: string;
}

export const NO_ANNOTATION: TenantAnnotation = Object.freeze({
  owner: null,
  tags: Object.freeze([]) as unknown as string[],
  note: null,
});

export function annotationEntry(
  tenantId: string,
  annotation: TenantAnnotation | null | undefined,
): TenantAnnotationEntry {
  const a = annotation ?? NO_ANNOTATION;
  return { tenantId, owner: a.owner, tags: [...a.tags], note: a.note };
}

/**
 * Every subscription of the snapshot, plus named ones no tenant is in any more: named first (by
 * name, then id), then unnamed by id.
 */
export function listSubscriptions(
  tenants: readonly Tenant[],
  overlay: AnnotationOverlay,
): SubscriptionEntry[] {
  const counts = new Map<string, number>();
  for (const t of tenants)
    if (t.subscriptionId) counts.set(t.subscriptionId, (counts.get(t.subscriptionId) ?? 0) + 1);
  for (const id of overlay.subscriptions.keys()) if (!counts.has(id)) counts.set(id, 0);
  const entries = [...counts].map(([id, count]): SubscriptionEntry => {
    const label: SubscriptionLabel | undefined = overlay.subscriptions.get(id);
    return {
      id,
      name: label?.name ?? null,
      customerRef: label?.customerRef ?? null,
      tenants: count,
    };
  });
  const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  return entries.sort((a, b) => {
    if (a.name !== null && b.name !== null)
      return byName.compare(a.name, b.name) || cmp(a.id, b.id);
    if (a.name !== null) return -1;
    if (b.name !== null) return 1;
    return cmp(a.id, b.id);
  });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One known tag: how many tenants of the snapshot carry it (0: only removed tenants do). */
export interface TagCount {
  tag: string;
  tenants: number;
}

/** Every tag in use, most used first (then by name), optionally only those containing `q`. */
export function tagCounts(
  hasTenant: (id: string) => boolean,
  overlay: AnnotationOverlay,
  q?: string,
): TagCount[] {
  const counts = new Map<string, number>();
  for (const [id, annotation] of overlay.tenants) {
    const present = hasTenant(id);
    for (const tag of annotation.tags) counts.set(tag, (counts.get(tag) ?? 0) + (present ? 1 : 0));
  }
  const needle = q?.trim().toLowerCase();
  return [...counts]
    .filter(([tag]) => !needle || tag.includes(needle))
    .map(([tag, tenants]) => ({ tag, tenants }))
    .sort((a, b) => b.tenants - a.tenants || cmp(a.tag, b.tag));
}

/** A tenant id the annotation API accepts: in the snapshot, or annotated already (removed since). */
export function isKnownTenant(
  id: string,
  index: { get(id: string): Tenant | undefined },
  overlay: AnnotationOverlay,
): boolean {
  return index.get(id) !== undefined || overlay.tenants.has(id);
}
