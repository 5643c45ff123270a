"use client";

import { signOut } from "./sign-out";
import { DropdownMenu } from "radix-ui";
import { ChevronDown, LogOut } from "lucide-react";
import type { Role } from "@/lib/auth/principal";
import { RoleBadge } from "./role-badge";
import { focusRing } from "./styles";

export type UserMenuUser = { name: string; email: string; role: Role };

function initials(name: string): string {
  const parts = name
    .replace(/@.*/, "")
    .split(/[\s._-]+/)
    .filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}

/** The signed-in person, their role, and sign out; a Radix menu, so it works from the keyboard. */
export function UserMenu({ user }: { user: UserMenuUser }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className={`inline-flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 ${focusRing}`}
        aria-label={`Account: ${user.name} (${user.role})`}
      >
        <span
          aria-hidden
          className="flex size-7 items-center justify-center rounded-full bg-sky-700 text-xs font-semibold text-white dark:bg-sky-700"
        >
          {initials(user.name)}
        </span>
        <span className="hidden max-w-40 truncate sm:inline">{user.name}</span>
        <ChevronDown aria-hidden className="size-4 text-zinc-500" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-lg border border-zinc-200 bg-white p-1 text-sm shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
        >
          <DropdownMenu.Label className="px-3 py-2">
            <span className="block font-medium" data-testid="user-name">
              {user.name}
            </span>
            <span
              className="block truncate text-zinc-600 dark:text-zinc-400"
              data-testid="user-email"
            >
              {user.email}
            </span>
            <span className="mt-2 block">
              <RoleBadge role={user.role} />
            </span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-200 dark:bg-zinc-800" />
          <DropdownMenu.Item
            className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 outline-none select-none data-[highlighted]:bg-zinc-100 dark:data-[highlighted]:bg-zinc-800"
            onSelect={() => void signOut({ callbackUrl: "/signin" })}
          >
            <LogOut aria-hidden className="size-4" />
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
