// The export's columns: stable ids, header names and formats (docs/export.md is the public table).
// Renaming an id or a header, or changing a format, is a versioned change: bump EXPORT_VERSION and
// the table in docs/export.md. Client-safe: the export menu lists these.
import type { GroupField, GroupMode, TenantRow } from "@/lib/tenants/types";
import { regionName } from "@/lib/regions";

/** Sent as `X-Atlas-Export-Version`; documented in docs/export.md. */
export const EXPORT_VERSION = 1;

/**
 * text: written as is (formula-neutralized in CSV); date: `YYYY-MM-DD HH:MM:SS` UTC in CSV, ISO-8601
 * in JSON; list: `; `-joined in CSV, an array in JSON.
 */
export type ExportColumnKind = "text" | "date" | "list";

interface ColumnSpec {
  header: string;
  kind: ExportColumnKind;
  description: string;
  value: (t: TenantRow) => string | null | string[];
}

const COLUMN_SPECS = {
  name: { header: "Name", kind: "text", description: "Tenant name", value: (t) => t.name },
  id: { header: "Tenant ID", kind: "text", description: "Tenant id", value: (t) => t.id },
  status: {
    header: "Status",
    kind: "text",
    description: "active, disabled, deleted, deactivated (or a newer upstream value)",
    value: (t) => t.status,
  },
  hostname: {
    header: "Primary hostname",
    kind: "text",
    description: "The tenant's first hostname",
    value: (t) => t.hostnames[0] ?? null,
  },
  otherHostnames: {
    header: "Other hostnames",
    kind: "list",
    description: "The remaining hostnames (aliases, custom domains)",
    value: (t) => t.hostnames.slice(1),
  },
  regionCode: {
    header: "Region code",
    kind: "text",
    description: "e.g. eu-west-1",
    value: (t) => t.regionCode,
  },
  regionName: {
    header: "Region",
    kind: "text",
    description: "e.g. Europe (Ireland); unknown codes repeat the code",
    value: (t) => regionName(t.regionCode),
  },
  countryCode: {
    header: "Country code",
    kind: "text",
    description: "ISO 3166-1 alpha-2",
    value: (t) => t.countryCode,
  },
  subscriptionId: {
    header: "Subscription ID",
    kind: "text",
    description: "Always text, never a number",
    value: (t) => t.subscriptionId,
  },
  licenseNumber: {
    header: "License number",
    kind: "text",
    description: "Always text (16-digit numbers keep every digit)",
    value: (t) => t.licenseNumber,
  },
  createdBy: {
    header: "Created by",
    kind: "text",
    description: "User id of the creator",
    value: (t) => t.createdBy,
  },
  createdAt: {
    header: "Created (UTC)",
    kind: "date",
    description: "Creation time",
    value: (t) => t.createdAt,
  },
  updatedAt: {
    header: "Updated (UTC)",
    kind: "date",
    description: "Last change",
    value: (t) => t.updatedAt,
  },
  licenseStartsAt: {
    header: "License starts (UTC)",
    kind: "date",
    description: "Start of the license term",
    value: (t) => t.licenseStartsAt,
  },
  licenseEndsAt: {
    header: "License ends (UTC)",
    kind: "date",
    description: "End of the license term",
    value: (t) => t.licenseEndsAt,
  },
  deletionStartsAt: {
    header: "Deletion starts (UTC)",
    kind: "date",
    description: "When a deleted tenant's data is purged",
    value: (t) => t.deletionStartsAt,
  },
  subscriptionName: {
    header: "Subscription name",
    kind: "text",
    description: "The subscription's name in Tenant Atlas (empty when unnamed)",
    value: (t) => t.subscriptionName,
  },
  customerRef: {
    header: "Customer reference",
    kind: "text",
    description: "The subscription's customer or account reference",
    value: (t) => t.customerRef,
  },
  owner: {
    header: "Owner",
    kind: "text",
    description: "Who owns the tenant (an email or a team name)",
    value: (t) => t.owner,
  },
  tags: {
    header: "Tags",
    kind: "list",
    description: "The tenant's tags, sorted",
    value: (t) => t.tags,
  },
  note: {
    header: "Note",
    kind: "text",
    description: "The team's note on the tenant (plain text, may span lines)",
    value: (t) => t.note,
  },
} satisfies Record<string, ColumnSpec>;

export type ExportColumnId = keyof typeof COLUMN_SPECS;

export interface ExportColumn extends ColumnSpec {
  id: ExportColumnId;
}

/** Every column, in the default order (the order of an export without `columns`). */
export const EXPORT_COLUMNS: readonly ExportColumn[] = (
  Object.keys(COLUMN_SPECS) as ExportColumnId[]
).map((id) => ({ id, ...(COLUMN_SPECS[id] as ColumnSpec) }));

export const EXPORT_COLUMN_IDS = EXPORT_COLUMNS.map((c) => c.id) as [
  ExportColumnId,
  ...ExportColumnId[],
];

const byId = new Map<string, ExportColumn>(EXPORT_COLUMNS.map((c) => [c.id, c]));

export function isExportColumnId(id: string): id is ExportColumnId {
  return byId.has(id);
}

export function exportColumn(id: ExportColumnId): ExportColumn {
  return byId.get(id) as ExportColumn;
}

/** The columns that carry a grouping field, so a grouped view exported flat loses nothing. */
const GROUP_COLUMNS: Record<GroupField, ExportColumnId[]> = {
  region: ["regionCode", "regionName"],
  subscription: ["subscriptionId"],
  owner: ["owner"],
  tag: ["tags"],
};

/**
 * The columns an export writes: the requested ones in the requested order (duplicates dropped),
 * preceded by any grouping column the request left out. Without a request: every column.
 */
export function resolveExportColumns(
  requested: readonly ExportColumnId[] | null,
  group: GroupMode,
): ExportColumn[] {
  if (!requested) return [...EXPORT_COLUMNS];
  const ids = [...new Set(requested)];
  const missing =
    group === "none"
      ? []
      : group
          .split(",")
          .flatMap((g) => GROUP_COLUMNS[g as GroupField])
          .filter((id) => !ids.includes(id));
  return [...missing, ...ids].map(exportColumn);
}
