// The export's URL: the view's params plus the export options, as the export menu builds it and
// GET /api/tenants/export reads it (./params.ts). Client-safe and free of schema libraries.
import { viewToSearchParams } from "@/lib/tenants/view-codec";
import type { TenantView } from "@/lib/tenants/types";
import type { ExportOptions } from "./params";

export const EXPORT_PARAM_NAMES = ["columns", "scope", "format", "bom"] as const;

/**
 * The export URL's search params for a view: the view's params (from the explorer's URL, or built
 * from a TenantView) plus the export options, defaults left out, paging dropped.
 */
export function exportSearchParams(
  view: URLSearchParams | TenantView,
  options: Partial<ExportOptions>,
): URLSearchParams {
  const params = new URLSearchParams(
    view instanceof URLSearchParams ? view : viewToSearchParams(view),
  );
  for (const name of [...EXPORT_PARAM_NAMES, "offset", "limit"]) params.delete(name);
  if (options.columns) params.set("columns", options.columns.join(","));
  if (options.scope && options.scope !== "view") params.set("scope", options.scope);
  if (options.format && options.format !== "csv") params.set("format", options.format);
  if (options.bom === false) params.set("bom", "false");
  return params;
}

export const EXPORT_PATH = "/api/tenants/export";

export function exportUrl(
  view: URLSearchParams | TenantView,
  options: Partial<ExportOptions>,
): string {
  const qs = exportSearchParams(view, options).toString();
  return qs ? `${EXPORT_PATH}?${qs}` : EXPORT_PATH;
}
