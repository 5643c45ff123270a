// A link's lifetime as the forms offer it (presets, a date up to 90 days ahead, or never for
// admins) and as the API takes it (`expiresIn` or `expiresAt`).
import type { ShareExpiresIn, ShareExpiry } from "@/lib/api-client/shares";
import { DEFAULT_SHARE_EXPIRY, MAX_SHARE_DAYS } from "@/lib/shares/types";

export type ExpiryChoice = ShareExpiresIn | "date" | "never";

export const EXPIRY_CHOICES: readonly { value: ExpiryChoice; label: string }[] = [
  { value: "1h", label: "1 hour" },
  { value: "1d", label: "1 day" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "date", label: "On a date…" },
  { value: "never", label: "Never" },
];

export const DEFAULT_EXPIRY: ExpiryChoice = DEFAULT_SHARE_EXPIRY;
export const MAX_EXPIRY_DAYS = MAX_SHARE_DAYS;
const DAY_MS = 86_400_000;
// The server measures "at most 90 days" at its own clock, a moment later.
const MARGIN_MS = 5 * 60_000;

/** `YYYY-MM-DD` of a moment, in the browser's time zone (what `<input type="date">` uses). */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The days a date can be chosen from: today to 90 days ahead. */
export function dateBounds(now: number): { min: string; max: string } {
  return { min: localDay(now), max: localDay(now + MAX_EXPIRY_DAYS * DAY_MS - MARGIN_MS) };
}

/**
 * The end of the chosen day (local time), so "until 12 March" includes 12 March; capped at the
 * 90-day limit. Null when the date is missing, malformed or outside the bounds.
 */
export function expiresAtFromDay(day: string, now: number): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const end = new Date(`${day}T23:59:59.999`).getTime();
  if (Number.isNaN(end) || end <= now) return null;
  const latest = now + MAX_EXPIRY_DAYS * DAY_MS - MARGIN_MS;
  if (day > localDay(latest)) return null;
  return new Date(Math.min(end, latest)).toISOString();
}

/** The API's fields for a choice; null when a date is needed and not valid. */
export function expiryPayload(choice: ExpiryChoice, day: string, now: number): ShareExpiry | null {
  if (choice === "never") return { expiresIn: null };
  if (choice !== "date") return { expiresIn: choice };
  const expiresAt = expiresAtFromDay(day, now);
  return expiresAt ? { expiresAt } : null;
}
