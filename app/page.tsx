import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { AppHeader } from "@/components/layout/app-header";
import { MainNav } from "@/components/layout/main-nav";
import { NowProvider } from "@/components/providers/now-provider";
import { requestTime } from "@/components/providers/request-time";
import { EXPLORER_EXTRA_PARAMS } from "@/components/tenants/explorer-url";
import { TenantExplorer } from "@/components/tenants/tenant-explorer";
import { getQueryClient } from "@/lib/api-client/get-query-client";
import { prefetchTenantDetail, prefetchTenantsPage } from "@/lib/api-client/server-prefetch";
import { ORG_DATA_SOURCE } from "@/lib/api-client/tenants";
import { requireUser } from "@/lib/auth/session";
import { parseViewParams } from "@/lib/tenants/view-params";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function callbackPath(params: Record<string, string | string[] | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) qs.append(k, value);
  const s = qs.toString();
  return s ? `/?${s}` : "/";
}

// / – the tenant explorer. Signed-in users with a role only (others go to /signin or /no-access).
// The first window of the URL's view is rendered on the server; the rest loads as the user scrolls.
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await requireUser(callbackPath(params));

  const queryClient = getQueryClient();
  let view = null;
  try {
    view = parseViewParams(params, { allowExtra: EXPLORER_EXTRA_PARAMS }).view;
  } catch {
    // A link with a setting we cannot read: the explorer says which and offers a reset.
  }
  const tenant = typeof params.tenant === "string" ? params.tenant : null;
  await Promise.all([
    view ? prefetchTenantsPage(queryClient, ORG_DATA_SOURCE, view) : null,
    // A shared link with the details panel open shows it without a loading flash.
    tenant ? prefetchTenantDetail(queryClient, ORG_DATA_SOURCE, tenant) : null,
  ]);

  return (
    <>
      <AppHeader>
        <MainNav current="/" />
      </AppHeader>
      <main>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <NowProvider initialNow={requestTime()}>
            <TenantExplorer dataSource={ORG_DATA_SOURCE} canRefresh={user.role === "admin"} />
          </NowProvider>
        </HydrationBoundary>
      </main>
    </>
  );
}
