import { dehydrate, HydrationBoundary, type DehydratedState } from "@tanstack/react-query";
import { cookies, headers } from "next/headers";
import { Suspense } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { MainNav } from "@/components/layout/main-nav";
import { NowProvider } from "@/components/providers/now-provider";
import { requestTime } from "@/components/providers/request-time";
import { ExplorerSkeleton } from "@/components/tenants/explorer-skeleton";
import {
  ignoredReason,
  parseViewLeniently,
  URL_VIEW_KEYS,
  withoutIgnored,
  type IgnoredParam,
} from "@/components/tenants/explorer-url";
import { SUMMARY_COOKIE, summaryOpenFromCookie } from "@/components/tenants/summary-preference";
import { TenantExplorer } from "@/components/tenants/tenant-explorer";
import { getQueryClient } from "@/lib/api-client/get-query-client";
import { prefetchTenantDetail, prefetchTenantsPage } from "@/lib/api-client/server-prefetch";
import { ORG_DATA_SOURCE } from "@/lib/api-client/tenants";
import type { UserPrincipal } from "@/lib/auth/principal";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { getSnapshot } from "@/lib/tenants/snapshot";
import type { TenantView } from "@/lib/tenants/types";
import { unknownViewValue } from "@/lib/tenants/view-values";

export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
type SearchParams = Promise<Params>;

function callbackPath(params: Params): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) qs.append(k, value);
  const s = qs.toString();
  return s ? `/?${s}` : "/";
}

/**
 * Region, country and status values of the right form that no tenant of the snapshot has (a
 * status "bogus"): the explorer leaves them out and says so, where the API would answer 400.
 */
async function valuesNoTenantHas(view: TenantView): Promise<IgnoredParam[]> {
  try {
    const snapshot = await getSnapshot({ waitMs: 0 });
    const facets = snapshot.index.facetValues();
    const out: IgnoredParam[] = [];
    let rest = view;
    for (let unknown = unknownViewValue(rest, facets); unknown;) {
      const { param, value } = unknown;
      out.push({ param, value, reason: ignoredReason(param) });
      rest = { ...rest, [param]: rest[param].filter((v) => v !== value) };
      unknown = unknownViewValue(rest, facets);
    }
    return out;
  } catch {
    return []; // no snapshot yet: the explorer shows the first sync's progress
  }
}

/**
 * Whether the request comes from a phone (the client hint, else the user agent): the explorer then
 * renders its cards rather than its table on the server. Only a first guess: the width decides.
 */
async function phoneGuess(): Promise<boolean> {
  const h = await headers();
  const hint = h.get("sec-ch-ua-mobile");
  return hint !== null ? hint === "?1" : /\bMobi/i.test(h.get("user-agent") ?? "");
}

/** What the explorer needs from the server: the first window of the view, prefetched. */
interface LoadedExplorer {
  state: DehydratedState;
  ignoredValues: IgnoredParam[];
  phone: boolean;
}

/** Never rejects: what fails here is left to the client, which shows progress or an error. */
async function loadExplorer(params: Params): Promise<LoadedExplorer> {
  const queryClient = getQueryClient();
  const raw = Object.fromEntries(URL_VIEW_KEYS.map((k) => [k, params[k]]));
  const parsed = parseViewLeniently(raw);
  const ignoredValues = await valuesNoTenantHas(parsed.view);
  const view = withoutIgnored(parsed.view, ignoredValues);
  const tenant = typeof params.tenant === "string" ? params.tenant : null;
  const [phone] = await Promise.all([
    phoneGuess(),
    prefetchTenantsPage(queryClient, ORG_DATA_SOURCE, view),
    // A shared link with the details panel open shows it without a loading flash.
    tenant ? prefetchTenantDetail(queryClient, ORG_DATA_SOURCE, tenant) : null,
  ]);
  return { state: dehydrate(queryClient), ignoredValues, phone };
}

/** Whether `promise` settles within `ms`. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = promise.then(
    () => true as const,
    () => true as const,
  );
  return Promise.race([done, late]).finally(() => clearTimeout(timer));
}

/** The explorer with its first window of rows, rendered once the server has it. */
async function ExplorerWithData({
  loading,
  user,
  summaryOpen,
}: {
  loading: Promise<LoadedExplorer>;
  user: UserPrincipal;
  summaryOpen: boolean;
}) {
  const { state, ignoredValues, phone } = await loading;
  return (
    <HydrationBoundary state={state}>
      <NowProvider initialNow={requestTime()}>
        <TenantExplorer
          dataSource={ORG_DATA_SOURCE}
          canRefresh={user.role === "admin"}
          canEdit={user.role === "admin"}
          share={{ canNeverExpire: user.role === "admin" }}
          ignoredValues={ignoredValues}
          summaryOpen={summaryOpen}
          autoRefreshMinutes={getEnv().SYNC_INTERVAL_MINUTES}
          phoneGuess={phone}
        />
      </NowProvider>
    </HydrationBoundary>
  );
}

/**
 * An answer slower than this (a cold index after a restart, a busy server) sends the header and a
 * skeleton of the explorer first; a quicker one sends the explorer at once, so a fast load never
 * flashes a skeleton. Longer than the explorer's own in-page loading cue (150 ms): a server under
 * load answers the first window in a few hundred milliseconds and still sends the page whole.
 */
const SKELETON_AFTER_MS = 400;

// / – the tenant explorer. Signed-in users with a role only (others go to /signin or /no-access).
// The first window of the URL's view is rendered on the server (after a skeleton when it is slow);
// the rest loads as the user scrolls.
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await requireUser(callbackPath(params));
  const summaryOpen = summaryOpenFromCookie((await cookies()).get(SUMMARY_COOKIE)?.value);
  const loading = loadExplorer(params);
  const explorer = <ExplorerWithData loading={loading} user={user} summaryOpen={summaryOpen} />;
  const quick = await settlesWithin(loading, SKELETON_AFTER_MS);

  return (
    <>
      <AppHeader>
        <MainNav current="/" />
      </AppHeader>
      <main>
        {quick ? (
          explorer
        ) : (
          <Suspense fallback={<ExplorerSkeleton summaryOpen={summaryOpen} />}>{explorer}</Suspense>
        )}
      </main>
    </>
  );
}
