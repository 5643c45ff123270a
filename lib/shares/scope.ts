// A link's scope: the FILTERS of its view. Whatever TenantView holds besides `sort` and `group` is
// a filter, so a filter added to the view later is part of every link's scope without a change
// here. Sort and group are only where the shared page starts. Client-safe.
import type { TenantView } from "@/lib/tenants/types";
import { DEFAULT_VIEW, viewToSearchParams } from "@/lib/tenants/view-codec";
import type { ShareScope } from "./types";

export type ScopeFilters = Omit<TenantView, "sort" | "group">;
export type ScopeFilter = keyof ScopeFilters;

/** The view's filters, with the default sort and no grouping. */
export function scopeView(view: TenantView): TenantView {
  const { sort: _sort, group: _group, ...filters } = view;
  return { ...DEFAULT_VIEW, ...filters };
}

/** The filters that are set, as the view params write them (lists as arrays, dates as given). */
export function scopeObject(
  view: TenantView,
  keep: (filter: ScopeFilter) => boolean = () => true,
): ShareScope {
  const scope = scopeView(view);
  const out: ShareScope = {};
  const params = viewToSearchParams(scope);
  for (const key of new Set(params.keys())) {
    if (!keep(key as ScopeFilter)) continue;
    const values = params.getAll(key);
    // Owners repeat (one may hold a comma); the other lists are comma-joined.
    if (key === "owner") out[key] = values;
    else
      out[key] = Array.isArray(scope[key as ScopeFilter])
        ? (values[0] ?? "").split(",")
        : (values[0] ?? "");
  }
  return out;
}

const LABELS: Record<string, string> = {
  q: "Search",
  region: "Region",
  country: "Country",
  subscription: "Subscription",
  status: "Status",
  owner: "Owner",
  tag: "Tag",
  annotated: "Annotated",
  createdFrom: "Created from",
  createdTo: "Created to",
  licenseEndsFrom: "License ends from",
  licenseEndsTo: "License ends to",
  deletionScheduled: "Deletion scheduled",
};

/** "Region eu-central-1 · Status active", or "Everything" when the scope has no filter. */
export function scopeSummary(scope: ShareScope): string {
  const parts = Object.entries(scope).map(([key, value]) => {
    const label = LABELS[key] ?? key;
    return key === "q" ? `${label} "${String(value)}"` : `${label} ${[value].flat().join(", ")}`;
  });
  return parts.length > 0 ? parts.join(" · ") : "Everything";
}
