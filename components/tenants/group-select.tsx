"use client";

import { useId } from "react";
import { GROUP_MODES, type GroupMode } from "@/lib/tenants/types";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";

const LEVEL_LABELS: Record<string, string> = {
  region: "Region",
  subscription: "Subscription",
  owner: "Owner",
  tag: "Tag",
};

/** "Region → Subscription"; a level this file does not know shows its name. */
function groupLabel(mode: string): string {
  if (mode === "none") return "No grouping";
  return mode
    .split(",")
    .map((level) => LEVEL_LABELS[level] ?? level)
    .join(" → ");
}

export const GROUP_LABELS = Object.fromEntries(
  GROUP_MODES.map((mode) => [mode, groupLabel(mode)]),
) as Record<GroupMode, string>;

export function GroupSelect({
  value,
  onChange,
  options = GROUP_MODES,
}: {
  value: GroupMode;
  onChange: (mode: GroupMode) => void;
  /** The groupings offered (a share link hides those by a field it does not show). */
  options?: readonly GroupMode[];
}) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-zinc-700 dark:text-zinc-300">
        Group by
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as GroupMode)}
        data-testid="group-select"
        className={cn(
          "h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
          focusRing,
        )}
      >
        {options.map((mode) => (
          <option key={mode} value={mode}>
            {GROUP_LABELS[mode]}
          </option>
        ))}
      </select>
    </div>
  );
}
