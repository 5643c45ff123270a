import type { Metadata } from "next";
import { AppHeader } from "@/components/layout/app-header";
import { MainNav } from "@/components/layout/main-nav";
import { NowProvider } from "@/components/providers/now-provider";
import { requestTime } from "@/components/providers/request-time";
import { SharesManager } from "@/components/shares/shares-manager";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shares" };

// /shares – read-only share links: a viewer's own, or every link for an admin; revoke and change them.
export default async function SharesPage() {
  const user = await requireUser("/shares");
  return (
    <>
      <AppHeader>
        <MainNav current="/shares" />
      </AppHeader>
      <main className="mx-auto w-full max-w-screen-2xl px-4 py-6">
        <h1 className="mb-2 text-xl font-semibold">Share links</h1>
        <NowProvider initialNow={requestTime()}>
          <SharesManager isAdmin={user.role === "admin"} />
        </NowProvider>
      </main>
    </>
  );
}
