// Stands in for lib/tenants/snapshot in the share tests:
//   vi.mock("@/lib/tenants/snapshot", () => import("./support/snapshot"));
import { createTenantIndex, type TenantIndex } from "@/lib/tenants/query";
import type { Tenant } from "@/lib/tenants/types";

export const TAKEN_AT = "2026-11-27T17:40:00.000Z";

let current: { id: number; takenAt: string; tenants: Tenant[]; index: TenantIndex } | null = null;

export function useSnapshot(tenants: Tenant[], id = 1): TenantIndex {
  const index = createTenantIndex(tenants, { asOf: TAKEN_AT });
  current = { id, takenAt: TAKEN_AT, tenants, index };
  return index;
}

let failure: Error | null = null;

/** Makes getSnapshot() throw `error` (null: answer again). */
export function failSnapshot(error: Error | null): void {
  failure = error;
}

export async function getSnapshot() {
  if (failure) throw failure;
  if (!current) throw new Error("no snapshot in this test");
  return current;
}

export function getSnapshotInfo() {
  return {
    takenAt: current?.takenAt ?? null,
    tenantCount: current?.tenants.length ?? 0,
    syncing: false,
    progress: null,
    lastRun: null,
    lastError: null,
  };
}
