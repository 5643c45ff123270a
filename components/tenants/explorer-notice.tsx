"use client";

import { Info, X } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";
import { describeIgnored, type IgnoredParam } from "./explorer-url";

/** Parts of the link that could not be used, each in plain words; the rest of the view works. */
export function ExplorerNotice({
  ignored,
  onDismiss,
}: {
  ignored: readonly IgnoredParam[];
  onDismiss: () => void;
}) {
  if (ignored.length === 0) return null;
  return (
    <div
      role="status"
      data-testid="view-notice"
      className="flex items-start gap-3 rounded-lg border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-50"
    >
      <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 flex-1">
        <p className="font-semibold">
          {ignored.length === 1
            ? "One setting in this link could not be used, so it was left out:"
            : "Some settings in this link could not be used, so they were left out:"}
        </p>
        <ul className="mt-1 grid gap-0.5 break-words">
          {ignored.map((item) => (
            <li key={`${item.param}:${item.value}`} data-testid="view-notice-item">
              {describeIgnored(item)}
            </li>
          ))}
        </ul>
      </div>
      <button
        type="button"
        onClick={onDismiss}
        aria-label="Dismiss this notice"
        className={cn(
          "inline-flex size-7 shrink-0 items-center justify-center rounded-md hover:bg-sky-100 dark:hover:bg-sky-900",
          focusRing,
        )}
      >
        <X aria-hidden className="size-4" />
      </button>
    </div>
  );
}
