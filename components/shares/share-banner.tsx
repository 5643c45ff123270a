"use client";

import { Link2 } from "lucide-react";
import { useNow } from "@/components/providers/now-provider";
import { formatRelative, formatUtc } from "@/components/ui/format-time";

/** "Shared by Ada · expires in 6 days · data as of 4 minutes ago", ticking with the page clock. */
export function ShareBanner({
  sharedBy,
  expiresAt,
  takenAt,
}: {
  sharedBy: string;
  expiresAt: string | null;
  takenAt: string | null;
}) {
  const now = useNow();
  return (
    <p
      className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100"
      data-testid="share-banner"
    >
      <Link2 aria-hidden className="size-4 shrink-0" />
      <span>
        Shared by <strong className="font-semibold">{sharedBy}</strong>
      </span>
      <span aria-hidden> · </span>
      <span data-testid="share-expiry">
        {expiresAt ? (
          <>
            expires{" "}
            <time dateTime={expiresAt} title={formatUtc(expiresAt)}>
              {formatRelative(expiresAt, now)}
            </time>
          </>
        ) : (
          "never expires"
        )}
      </span>
      <span aria-hidden> · </span>
      <span data-testid="freshness">
        {takenAt ? (
          <>
            data as of{" "}
            <time dateTime={takenAt} title={formatUtc(takenAt)} data-testid="data-as-of">
              {formatRelative(takenAt, now)}
            </time>
          </>
        ) : (
          "no data yet"
        )}
      </span>
    </p>
  );
}
