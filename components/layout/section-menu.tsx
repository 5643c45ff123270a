"use client";

import { ChevronDown } from "lucide-react";
import Link from "next/link";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";

/** Phones: the sections as one menu named after the current one, so the header fits one line. */
export function SectionMenu({
  links,
  current,
}: {
  links: readonly { href: string; label: string }[];
  current: string | null;
}) {
  const here = links.find((l) => l.href === current);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={cn(
          "inline-flex h-8 min-w-0 items-center gap-1 rounded-md px-2 text-sm font-medium text-zinc-800 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800",
          focusRing,
        )}
        aria-label={here ? `Sections: ${here.label}` : "Sections"}
        data-testid="section-menu"
      >
        <span className="truncate">{here?.label ?? "Sections"}</span>
        <ChevronDown aria-hidden className="size-4 shrink-0 opacity-70" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="min-w-40">
        {links.map((link) => (
          <DropdownMenuItem key={link.href} asChild className="pl-3">
            <Link href={link.href} aria-current={current === link.href ? "page" : undefined}>
              {link.label}
            </Link>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
