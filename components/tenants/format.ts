// Display strings for tenant fields and facet values. Everything returned is plain text: React
// renders it as text, never as HTML.
import { COUNTRY_NAMES, regionLabel, type CountryCode } from "@/lib/regions";
import type { FacetDimension } from "@/lib/tenants/types";
import { NO_SUBSCRIPTION } from "@/lib/tenants/view-params";

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

export function subscriptionLabel(id: string | null): string {
  return id === null || id === NO_SUBSCRIPTION ? "No subscription" : id;
}

export function facetLabel(dimension: FacetDimension, value: string): string {
  switch (dimension) {
    case "region":
      return regionLabel(value);
    case "country":
      return countryLabel(value);
    case "subscription":
      return subscriptionLabel(value);
    case "status":
      return statusLabel(value);
  }
}

export const DIMENSION_LABELS: Record<FacetDimension, string> = {
  region: "Region",
  country: "Country",
  subscription: "Subscription",
  status: "Status",
};

/** The one wording for a tenant without a name (Qlik allows it), wherever a name is shown. */
export const NO_NAME = "(no name)";

/** A tenant's name as shown: a blank one (empty or only spaces) still needs something to click. */
export function displayName(name: string): string {
  return name.trim() === "" ? NO_NAME : name;
}
