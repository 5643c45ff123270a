import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { focusRing } from "@/components/auth/styles";
import { getEnv } from "@/lib/config/env";
import { isDemoMode } from "@/lib/auth/demo";
import { getCurrentSession } from "@/lib/auth/session";

/**
 * The bar at the top of every signed-in page: app name, optional page controls (`children`), a demo
 * marker in demo mode, and the user menu. A server component: it reads the session itself, so a
 * page only writes `<AppHeader />`.
 */
export async function AppHeader({ children }: { children?: ReactNode }) {
  const { user } = await getCurrentSession();
  const demo = isDemoMode(getEnv());
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      {/* One line at every width: the middle shrinks (min-w-0) so the account button stays in. */}
      <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-2 px-4 sm:gap-4">
        <Link
          href="/"
          className={`shrink-0 rounded-sm font-semibold tracking-tight whitespace-nowrap ${focusRing}`}
        >
          Tenant Atlas
        </Link>
        {demo ? (
          <span className="shrink-0 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            Demo<span className="hidden sm:inline"> data</span>
          </span>
        ) : null}
        <div className="flex min-w-0 flex-1 items-center gap-2">{children}</div>
        {user ? (
          <div className="shrink-0">
            <UserMenu user={{ name: user.name, email: user.email, role: user.role }} />
          </div>
        ) : null}
      </div>
    </header>
  );
}
