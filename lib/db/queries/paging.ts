import "server-only";
import { encodeCursor } from "../rows";
import type { Page } from "../types";

// Limits and cursor pages for the shared list queries.

export function clampLimit(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(1, Math.trunc(value)));
}

/**
 * `rows`: up to limit + 1 rows, newest first. The extra row only tells that there is a next page,
 * whose cursor (of kind `kind`, see decodeCursor) is the id of the last item returned.
 */
export function toPage<R, T extends { id: number }>(
  rows: readonly R[],
  limit: number,
  kind: string,
  convert: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit).map(convert);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(kind, last.id) : null };
}
