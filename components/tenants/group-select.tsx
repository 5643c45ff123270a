"use client";

import { useId } from "react";
import { GROUP_MODES, type GroupMode } from "@/lib/tenants/types";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";

export const GROUP_LABELS: Record<GroupMode, string> = {
  none: "No grouping",
  region: "Region",
  subscription: "Subscription",
  "region,subscription": "Region → Subscription",
  "subscription,region": "Subscription → Region",
};

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
