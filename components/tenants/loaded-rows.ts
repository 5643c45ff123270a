// The rows of a view the browser already holds (every window fetched so far, from the query
// cache): what "select all loaded" selects and what a shift-click range can reach. No request.
import type { QueryClient } from "@tanstack/react-query";
import type { TenantView } from "@/lib/tenants/types";
import { viewKey } from "@/lib/tenants/view-codec";
import { tenantKeys, type ExplorerDataSource, type TenantsPage } from "@/lib/api-client/tenants";

/** Tenant ids by position in the view's row order. */
export function loadedRows(
  queryClient: QueryClient,
  source: ExplorerDataSource,
  view: TenantView,
): Map<number, string> {
  const out = new Map<number, string>();
  const prefix = [...tenantKeys.source(source.id), "page", viewKey(view)];
  for (const [, page] of queryClient.getQueriesData<TenantsPage>({ queryKey: prefix })) {
    if (!page) continue;
    page.rows.forEach((row, i) => out.set(page.offset + i, row.id));
  }
  return out;
}
