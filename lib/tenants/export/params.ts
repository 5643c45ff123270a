// The export's parameters: the view parameters GET /api/tenants takes (lib/tenants/view-params.ts,
// the one parser of a view) plus `columns`, `scope`, `format` and `bom`. The export menu builds its
// URL with ./url.ts (no zod in the browser), so names and values live in one place.
import { z } from "zod";
import { createViewParamsSchema } from "@/lib/tenants/view-params";
import type { TenantView } from "@/lib/tenants/types";
import { EXPORT_COLUMN_IDS, isExportColumnId, type ExportColumnId } from "./columns";
import type { ExportFormat } from "./encode";
import type { ExportScope } from "./filename";
import { EXPORT_PARAM_NAMES } from "./url";

export { EXPORT_PARAM_NAMES, EXPORT_PATH, exportSearchParams, exportUrl } from "./url";

export interface ExportOptions {
  /** null: every column, in the documented order. */
  columns: ExportColumnId[] | null;
  scope: ExportScope;
  format: ExportFormat;
  bom: boolean;
}

export interface ExportQuery extends ExportOptions {
  view: TenantView;
}

const values = z.array(z.string()).optional();

/** `columns=a,b` and/or `columns=a&columns=b`; an unknown id is an error that names it. */
const columnsParam = values.transform((raw, ctx): ExportColumnId[] | null => {
  if (raw === undefined) return null;
  const ids = raw
    .flatMap((v) => v.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !isExportColumnId(id));
  if (unknown.length > 0) {
    ctx.addIssue({
      code: "custom",
      message: `has an unknown column ${unknown.map((id) => JSON.stringify(id.slice(0, 60))).join(", ")} (choose from ${EXPORT_COLUMN_IDS.join(", ")})`,
    });
    return z.NEVER;
  }
  if (ids.length === 0) {
    ctx.addIssue({ code: "custom", message: "names no column (leave it out for every column)" });
    return z.NEVER;
  }
  return [...new Set(ids)] as ExportColumnId[];
});

/** A single-valued enum param: absent → the default; given twice or unknown → an error naming it. */
function choice<const T extends readonly [string, ...string[]]>(allowed: T, def: T[number]) {
  return values.transform((raw, ctx): T[number] => {
    if (raw === undefined || raw.length === 0) return def;
    const value = raw.length === 1 ? raw[0]!.trim().toLowerCase() : null;
    if (value === "") return def;
    if (value === null || !allowed.includes(value)) {
      ctx.addIssue({
        code: "custom",
        message:
          value === null
            ? "is given more than once"
            : `must be ${allowed.map((a) => `"${a}"`).join(" or ")}, not ${JSON.stringify(raw[0]!.slice(0, 60))}`,
      });
      return z.NEVER;
    }
    return value as T[number];
  });
}

/** The four export params, from the raw values view-params hands back as `extra`. */
export const exportOptionsSchema = z.object({
  columns: columnsParam,
  scope: choice(["view", "all"], "view"),
  format: choice(["csv", "json"], "csv"),
  bom: choice(["true", "false", "1", "0"], "true").transform((v) => v === "true" || v === "1"),
});

/**
 * URL search params (or withRoute's query record) → the view and the export options. Issues name
 * the parameter (their path), so a 400 says which one is wrong. `offset` and `limit` are accepted
 * (an explorer URL carries them) and ignored: an export is never paged.
 */
export const exportQuerySchema = createViewParamsSchema({
  allowExtra: EXPORT_PARAM_NAMES,
}).transform((query, ctx): ExportQuery => {
  const options = exportOptionsSchema.safeParse(query.extra);
  if (!options.success) {
    for (const issue of options.error.issues)
      ctx.addIssue({
        code: "custom",
        path: issue.path,
        message: `"${String(issue.path[0])}" ${issue.message}`,
      });
    return z.NEVER;
  }
  return { view: query.view, ...options.data };
});
