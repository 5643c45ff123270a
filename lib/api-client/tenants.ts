// Query keys and queryOptions for the tenants API, shared by the server prefetch (app/page.tsx,
// app/tenants/[id]) and the client hooks, so both address the same cache entries.
import { queryOptions } from "@tanstack/react-query";
import type { Tenant, TenantsResponse, TenantView } from "@/lib/tenants/types";
import type { ChangeFeedEntry } from "@/lib/annotations/feed";
import { viewKey, viewToSearchParams } from "@/lib/tenants/view-codec";
import { fetchJson } from "./fetch-json";

/** Rows per request: a screenful and a half, so a keystroke fetches little. */
export const TENANT_PAGE_SIZE = 100;

/** Where the explorer gets its data; a plain object, as it crosses from server to client. */
export interface ExplorerDataSource {
  /** Separates the caches of different sources, e.g. "org". */
  id: string;
  /** Answers view params with a TenantsResponse. */
  tenantsUrl: string;
  /** `${tenantUrl}/${id}` answers `{ tenant, changes }`; null when details are not offered. */
  tenantUrl: string | null;
  /** GET: sync state to poll for freshness; null when the source has none (snapshot info only). */
  syncUrl: string | null;
}

export const ORG_DATA_SOURCE: ExplorerDataSource = {
  id: "org",
  tenantsUrl: "/api/tenants",
  tenantUrl: "/api/tenants",
  syncUrl: "/api/sync",
};

/** A TenantsResponse plus the (user's) view it answers, so a kept placeholder says what it shows. */
export type TenantsPage = TenantsResponse & { view: TenantView };

export interface TenantDetailResponse {
  tenant: Tenant;
  /**
   * Absent where the source offers no history (a share link). A subscription move carries the
   * subscriptions' names, as in the change feed.
   */
  changes?: ChangeFeedEntry[];
}

export const tenantKeys = {
  all: ["tenants"] as const,
  source: (sourceId: string) => ["tenants", sourceId] as const,
  page: (sourceId: string, view: TenantView, offset: number, limit: number) =>
    ["tenants", sourceId, "page", viewKey(view), offset, limit] as const,
  detail: (sourceId: string, id: string) => ["tenants", sourceId, "detail", id] as const,
};

export function tenantsPageUrl(
  source: ExplorerDataSource,
  view: TenantView,
  offset: number,
  limit = TENANT_PAGE_SIZE,
): string {
  const params = viewToSearchParams(view, { offset, limit });
  const qs = params.toString();
  return qs ? `${source.tenantsUrl}?${qs}` : source.tenantsUrl;
}

/**
 * One window of rows (and the view's totals, facets and groups) at `offset`. A scoped source (a
 * share link) narrows the view on the server, so the client never needs to know the scope.
 */
export function tenantsPageOptions(
  source: ExplorerDataSource,
  view: TenantView,
  offset: number,
  limit = TENANT_PAGE_SIZE,
) {
  return queryOptions({
    queryKey: tenantKeys.page(source.id, view, offset, limit),
    queryFn: async ({ signal }): Promise<TenantsPage> => {
      const url = tenantsPageUrl(source, view, offset, limit);
      return { ...(await fetchJson<TenantsResponse>(url, { signal })), view };
    },
  });
}

export function tenantDetailOptions(source: ExplorerDataSource, id: string) {
  return queryOptions({
    queryKey: tenantKeys.detail(source.id, id),
    queryFn: ({ signal }) => {
      if (!source.tenantUrl) throw new Error("This view does not offer tenant details.");
      return fetchJson<TenantDetailResponse>(`${source.tenantUrl}/${encodeURIComponent(id)}`, {
        signal,
      });
    },
  });
}
