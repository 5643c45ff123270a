import type { Metadata } from "next";
import { AppHeader } from "@/components/layout/app-header";
import { MainNav } from "@/components/layout/main-nav";
import { ChangeFeed } from "@/components/changes/change-feed";
import { NowProvider } from "@/components/providers/now-provider";
import { requestTime } from "@/components/providers/request-time";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Changes" };

// /changes – the change feed: tenants added, removed, renamed, moved or changed status between syncs.
export default async function ChangesPage() {
  await requireUser("/changes");
  return (
    <>
      <AppHeader>
        <MainNav current="/changes" />
      </AppHeader>
      <main className="mx-auto w-full max-w-screen-xl px-4 py-6">
        <h1 className="mb-4 text-xl font-semibold">Changes</h1>
        <NowProvider initialNow={requestTime()}>
          <ChangeFeed />
        </NowProvider>
      </main>
    </>
  );
}
