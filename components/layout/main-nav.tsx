import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";

const LINKS = [
  { href: "/", label: "Tenants" },
  { href: "/changes", label: "Changes" },
] as const;

/** The app's sections, for the header's page-controls slot. */
export function MainNav({ current }: { current: "/" | "/changes" | null }) {
  return (
    <nav aria-label="Sections" className="flex items-center gap-1">
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
    </nav>
  );
}
