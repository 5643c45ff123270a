import { Lock } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";

/** An admin page for someone who is not an admin: what the page is, and who can use it. */
export function AdminsOnly({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main
      className="mx-auto flex max-w-lg flex-col items-center gap-3 px-4 py-16 text-center"
      data-testid="admins-only"
    >
      <Lock aria-hidden className="size-8 text-zinc-600 dark:text-zinc-400" />
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{children}</p>
      <Link
        href="/"
        className={cn(
          "rounded-sm text-sm font-medium text-sky-800 underline dark:text-sky-300",
          focusRing,
        )}
      >
        Back to all tenants
      </Link>
    </main>
  );
}
