import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";
import { SectionMenu } from "./section-menu";

const LINKS = [
  { href: "/", label: "Tenants" },
  { href: "/changes", label: "Changes" },
  { href: "/shares", label: "Shares" },
] as const;

/** The app's sections, for the header's page-controls slot: links, or one menu on a phone. */
export function MainNav({ current }: { current: (typeof LINKS)[number]["href"] | null }) {
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
