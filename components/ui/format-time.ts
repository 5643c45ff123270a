// Dates and times as the UI shows them. Everything returned is plain text.

/** "2024-03-05 14:22:01 UTC" */
export function formatUtc(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** "5 Mar 2024" in UTC, for dates where the time of day does not matter (license periods). */
export function formatUtcDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(ms);
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 months ago", "in 12 days", "just now". */
export function formatRelative(iso: string, now: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return "just now";
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === "minute") return relative.format(Math.round(diff / size), unit);
  }
  return "just now";
}

const DAY_MS = 86_400_000;

/** Days from `now` until `iso` (negative when past), or null. */
export function daysUntil(iso: string | null, now: number): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor((ms - now) / DAY_MS);
}
