"use client";

import { AlertTriangle, Lock } from "lucide-react";
import type { TenantView } from "@/lib/tenants/types";
import { formatCount } from "@/components/tenants/format";
import { useSubscriptionNames } from "./use-subscription-names";
import { scopeFilters, startingPoint } from "./view-summary";

/** What the link will be locked to (the view's filters), and where the shared page starts. */
export function ShareScopeSummary({
  view,
  tenantCount,
}: {
  view: TenantView;
  tenantCount: number | null;
}) {
  // Named subscriptions read as their names ("Acme OEM — production"), as in the explorer.
  const names = useSubscriptionNames(view.subscription.length > 0);
  const filters = scopeFilters(view, names);
  return (
    <section
      aria-label="What the link shows"
      className="grid gap-2 rounded-lg border border-zinc-200 bg-zinc-50 p-3 text-sm dark:border-zinc-800 dark:bg-zinc-950"
      data-testid="share-scope"
    >
      {filters.length > 0 ? (
        <>
          <p className="flex items-center gap-2 font-medium">
            <Lock aria-hidden className="size-4 shrink-0" />
            Locked to the tenants where
          </p>
          <ul className="grid gap-1 pl-6">
            {filters.map((f) => (
              <li key={f.label}>
                <span className="text-zinc-700 dark:text-zinc-300">{f.label}:</span>{" "}
                {f.values.join(" or ")}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="flex items-start gap-2 font-medium text-amber-900 dark:text-amber-200">
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
          No filters: the link shows every tenant in the organization.
        </p>
      )}
      <p className="text-zinc-700 dark:text-zinc-300">
        {tenantCount !== null
          ? `${formatCount(tenantCount)} ${tenantCount === 1 ? "tenant matches" : "tenants match"} today, and the link follows the live data. `
          : "The link follows the live data. "}
        Visitors can narrow the view but never widen it. The shared page starts{" "}
        {startingPoint(view)}.
      </p>
    </section>
  );
}
