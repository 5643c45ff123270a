import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";
import { getCurrentSession } from "@/lib/auth/session";
import { SectionMenu } from "./section-menu";

/** `admin`: shown to admins only (the pages themselves refuse everyone else too). */
const ALL_LINKS = [
  { href: "/", label: "Tenants", admin: false },
  { href: "/changes", label: "Changes", admin: false },
  { href: "/shares", label: "Shares", admin: false },
  { href: "/alerts", label: "Alerts", admin: true },
  { href: "/annotations/import", label: "Import annotations", admin: true },
] as const;

/**
 * The app's sections, for the header's page-controls slot: links, or one menu on a phone. A server
 * component: it reads the session (once per request) to leave out the admins' sections.
 */
export async function MainNav({ current }: { current: (typeof ALL_LINKS)[number]["href"] | null }) {
  const { user } = await getCurrentSession();
  const LINKS = ALL_LINKS.filter((link) => !link.admin || user?.role === "admin");
  return (
    <nav aria-label="Sections" className="flex min-w-0 items-center gap-1">
      <div className="hidden items-center gap-1 sm:flex">
        {LINKS.map((link) => (
          <Link
            key={link.href}
            href={link.href}
            aria-current={current === link.href ? "page" : undefined}
            className={cn(
              "rounded-md px-2.5 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
              current === link.href && "bg-zinc-100 text-zinc-950 dark:bg-zinc-800 dark:text-white",
              focusRing,
            )}
          >
            {link.label}
          </Link>
        ))}
      </div>
      <div className="min-w-0 sm:hidden">
        <SectionMenu links={LINKS} current={current} />
      </div>
    </nav>
  );
}
