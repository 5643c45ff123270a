"use client";

import { SearchX } from "lucide-react";
import { Button } from "./button";

/** A list with nothing to show: either the filters match nothing, or there is nothing yet. */
export function EmptyState({
  filtered,
  onClear,
  noun = "tenant",
}: {
  filtered: boolean;
  onClear: () => void;
  /** What the list holds: "No tenant matches these filters". */
  noun?: string;
}) {
  return (
    <div
      className="flex flex-col items-center gap-3 px-4 py-16 text-center"
      data-testid="empty-state"
    >
      <SearchX aria-hidden className="size-8 text-zinc-600 dark:text-zinc-400" />
      {filtered ? (
        <>
          <p className="font-semibold">No {noun} matches these filters</p>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {noun === "tenant"
              ? "Try a shorter search, or clear the filters to see every tenant."
              : `Clear the filters to see every ${noun}.`}
          </p>
          <Button variant="primary" size="sm" onClick={onClear}>
            Clear filters
          </Button>
        </>
      ) : (
        <>
          <p className="font-semibold">This organization has no tenants</p>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            Tenants appear here after the next sync finds them.
          </p>
        </>
      )}
    </div>
  );
}
