// Display strings for tenant fields and facet values. Everything returned is plain text: React
// renders it as text, never as HTML.
import { COUNTRY_NAMES, regionLabel, type CountryCode } from "@/lib/regions";
import type { FacetDimension } from "@/lib/tenants/types";
import { NO_SUBSCRIPTION } from "@/lib/tenants/view-codec";

const numberFormat = new Intl.NumberFormat("en-US");
export const formatCount = (n: number) => numberFormat.format(n);

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export const STATUS_LABELS: Record<string, string> = {
  active: "Active",
  disabled: "Disabled",
  deleted: "Deleted",
  deactivated: "Deactivated",
};

export const statusLabel = (status: string) => STATUS_LABELS[status] ?? status;

export function countryLabel(code: string): string {
  const name = COUNTRY_NAMES[code as CountryCode];
  return name ? `${name} · ${code}` : code;
}

/**
 * A subscription as people know it: its name when an admin gave it one (the API's `label` or a
 * row's `subscriptionName`), else its id; no subscription says so.
 */
export function subscriptionLabel(id: string | null, name?: string | null): string {
  if (id === null || id === NO_SUBSCRIPTION) return "No subscription";
  return name?.trim() ? name : id;
}

/** `owner=none` and the owner facet's entry for tenants without an owner. */
export const NO_OWNER = "none";

/** `tag=none` and the tag facet's entry for tenants without tags. */
export const NO_TAGS = "none";

export const ownerLabel = (value: string | null) =>
  value === null || value === NO_OWNER ? "No owner" : value;

/**
 * A facet value as shown. `label`: what the API names it (a subscription's name), when it does.
 * Dimensions this file does not know yet show their value.
 */
export function facetLabel(
  dimension: FacetDimension,
  value: string,
  label?: string | null,
): string {
  switch (dimension as string) {
    case "region":
      return regionLabel(value);
    case "country":
      return countryLabel(value);
    case "subscription":
      return subscriptionLabel(value, label);
    case "status":
      return statusLabel(value);
    case "owner":
      return ownerLabel(value);
    case "tag":
      return value === NO_TAGS ? "No tags" : value;
    default:
      return label?.trim() ? label : value;
  }
}

/** What a facet (filter, chart, group) is called: "Region", "Owner", "Tag". */
export const DIMENSION_LABELS = {
  region: "Region",
  country: "Country",
  subscription: "Subscription",
  status: "Status",
  owner: "Owner",
  tag: "Tag",
} as Record<FacetDimension, string>;

/** The one wording for a tenant without a name (Qlik allows it), wherever a name is shown. */
export const NO_NAME = "(no name)";

/** A tenant's name as shown: a blank one (empty or only spaces) still needs something to click. */
export function displayName(name: string): string {
  return name.trim() === "" ? NO_NAME : name;
}
