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

// "numeric: always": "1 day ago", never "yesterday" (which names a calendar day the interval may
// not be: 30 hours before 01:00 is the day before yesterday).
const relative = new Intl.RelativeTimeFormat("en", { numeric: "always" });
const relativeShort = new Intl.RelativeTimeFormat("en", { numeric: "always", style: "short" });
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * 86_400_000;

/**
 * Whole calendar months from `from` to `to` (from ≤ to), in UTC: a month counts once the same day
 * and time of the month is reached (31 Jan → 28 Feb is 0 months; → 3 Mar is 1).
 */
function wholeMonths(from: Date, to: Date): number {
  let months =
    (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  const sameMonth = new Date(from.getTime());
  sameMonth.setUTCMonth(from.getUTCMonth() + months);
  // setUTCMonth overflows a short month (31 Jan + 1 → 3 Mar): that month is not complete yet.
  if (sameMonth.getTime() > to.getTime() || sameMonth.getUTCDate() !== from.getUTCDate()) months--;
  return Math.max(0, months);
}

/**
 * "3 months ago", "in 12 days", "just now". The largest whole unit that fits, never rounded up:
 * 2 years and 7 months ago is "2 years ago", 23 hours from now is "in 23 hours". Years and months
 * are calendar ones (UTC); weeks, days, hours and minutes are exact lengths. `short`: "2 mo. ago".
 */
export function formatRelative(
  iso: string,
  now: number,
  options: { short?: boolean } = {},
): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return "just now";
  const sign = diff < 0 ? -1 : 1;
  const format = options.short ? relativeShort : relative;
  const say = (n: number, unit: Intl.RelativeTimeFormatUnit) =>
    format.format(sign * Math.max(1, n), unit);
  if (abs < HOUR_MS) return say(Math.floor(abs / MINUTE_MS), "minute");
  if (abs < DAY_MS) return say(Math.floor(abs / HOUR_MS), "hour");
  if (abs < WEEK_MS) return say(Math.floor(abs / DAY_MS), "day");
  const months = wholeMonths(new Date(Math.min(ms, now)), new Date(Math.max(ms, now)));
  if (months >= 12) return say(Math.floor(months / 12), "year");
  if (months >= 1) return say(months, "month");
  return say(Math.floor(abs / WEEK_MS), "week");
}

/** Days from `now` until `iso` (negative when past), or null. */
export function daysUntil(iso: string | null, now: number): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor((ms - now) / DAY_MS);
}
