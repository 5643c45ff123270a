// The download's file name: `tenants-<slug>-<UTC timestamp>.<csv|json>`, ASCII-safe by construction
// (only [A-Za-z0-9._-]), so Content-Disposition needs no `filename*`.
import type { TenantView } from "@/lib/tenants/types";
import type { ExportFormat } from "./encode";

export type ExportScope = "view" | "all";

const MAX_SLUG = 48;

/** `20261127T174500Z` */
export function compactUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/[-:]/g, "");
}

/**
 * "all" for every tenant; for a view, a slug of its filters (regions, subscriptions, countries,
 * statuses, tags, then the search text), or "view" when nothing safe is left (no filter, or only
 * characters outside [A-Za-z0-9._-]).
 */
export function exportSlug(scope: ExportScope, view: TenantView): string {
  if (scope === "all") return "all";
  const parts = [
    ...view.region,
    ...view.subscription,
    ...view.country,
    ...view.status,
    ...view.tag,
    view.q,
  ];
  const slug = parts
    .join("-")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/[-.]{2,}/g, "-")
    .slice(0, MAX_SLUG)
    .replace(/^[-.]+|[-.]+$/g, "");
  return slug || "view";
}

export function exportFilename(
  scope: ExportScope,
  view: TenantView,
  format: ExportFormat,
  now: Date = new Date(),
): string {
  return `tenants-${exportSlug(scope, view)}-${compactUtc(now)}.${format}`;
}

/** The Content-Disposition value for a name from exportFilename (already quote-free ASCII). */
export function attachmentDisposition(filename: string): string {
  return `attachment; filename="${filename}"`;
}
