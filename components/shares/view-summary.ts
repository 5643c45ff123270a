// What a view is locked to, in words: the "Share view" dialog shows it before the link exists and
// suggests a name from it. (Once a link exists, the server's own scope summary is shown instead.)
import { regionName } from "@/lib/regions";
import { FACET_DIMENSIONS, type FacetDimension, type TenantView } from "@/lib/tenants/types";
import { COLUMN_LABELS } from "@/components/tenants/columns";
import {
  countryLabel,
  DIMENSION_LABELS,
  facetLabel,
  statusLabel,
  subscriptionLabel,
} from "@/components/tenants/format";
import { GROUP_LABELS } from "@/components/tenants/group-select";

export interface ScopeFilter {
  label: string;
  values: string[];
}

/** Subscription names by id (GET /api/subscriptions), for a named subscription's filter. */
export type SubscriptionNames = ReadonlyMap<string, string>;

function valueLabel(dimension: FacetDimension, value: string, names?: SubscriptionNames): string {
  switch (dimension as string) {
    case "region":
      return regionName(value);
    case "country":
      return countryLabel(value);
    case "subscription":
      return subscriptionLabel(value, names?.get(value));
    case "status":
      return statusLabel(value);
    default:
      return facetLabel(dimension, value);
  }
}

const day = (iso: string) => iso.slice(0, 10);

/** The view's filters, each with its label and values in words; empty for an unfiltered view. */
export function scopeFilters(view: TenantView, names?: SubscriptionNames): ScopeFilter[] {
  const out: ScopeFilter[] = [];
  if (view.q.trim()) out.push({ label: "Search", values: [`“${view.q.trim()}”`] });
  for (const d of FACET_DIMENSIONS)
    if (view[d]?.length)
      out.push({ label: DIMENSION_LABELS[d], values: view[d].map((v) => valueLabel(d, v, names)) });
  if (view.annotated !== null)
    out.push({
      label: "Annotated",
      values: [view.annotated ? "has an owner, tags or a note" : "no owner, tags or note"],
    });
  if (view.createdFrom || view.createdTo)
    out.push({
      label: "Created",
      values: [
        `${view.createdFrom ? day(view.createdFrom) : "any time"} – ${view.createdTo ? day(view.createdTo) : "today"}`,
      ],
    });
  if (view.licenseEndsFrom || view.licenseEndsTo)
    out.push({
      label: "License ends",
      values: [
        `${view.licenseEndsFrom ? day(view.licenseEndsFrom) : "any time"} – ${view.licenseEndsTo ? day(view.licenseEndsTo) : "any time"}`,
      ],
    });
  if (view.deletionScheduled !== null)
    out.push({
      label: "Deletion",
      values: [view.deletionScheduled ? "scheduled" : "not scheduled"],
    });
  return out;
}

/** "grouped by Region, sorted by Created (descending)". */
export function startingPoint(view: TenantView): string {
  const sort = view.sort
    .map((k) => `${COLUMN_LABELS[k.field] ?? k.field}${k.desc ? " (descending)" : ""}`)
    .join(", then ");
  const group = view.group === "none" ? "not grouped" : `grouped by ${GROUP_LABELS[view.group]}`;
  return `${group}, sorted by ${sort}`;
}

const MAX_NAME = 80;

/** A name for a link to this view: its filter values, or "All tenants". */
export function suggestedName(view: TenantView, names?: SubscriptionNames): string {
  const filters = scopeFilters(view, names);
  if (filters.length === 0) return "All tenants";
  const text = filters.map((f) => f.values.join(", ")).join(" · ");
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}
