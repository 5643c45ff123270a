import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { NowProvider } from "@/components/providers/now-provider";
import { requestTime } from "@/components/providers/request-time";
import { SharePageHeader } from "@/components/shares/share-page-header";
import { ShareRateLimited } from "@/components/shares/share-rate-limited";
import { ShareUnavailable } from "@/components/shares/share-unavailable";
import { SharedView } from "@/components/shares/shared-view";
import { getCurrentSession } from "@/lib/auth/session";
import { openShareForPage } from "@/lib/shares";
import { startingSearch } from "./starting-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Shared view",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type Params = Promise<{ token: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function searchOf(params: Record<string, string | string[] | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) qs.append(k, value);
  return qs.toString();
}

// /s/{token} – a read-only share link: the explorer within the link's scope and columns, no way
// into the rest of the app. The proxy lets every visitor through; the link's access rule is
// applied here (and again by each /api/s/ request).
export default async function SharedViewPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { token } = await params;
  const search = searchOf(await searchParams);
  const here = `/s/${encodeURIComponent(token)}`;
  const opened = await openShareForPage(token, { session: await getCurrentSession() });

  if (opened.kind === "not_found") notFound();
  if (opened.kind === "sign_in_required")
    redirect(`/signin?callbackUrl=${encodeURIComponent(search ? `${here}?${search}` : here)}`);
  if (opened.kind === "rate_limited")
    return <ShareRateLimited retryAfterSeconds={opened.retryAfterSeconds} />;
  if (opened.kind !== "ok")
    return <ShareUnavailable reason={opened.kind} contact={opened.contact} />;

  // A bare link starts where the sharer was: their grouping and sort, in the URL like any view.
  const start = search ? "" : startingSearch(opened.share.view);
  if (start) redirect(`${here}?${start}`);

  return (
    <>
      <SharePageHeader />
      <main>
        <NowProvider initialNow={requestTime()}>
          <SharedView token={token} share={opened.share} />
        </NowProvider>
      </main>
    </>
  );
}
