import type { TenantData } from "../../simulator/types";
import type { Tenant } from "../../lib/tenants/types";

/** A simulator tenant as the app holds it (the same mapping as lib/qlik's server-only parser). */
export function toTenant(t: TenantData): Tenant {
  const day = (v: string | undefined) =>
    v === undefined ? null : /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00.000Z` : v;
  return {
    id: t.id,
    name: t.name ?? "",
    status: t.status,
    hostnames: t.hostnames,
    regionCode: t.regionCode,
    countryCode: t.countryCode,
    subscriptionId: t.subscriptionId ?? null,
    licenseNumber: t.licenseNumber ?? null,
    createdBy: t.createdBy ?? null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    licenseStartsAt: day(t.licenseStartsAt),
    licenseEndsAt: day(t.licenseEndsAt),
    deletionStartsAt: day(t.deletionStartsAt),
  };
}
