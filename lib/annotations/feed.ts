// The change feed in the team's words: a "moved subscription" entry carries the names of both
// subscriptions, a "removed" entry the owner, tags and note the tenant had (annotations outlive
// the tenant, and come back with it). Client-safe types; the server joins them in.
import type { TenantChange } from "@/lib/tenants/types";
import type { SubscriptionLabel, TenantAnnotation } from "./types";

export interface ChangeFeedEntry extends TenantChange {
  /** moved_subscription: the subscriptions' names (null: unnamed, shown as the id). */
  subscriptionName?: { before: string | null; after: string | null };
  /** removed: what the team recorded about the tenant, when anything. */
  annotation?: TenantAnnotation;
}

export interface FeedOverlay {
  subscriptions: ReadonlyMap<string, SubscriptionLabel>;
  tenants: ReadonlyMap<string, TenantAnnotation>;
}

export function annotateChanges(
  changes: readonly TenantChange[],
  overlay: FeedOverlay,
): ChangeFeedEntry[] {
  const nameOf = (id: string | null) =>
    id === null ? null : (overlay.subscriptions.get(id)?.name ?? null);
  return changes.map((change) => {
    if (change.kind === "moved_subscription")
      return {
        ...change,
        subscriptionName: { before: nameOf(change.before), after: nameOf(change.after) },
      };
    if (change.kind === "removed") {
      const annotation = overlay.tenants.get(change.tenantId);
      if (annotation)
        return {
          ...change,
          annotation: {
            owner: annotation.owner,
            tags: [...annotation.tags],
            note: annotation.note,
          },
        };
    }
    return change;
  });
}
