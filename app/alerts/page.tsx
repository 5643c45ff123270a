import type { Metadata } from "next";
import { AlertsManager, type NewRuleRequest } from "@/components/alerts/alerts-manager";
import { AdminsOnly } from "@/components/auth/admins-only";
import { AppHeader } from "@/components/layout/app-header";
import { MainNav } from "@/components/layout/main-nav";
import { NowProvider } from "@/components/providers/now-provider";
import { requestTime } from "@/components/providers/request-time";
import { MAX_LICENSE_DAYS, MIN_LICENSE_DAYS } from "@/lib/alerts/types";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alerts" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `?new=1&scope=<view filters>&days=<N>|trigger=deletionScheduled` from "Alert on this view…". */
function newRuleRequest(
  params: Record<string, string | string[] | undefined>,
): NewRuleRequest | null {
  if (one(params.new) !== "1") return null;
  const scope = (one(params.scope) ?? "").slice(0, 4000);
  const days = Number(one(params.days));
  if (Number.isInteger(days) && days >= MIN_LICENSE_DAYS && days <= MAX_LICENSE_DAYS)
    return { scope, trigger: { kind: "licenseEndsWithin", days } };
  if (one(params.trigger) === "deletionScheduled")
    return { scope, trigger: { kind: "deletionScheduled" } };
  return { scope, trigger: null };
}

// /alerts – admins: rules that tell webhooks and email recipients about license ends, scheduled
// deletions and tenant changes, with each rule's delivery log.
export default async function AlertsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/alerts");
  if (user.role !== "admin")
    return (
      <>
        <AppHeader>
          <MainNav current={null} />
        </AppHeader>
        <AdminsOnly title="Alerts are for admins">
          Alert rules send messages about the organization&apos;s tenants to webhooks and email, so
          only Tenant Atlas admins can see and change them. Ask an admin if you want to be told
          about a view.
        </AdminsOnly>
      </>
    );
  const newRule = newRuleRequest(await searchParams);
  return (
    <>
      <AppHeader>
        <MainNav current="/alerts" />
      </AppHeader>
      <main className="mx-auto w-full max-w-screen-2xl px-4 py-6">
        <h1 className="mb-2 text-xl font-semibold">Alerts</h1>
        <NowProvider initialNow={requestTime()}>
          <AlertsManager newRule={newRule} />
        </NowProvider>
      </main>
    </>
  );
}
