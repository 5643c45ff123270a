"use client";

import { useNow } from "@/components/providers/now-provider";
import { formatRelative, formatUtc } from "./format-time";

/** "3 months ago", with the exact UTC time on hover and for assistive technology. */
export function RelativeTime({ iso, className }: { iso: string | null; className?: string }) {
  const now = useNow();
  if (!iso) return <span className={className}>—</span>;
  const exact = formatUtc(iso);
  return (
    <time dateTime={iso} title={exact} className={className}>
      {formatRelative(iso, now)}
    </time>
  );
}
