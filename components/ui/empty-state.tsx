import { SearchX } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A list with nothing to show: a title that says why, advice in plain words, and the ways out
 * (`children`: buttons, chips). What to say is the caller's: only it knows what narrowed the list.
 */
export function EmptyState({
  title,
  advice,
  children,
  className,
}: {
  title: ReactNode;
  advice?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cn("flex flex-col items-center gap-3 px-4 py-12 text-center", className)}
      data-testid="empty-state"
    >
      <SearchX aria-hidden className="size-8 text-zinc-600 dark:text-zinc-400" />
      <p className="font-semibold break-words" data-testid="empty-title">
        {title}
      </p>
      {advice ? (
        <div
          className="max-w-xl text-sm text-zinc-700 dark:text-zinc-300"
          data-testid="empty-advice"
        >
          {advice}
        </div>
      ) : null}
      {children}
    </div>
  );
}
