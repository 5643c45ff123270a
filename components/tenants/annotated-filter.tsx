"use client";

// "Annotated: any / yes / no" (view param `annotated`): tenants with an owner, a tag or a note, or
// those with none of them (the ones still to be looked after).
import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";

const OPTIONS = [
  { value: "", label: "Any" },
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
] as const;

export function AnnotatedFilter({
  value,
  onChange,
  className,
}: {
  /** true: annotated only; false: not annotated only; null: either. */
  value: boolean | null;
  onChange: (value: boolean | null) => void;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <label htmlFor={id} className="text-sm text-zinc-700 dark:text-zinc-300">
        Annotated
      </label>
      <select
        id={id}
        value={value === null ? "" : value ? "yes" : "no"}
        onChange={(e) => onChange(e.target.value === "" ? null : e.target.value === "yes")}
        title="Has an owner, a tag or a note"
        data-testid="filter-annotated"
        className={cn(
          "h-8 rounded-md border bg-white px-2 text-sm text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100",
          value === null
            ? "border-zinc-300 dark:border-zinc-700"
            : "border-sky-600 dark:border-sky-500",
          focusRing,
        )}
      >
        {OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
