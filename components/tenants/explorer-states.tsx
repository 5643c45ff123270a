"use client";

import { AlertCircle, SearchX } from "lucide-react";
import type { ReactNode } from "react";
import { errorAdvice } from "@/lib/query/fetch-json";
import { Button } from "@/components/ui/button";

/** An error that says what happened and offers the way forward. */
export function ErrorState({
  error,
  onRetry,
  onReset,
  compact,
}: {
  error: unknown;
  onRetry?: () => void;
  onReset?: () => void;
  compact?: boolean;
}) {
  const advice = errorAdvice(error);
  return (
    <div
      role="alert"
      data-testid="error-state"
      className={
        compact
          ? "flex items-start gap-3 rounded-lg border border-rose-300 bg-rose-50 p-3 text-sm text-rose-950 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100"
          : "mx-auto flex max-w-lg flex-col items-center gap-3 px-4 py-12 text-center"
      }
    >
      <AlertCircle
        aria-hidden
        className={compact ? "mt-0.5 size-4 shrink-0" : "size-8 text-rose-700 dark:text-rose-400"}
      />
      <div className="grid gap-1">
        <p className="font-semibold">{advice.title}</p>
        <p className="text-sm">{advice.message}</p>
        <div className="mt-2 flex flex-wrap justify-center gap-2">
          {advice.action === "retry" && onRetry ? (
            <Button size="sm" onClick={onRetry}>
              Try again
            </Button>
          ) : null}
          {advice.action === "reset" && onReset ? (
            <Button size="sm" onClick={onReset}>
              Reset the view
            </Button>
          ) : null}
          {advice.action === "signin" ? (
            <Button asChild size="sm" variant="primary">
              <a
                href={`/signin?callbackUrl=${encodeURIComponent(typeof window === "undefined" ? "/" : window.location.pathname + window.location.search)}`}
              >
                Sign in again
              </a>
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

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

/** Before the first snapshot: progress, not an error. */
export function FirstSyncState({ progress }: { progress: ReactNode }) {
  return (
    <div
      role="status"
      className="mx-auto flex max-w-lg flex-col items-center gap-3 px-4 py-16 text-center"
      data-testid="first-sync"
    >
      <span
        aria-hidden
        className="size-8 animate-spin rounded-full border-4 border-zinc-200 border-t-sky-600 motion-reduce:animate-none dark:border-zinc-800 dark:border-t-sky-500"
      />
      <p className="font-semibold">Reading your organization&apos;s tenants from Qlik Cloud…</p>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{progress}</p>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        The explorer opens as soon as the first sync finishes.
      </p>
    </div>
  );
}
