"use client";

import { useId } from "react";
import type { GroupMode } from "@/lib/tenants/types";
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
}: {
  value: GroupMode;
  onChange: (mode: GroupMode) => void;
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
        {(Object.keys(GROUP_LABELS) as GroupMode[]).map((mode) => (
          <option key={mode} value={mode}>
            {GROUP_LABELS[mode]}
          </option>
        ))}
      </select>
    </div>
  );
}
