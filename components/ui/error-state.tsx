"use client";

import { AlertCircle } from "lucide-react";
import { errorAdvice } from "@/lib/api-client/fetch-json";
import { Button } from "./button";

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
