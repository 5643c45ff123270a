"use client";

// When Qlik starts deleting a tenant, counted down in whole days ("in 12 days", "today"), with the
// exact UTC time on hover; "started 3 days ago" once it has begun.
import { useNow } from "@/components/providers/now-provider";
import { formatUtc } from "@/components/ui/format-time";

const DAY_MS = 86_400_000;

/** "in 12 days", "in 1 day", "within a day", "started 3 days ago", "started today". */
export function deletionCountdown(iso: string, now: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const days = Math.floor(Math.abs(ms - now) / DAY_MS);
  const unit = days === 1 ? "day" : "days";
  if (ms >= now) return days === 0 ? "within a day" : `in ${days} ${unit}`;
  return days === 0 ? "started today" : `started ${days} ${unit} ago`;
}

export function DeletionCountdown({ iso, className }: { iso: string | null; className?: string }) {
  const now = useNow();
  if (!iso) return <span className={className}>—</span>;
  return (
    <time
      dateTime={iso}
      title={`Deletion starts ${formatUtc(iso)}`}
      className={className}
      data-testid="deletion-countdown"
    >
      {deletionCountdown(iso, now)}
    </time>
  );
}
