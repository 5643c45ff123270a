// What a spreadsheet user should find in each cell, written independently of
// lib/tenants/export/cells.ts: the value as shown, and the documented `'` prefix on text that starts
// with a formula character.
import type { ExportColumn } from "@/lib/tenants/export/columns";
import { annotatedRow, NO_ANNOTATION } from "@/lib/tenants/query";
import type { Tenant, TenantRow } from "@/lib/tenants/types";

/** A tenant as an export row: as given when it carries annotations, else without any. */
export function asRow(t: Tenant | TenantRow): TenantRow {
  return "tags" in t ? t : annotatedRow(t, NO_ANNOTATION);
}

export const TRIGGER_FIRST_CHARS = [
  "=",
  "+",
  "-",
  "@",
  "\t",
  "\r",
  "\n",
  "＝",
  "＋",
  "－",
  "＠",
  "'",
];

/** The value before neutralization: dates as `YYYY-MM-DD HH:MM:SS` UTC, lists `; `-joined. */
export function expectedValue(column: ExportColumn, t: Tenant | TenantRow): string {
  const v = column.value(asRow(t));
  if (v === null) return "";
  if (Array.isArray(v)) return v.join("; ");
  if (column.kind === "date") return new Date(v).toISOString().slice(0, 19).replace("T", " ");
  return v;
}

/** The CSV cell: the value, `'`-prefixed when it is text starting with a formula character. */
export function expectedCell(column: ExportColumn, t: Tenant | TenantRow): string {
  const v = expectedValue(column, t);
  return column.kind !== "date" && TRIGGER_FIRST_CHARS.includes(v[0] ?? "") ? `'${v}` : v;
}

export function expectedRows(
  columns: readonly ExportColumn[],
  tenants: readonly (Tenant | TenantRow)[],
) {
  return tenants.map((t) => columns.map((c) => expectedCell(c, t)));
}
