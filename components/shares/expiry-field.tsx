"use client";

import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";
import { Input } from "@/components/ui/input";
import { dateBounds, EXPIRY_CHOICES, MAX_EXPIRY_DAYS, type ExpiryChoice } from "./share-expiry";

export const selectClass = cn(
  "block h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
  focusRing,
);

/** "Expires": a preset, or a date with its own input; "Never" only where `allowNever`. */
export function ExpiryField({
  choice,
  day,
  onChange,
  allowNever,
  now,
  error,
  label = "Expires after",
}: {
  choice: ExpiryChoice;
  day: string;
  onChange: (next: { choice: ExpiryChoice; day: string }) => void;
  allowNever: boolean;
  now: number;
  /** Shown under the date input (e.g. "Choose a date"). */
  error?: string | null;
  label?: string;
}) {
  const id = useId();
  const bounds = dateBounds(now);
  const choices = EXPIRY_CHOICES.filter((c) => allowNever || c.value !== "never");
  const hint =
    choice === "never"
      ? "The link works until someone revokes it."
      : choice === "date"
        ? `The link stops at the end of that day (your time), at most ${MAX_EXPIRY_DAYS} days from now.`
        : null;
  return (
    <div className="grid gap-1.5">
      <label htmlFor={`${id}-choice`} className="text-sm font-medium">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <select
          id={`${id}-choice`}
          className={selectClass}
          value={choice}
          onChange={(e) => onChange({ choice: e.target.value as ExpiryChoice, day })}
          aria-describedby={hint ? `${id}-hint` : undefined}
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        {choice === "date" ? (
          <>
            <label htmlFor={`${id}-day`} className="sr-only">
              Expiry date
            </label>
            <Input
              id={`${id}-day`}
              type="date"
              min={bounds.min}
              max={bounds.max}
              value={day}
              onChange={(e) => onChange({ choice, day: e.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
              required
            />
          </>
        ) : null}
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-700 dark:text-zinc-300">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
