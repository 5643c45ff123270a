"use client";

// When a tenant's license ends, as the table and the phone cards show it. Three states, each told
// by an icon and words, never by colour alone: ended ("Ended 2 mo. ago", the strongest; short so it
// fits the column), ending within LICENSE_SOON_DAYS (a warning sign and "in 12 days"), or a plain
// relative date.
import { CalendarX2, TriangleAlert } from "lucide-react";
import { useNow } from "@/components/providers/now-provider";
import { cn } from "@/components/ui/cn";
import { daysUntil, formatRelative, formatUtc } from "@/components/ui/format-time";
import { RelativeTime } from "@/components/ui/relative-time";

export const LICENSE_SOON_DAYS = 30;

export type LicenseState = "ended" | "soon" | "later" | "none";

export function licenseState(iso: string | null, now: number): LicenseState {
  const days = daysUntil(iso, now);
  if (days === null) return "none";
  if (Date.parse(iso as string) < now) return "ended";
  return days <= LICENSE_SOON_DAYS ? "soon" : "later";
}

export function LicenseEnds({ iso, className }: { iso: string | null; className?: string }) {
  const now = useNow();
  const state = licenseState(iso, now);
  if (state === "ended")
    return (
      <time
        dateTime={iso as string}
        title={`License ended ${formatUtc(iso as string)}`}
        data-license="ended"
        className={cn(
          "inline-flex max-w-full items-center gap-1 font-semibold text-rose-800 dark:text-rose-300",
          className,
        )}
      >
        <CalendarX2 aria-hidden className="size-3.5 shrink-0" />
        <span aria-hidden className="truncate">
          Ended {formatRelative(iso as string, now, { short: true })}
        </span>
        <span className="sr-only">License ended {formatRelative(iso as string, now)}</span>
      </time>
    );
  if (state === "soon")
    return (
      <span data-license="soon" className={cn("inline-flex items-center gap-1", className)}>
        <TriangleAlert
          role="img"
          aria-label={`Ends within ${LICENSE_SOON_DAYS} days`}
          className="size-3.5 shrink-0 text-amber-700 dark:text-amber-400"
        />
        <RelativeTime iso={iso} />
      </span>
    );
  return <RelativeTime iso={iso} className={className} />;
}
