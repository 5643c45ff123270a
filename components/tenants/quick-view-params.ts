// The explorer's quick views as plain view params, so they work wherever a view does (the URL,
// exports, share links): "License ends within 30 / 60 / 90 days" is licenseEndsFrom=<today> and
// licenseEndsTo=<today + N days> (UTC days, the To day included), "Deletion scheduled" is
// deletionScheduled=yes. A quick view is active when the view's params are exactly its own for
// today. Pure functions; client-safe.
import type { SortField, TenantView } from "@/lib/tenants/types";
import { parseDateParam } from "@/lib/tenants/view-codec";
import type { ColumnId } from "./explorer-url";

export type QuickView =
  | { id: string; kind: "license"; days: number; label: string; column: ColumnId }
  | { id: string; kind: "deletion"; label: string; column: ColumnId };

export const LICENSE_QUICK_DAYS = [30, 60, 90] as const;

export const QUICK_VIEWS: readonly QuickView[] = [
  ...LICENSE_QUICK_DAYS.map((days): QuickView => ({
    id: `license-${days}`,
    kind: "license",
    days,
    label: `License ends within ${days} days`,
    column: "licenseEndsAt",
  })),
  { id: "deletion", kind: "deletion", label: "Deletion scheduled", column: "deletionStartsAt" },
];

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of the UTC day `days` after the day of `now`. */
export function utcDay(now: number, days = 0): string {
  return new Date(Math.floor(now / DAY_MS) * DAY_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** The URL values of "license ends within `days` days" on the day of `now`. */
export function licenseWindow(days: number, now: number): { from: string; to: string } {
  return { from: utcDay(now), to: utcDay(now, days) };
}

/** The view's license range as the URL writes it for `days` (what `isQuickViewActive` compares). */
function licenseRangeOf(days: number, now: number): { from: string; to: string } {
  const { from, to } = licenseWindow(days, now);
  return { from: parseDateParam(from, false) as string, to: parseDateParam(to, true) as string };
}

/** Which quick view's params the view has today (the license ones exclude each other). */
export function isQuickViewActive(quick: QuickView, view: TenantView, now: number): boolean {
  if (quick.kind === "deletion") return view.deletionScheduled === true;
  const range = licenseRangeOf(quick.days, now);
  return view.licenseEndsFrom === range.from && view.licenseEndsTo === range.to;
}

const soonestFirst = (field: SortField) => [{ field, desc: false }];

/** The view with the quick view's params set, soonest first. Other filters stay. */
export function applyQuickView(quick: QuickView, view: TenantView, now: number): TenantView {
  if (quick.kind === "deletion")
    return { ...view, deletionScheduled: true, sort: soonestFirst("deletionStartsAt") };
  const range = licenseRangeOf(quick.days, now);
  return {
    ...view,
    licenseEndsFrom: range.from,
    licenseEndsTo: range.to,
    sort: soonestFirst("licenseEndsAt"),
  };
}

/** The view without the quick view's params (the sort stays as it is). */
export function clearQuickView(quick: QuickView, view: TenantView): TenantView {
  if (quick.kind === "deletion") return { ...view, deletionScheduled: null };
  return { ...view, licenseEndsFrom: null, licenseEndsTo: null };
}
