import type { Metadata } from "next";
import { AppHeader } from "@/components/layout/app-header";
import { MainNav } from "@/components/layout/main-nav";
import { ChangeFeed } from "@/components/changes/change-feed";
import { SyncExplainer } from "@/components/changes/sync-explainer";
import { NowProvider } from "@/components/providers/now-provider";
import { requestTime } from "@/components/providers/request-time";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Changes" };

// /changes – the change feed: tenants added, removed, renamed, moved or changed status between
// syncs, under an explanation of when checks run (and "Refresh now" for admins).
export default async function ChangesPage() {
  const user = await requireUser("/changes");
  return (
    <>
      <AppHeader>
        <MainNav current="/changes" />
      </AppHeader>
      <main className="mx-auto grid w-full max-w-screen-xl gap-4 px-4 py-6">
        <h1 className="text-xl font-semibold">Changes</h1>
        <NowProvider initialNow={requestTime()}>
          <SyncExplainer
            intervalMinutes={getEnv().SYNC_INTERVAL_MINUTES}
            canRefresh={user.role === "admin"}
          />
          <ChangeFeed />
        </NowProvider>
      </main>
    </>
  );
}
