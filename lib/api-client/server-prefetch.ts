import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import type { TenantView } from "@/lib/tenants/types";
import { listTenantChanges } from "@/lib/tenants/changes";
import { currentAnnotations } from "@/lib/tenants/query/current";
import { tenantRows } from "@/lib/tenants/query/response";
import { getSnapshot } from "@/lib/tenants/snapshot";
import {
  TENANT_PAGE_SIZE,
  tenantDetailOptions,
  tenantsPageOptions,
  type ExplorerDataSource,
  type TenantsPage,
} from "./tenants";

// Server-side prefetch for the explorer and the tenant page: the same query keys the client uses,
// filled from the in-memory snapshot directly (no HTTP round trip to ourselves). The page has
// already checked the session. Anything that fails here is left to the client, which shows
// progress (first sync) or an error that says what to do.

/** The first window of `view`, so the HTML already holds rows. Never waits for a first sync. */
export async function prefetchTenantsPage(
  queryClient: QueryClient,
  source: ExplorerDataSource,
  view: TenantView,
): Promise<void> {
  try {
    const snapshot = await getSnapshot({ waitMs: 0 });
    // The same rows GET /api/tenants answers: the annotations joined.
    const annotations = await currentAnnotations();
    const result = snapshot.index.query(view, { offset: 0, limit: TENANT_PAGE_SIZE }, annotations);
    const page: TenantsPage = {
      rows: tenantRows(result),
      total: result.total,
      totalAll: result.totalAll,
      facets: result.facets,
      groups: result.groups,
      offset: 0,
      limit: TENANT_PAGE_SIZE,
      snapshot: { id: snapshot.id, takenAt: snapshot.takenAt },
      view,
    };
    queryClient.setQueryData(tenantsPageOptions(source, view, 0).queryKey, page);
  } catch {
    // First sync still running, or storage unavailable: the client asks the API itself.
  }
}

/** A tenant and its history; false when the snapshot has no such tenant. */
export async function prefetchTenantDetail(
  queryClient: QueryClient,
  source: ExplorerDataSource,
  id: string,
): Promise<boolean | null> {
  try {
    const snapshot = await getSnapshot({ waitMs: 0 });
    const tenant = snapshot.index.get(id);
    if (!tenant) return false;
    const changes = await listTenantChanges(id);
    queryClient.setQueryData(tenantDetailOptions(source, id).queryKey, { tenant, changes });
    return true;
  } catch {
    return null;
  }
}
