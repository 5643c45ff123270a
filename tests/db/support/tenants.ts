// Tenant fixtures for storage and diff tests.
import type { Tenant } from "@/lib/tenants/types";

export function makeTenant(i: number, overrides: Partial<Tenant> = {}): Tenant {
  const id = `T${String(i).padStart(8, "0")}xxxxxxxxxxxxxxxxxxxxxxx`;
  return {
    id,
    name: `tenant-${i}`,
    status: "active",
    hostnames: [`tenant-${i}.us.qlikcloud.com`],
    regionCode: "us-east-1",
    countryCode: "US",
    subscriptionId: `sub-${i % 7}`,
    licenseNumber: null,
    createdBy: null,
    createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    updatedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    licenseStartsAt: null,
    licenseEndsAt: null,
    deletionStartsAt: null,
    ...overrides,
  };
}

export function makeTenants(n: number, start = 0): Tenant[] {
  return Array.from({ length: n }, (_, k) => makeTenant(start + k));
}

export const byId = (tenants: readonly Tenant[]) =>
  Object.fromEntries(tenants.map((t) => [t.id, t]));
