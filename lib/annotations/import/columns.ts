// The columns the annotation CSV import reads, and the headers it knows them by: the export's CSV
// headers ("Tenant ID", "Owner", "Tags", "Note", "Subscription name", "Customer reference",
// "Subscription ID") or the column keys (id, owner, tags, note, subscriptionName, customerRef,
// subscriptionId), in any case. Any other column (an export's Name, Status, …) is ignored.
// Client-safe: the import page lists them.
import { exportColumn } from "@/lib/tenants/export/columns";

export const IMPORT_COLUMNS = [
  "id",
  "owner",
  "tags",
  "note",
  "subscriptionName",
  "customerRef",
  "subscriptionId",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The columns that carry something to import (id and subscriptionId only say where). */
export const VALUE_COLUMNS = [
  "owner",
  "tags",
  "note",
  "subscriptionName",
  "customerRef",
] as const satisfies readonly ImportColumn[];

/** Headers (lower-case) per column: the export's header, the key, and "ID" / "tenant id" for id. */
export const IMPORT_HEADERS: Record<ImportColumn, readonly string[]> = Object.fromEntries(
  IMPORT_COLUMNS.map((key) => {
    const names = new Set([key.toLowerCase(), exportColumn(key).header.toLowerCase()]);
    if (key === "id") for (const extra of ["id", "tenant id", "tenantid"]) names.add(extra);
    return [key, [...names]];
  }),
) as unknown as Record<ImportColumn, readonly string[]>;

const BY_HEADER = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((key) => IMPORT_HEADERS[key].map((h) => [h, key] as const)),
);

/** The column a header names (trimmed, any case), or null for a column the import ignores. */
export function importColumnOf(header: string): ImportColumn | null {
  return BY_HEADER.get(header.trim().toLowerCase()) ?? null;
}

/** The header the export writes for `column` ("Tenant ID", "Owner", …). */
export function importColumnHeader(column: ImportColumn): string {
  return exportColumn(column).header;
}
