import "server-only";
import type { Tenant } from "@/lib/tenants/types";
import { globalSingleton } from "@/lib/runtime/global-singleton";

// Conversions shared by both dialects: a Tenant to and from its stored JSON (fixed key order, so
// equal tenants give equal text and an unchanged row is recognised without parsing it), epoch
// milliseconds to ISO strings, and opaque page cursors.

/** The stored text of a tenant: its fields in one fixed order. */
export function serializeTenant(t: Tenant): string {
  return JSON.stringify({
    id: t.id,
    name: t.name,
    status: t.status,
    hostnames: t.hostnames,
    regionCode: t.regionCode,
    countryCode: t.countryCode,
    subscriptionId: t.subscriptionId,
    licenseNumber: t.licenseNumber,
    createdBy: t.createdBy,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    licenseStartsAt: t.licenseStartsAt,
    licenseEndsAt: t.licenseEndsAt,
    deletionStartsAt: t.deletionStartsAt,
  } satisfies Tenant);
}

export function parseTenant(data: string): Tenant {
  return JSON.parse(data) as Tenant;
}

export const toIso = (ms: number): string => new Date(ms).toISOString();
export const toIsoOrNull = (ms: number | null): string | null => (ms === null ? null : toIso(ms));

/** ISO date-time (or date) → epoch ms; throws RangeError for anything else. */
export function toMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${iso}`);
  return ms;
}

class InvalidCursorErrorClass extends Error {
  constructor() {
    super("cursor is not one this server issued");
    this.name = "InvalidCursorError";
  }
}

/**
 * A malformed or foreign page cursor; route handlers answer 400 naming `cursor`. One class for the
 * whole process (see ApiError in lib/api/errors.ts): the storage may have been opened by
 * instrumentation.ts's copy of this module, and `instanceof` must hold in route handlers.
 */
export const InvalidCursorError = globalSingleton(
  "class:InvalidCursorError",
  () => InvalidCursorErrorClass,
);
export type InvalidCursorError = InvalidCursorErrorClass;

// Cursors are the id of the last row returned (lists are newest first, by id), wrapped so that
// clients treat them as opaque and a cursor from one list is refused by another.
export function encodeCursor(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`, "utf8").toString("base64url");
}

export function decodeCursor(kind: string, cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor)
    ? Buffer.from(cursor, "base64url").toString("utf8")
    : "";
  const match = /^([a-z]+):([1-9]\d{0,15})$/.exec(text);
  if (!match || match[1] !== kind) throw new InvalidCursorError();
  return Number(match[2]);
}

/** Splits `items` into arrays of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
