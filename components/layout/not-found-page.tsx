import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";
import { getCurrentSession } from "@/lib/auth/session";
import { AppHeader } from "./app-header";
import { MainNav } from "./main-nav";

/**
 * A "not found" answer inside the app's frame: the header (with the sections and the way back for
 * someone who may use the app), a heading and what to do. Used by app/not-found.tsx and the
 * segments' own not-found pages.
 */
export async function NotFoundPage({ title, children }: { title: string; children: ReactNode }) {
  const { user } = await getCurrentSession();
  return (
    <>
      <AppHeader>{user ? <MainNav current={null} /> : null}</AppHeader>
      <main
        className="mx-auto flex max-w-lg flex-col items-center gap-3 px-4 py-16 text-center"
        data-testid="not-found"
      >
        <h1 className="text-xl font-semibold">{title}</h1>
        <div className="grid gap-2 text-sm text-zinc-700 dark:text-zinc-300">{children}</div>
        {user ? (
          <Link
            href="/"
            className={cn(
              "rounded-sm text-sm font-medium text-sky-800 underline dark:text-sky-300",
              focusRing,
            )}
          >
            Back to all tenants
          </Link>
        ) : null}
      </main>
    </>
  );
}
