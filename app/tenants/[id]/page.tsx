import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppHeader } from "@/components/layout/app-header";
import { MainNav } from "@/components/layout/main-nav";
import { NowProvider } from "@/components/providers/now-provider";
import { requestTime } from "@/components/providers/request-time";
import { displayName } from "@/components/tenants/format";
import { TenantPageBody } from "@/components/tenants/tenant-page-body";
import { getQueryClient } from "@/lib/api-client/get-query-client";
import { prefetchTenantDetail } from "@/lib/api-client/server-prefetch";
import { ORG_DATA_SOURCE } from "@/lib/api-client/tenants";
import { getCurrentSession, requireUser } from "@/lib/auth/session";
import { getSnapshot } from "@/lib/tenants/snapshot";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

/** The tab names the tenant ("Acme Prod · Tenant Atlas"), for someone who may see it. */
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const { user } = await getCurrentSession();
  if (!user) return { title: "Tenant" };
  try {
    const tenant = (await getSnapshot({ waitMs: 0 })).index.get(id);
    return { title: tenant ? displayName(tenant.name).trim() : "No such tenant" };
  } catch {
    return { title: "Tenant" }; // no snapshot yet: the page shows the first sync's progress
  }
}

// /tenants/{id} – one tenant on its own page (the same component as the explorer's side panel).
export default async function TenantPage({ params }: { params: Params }) {
  const { id } = await params;
  const user = await requireUser(`/tenants/${encodeURIComponent(id)}`);
  const queryClient = getQueryClient();
  const found = await prefetchTenantDetail(queryClient, ORG_DATA_SOURCE, id);
  if (found === false) notFound();

  return (
    <>
      <AppHeader>
        <MainNav current={null} />
      </AppHeader>
      <main className="mx-auto w-full max-w-3xl px-4 py-6">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <NowProvider initialNow={requestTime()}>
            <TenantPageBody
              source={ORG_DATA_SOURCE}
              tenantId={id}
              canEdit={user.role === "admin"}
            />
          </NowProvider>
        </HydrationBoundary>
      </main>
    </>
  );
}
