// Which fields a data source lets the explorer show. The organization offers all of them; a share
// link only its own columns, and then filtering, grouping or charting by a field the link hides
// would only ever find blanks, so those controls go too.
import type { ExportColumnId } from "@/lib/tenants/export/columns";
import { EXPORT_COLUMN_IDS } from "@/lib/tenants/export/columns";
import type { FacetDimension, GroupMode } from "@/lib/tenants/types";
import { FACET_DIMENSIONS, GROUP_MODES } from "@/lib/tenants/types";
import { COLUMN_IDS, DEFAULT_COLUMNS, type ColumnId } from "./explorer-url";

export interface ExplorerFields {
  /** Table columns offered in the column picker, in table order. */
  columns: readonly ColumnId[];
  /** Table columns shown when the URL names none. */
  defaultColumns: readonly ColumnId[];
  /** Fields the details panel and the export may show (export column ids). */
  details: readonly ExportColumnId[];
}

export const ALL_FIELDS: ExplorerFields = {
  columns: COLUMN_IDS,
  defaultColumns: DEFAULT_COLUMNS,
  details: EXPORT_COLUMN_IDS,
};

/** The table column that shows each export column (the table has no license-number column). */
const TABLE_COLUMN: Partial<Record<string, ColumnId>> = {
  name: "name",
  id: "id",
  status: "status",
  hostname: "hostname",
  regionCode: "regionCode",
  regionName: "regionCode",
  countryCode: "countryCode",
  subscriptionId: "subscriptionId",
  createdAt: "createdAt",
  updatedAt: "updatedAt",
  licenseEndsAt: "licenseEndsAt",
  deletionStartsAt: "deletionStartsAt",
  subscriptionName: "subscriptionName",
  owner: "owner",
  tags: "tags",
  note: "note",
};

/** The fields of a link whose columns are `columns` (export ids; `id` and `name` always). */
export function fieldsForColumns(columns: readonly string[]): ExplorerFields {
  const details = EXPORT_COLUMN_IDS.filter(
    (id) => id === "id" || id === "name" || columns.includes(id),
  );
  const wanted = new Set(details.map((id) => TABLE_COLUMN[id]).filter(Boolean));
  const table = COLUMN_IDS.filter((c) => wanted.has(c));
  return { columns: table, defaultColumns: table, details };
}

/** The column a facet reads (a link that hides it offers no filter, chart or grouping by it). */
const DIMENSION_COLUMN: Partial<Record<string, ColumnId>> = {
  region: "regionCode",
  country: "countryCode",
  subscription: "subscriptionId",
  status: "status",
  owner: "owner",
  tag: "tags",
};

export function offeredDimensions(fields: ExplorerFields): FacetDimension[] {
  return FACET_DIMENSIONS.filter((d) => {
    const column = DIMENSION_COLUMN[d];
    return column !== undefined && fields.columns.includes(column);
  });
}

export function offeredGroups(fields: ExplorerFields): GroupMode[] {
  const dims = offeredDimensions(fields) as string[];
  return GROUP_MODES.filter((g) => g === "none" || g.split(",").every((d) => dims.includes(d)));
}

export const offersCreatedFilter = (fields: ExplorerFields) => fields.columns.includes("createdAt");
