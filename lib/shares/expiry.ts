// When a link ends, and what state it is in. Client-safe (the dialog shows the same choices).
import {
  DEFAULT_SHARE_EXPIRY,
  MAX_SHARE_DAYS,
  type ShareExpiresIn,
  type ShareStatus,
} from "./types";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const EXPIRY_DURATIONS: Record<ShareExpiresIn, number> = {
  "1h": HOUR,
  "1d": DAY,
  "7d": 7 * DAY,
  "30d": 30 * DAY,
};

export const MAX_SHARE_MS = MAX_SHARE_DAYS * DAY;

/** A lifetime as the API takes it: a preset, a date-time, or `expiresIn: null` for never. */
export interface ExpiryChoice {
  expiresIn?: ShareExpiresIn | null;
  expiresAt?: string;
}

/** The end (ISO) the choice means at `now`, null for never, undefined when neither is given. */
export function resolveExpiry(choice: ExpiryChoice, now: number): string | null | undefined {
  if (choice.expiresAt !== undefined) return new Date(choice.expiresAt).toISOString();
  if (choice.expiresIn === undefined) return undefined;
  if (choice.expiresIn === null) return null;
  return new Date(now + EXPIRY_DURATIONS[choice.expiresIn]).toISOString();
}

/** The end of a link made at `now` without an expiry: DEFAULT_SHARE_EXPIRY later. */
export const defaultExpiry = (now: number) =>
  new Date(now + EXPIRY_DURATIONS[DEFAULT_SHARE_EXPIRY]).toISOString();

/** Whether the choice is "never" (admins only). */
export const isNever = (choice: ExpiryChoice) =>
  choice.expiresAt === undefined && choice.expiresIn === null;

export function shareStatus(
  share: { revokedAt: string | null; expiresAt: string | null },
  now: number = Date.now(),
): ShareStatus {
  if (share.revokedAt !== null) return "revoked";
  if (share.expiresAt !== null && Date.parse(share.expiresAt) <= now) return "expired";
  return "active";
}
