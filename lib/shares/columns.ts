// Which columns a link shows, and which filters, sort fields and groupings those columns allow.
// A filter, sort or grouping on a column the link hides is not applied through the link: the data
// it would read is blanked (see ./projection.ts), so it could only mislead. Client-safe.
import {
  EXPORT_COLUMN_IDS,
  isExportColumnId,
  type ExportColumnId,
} from "@/lib/tenants/export/columns";
import type { FacetDimension, GroupField, SortField } from "@/lib/tenants/types";
import type { ScopeFilter } from "./scope";
import { ALWAYS_SHOWN_COLUMNS } from "./types";

const REGION: readonly ExportColumnId[] = ["regionCode", "regionName"];

/**
 * The columns a filter reads ("any of"); `q` searches name, hostnames, id, subscription id,
 * license number, subscription name and owner, whose hidden parts are blanked before the search
 * index is built, so it is always allowed. `annotated` reads whichever of owner, tags and note the
 * link shows (the hidden ones are blank in its data, so they count as absent).
 */
const FILTER_COLUMNS = {
  q: "always",
  region: REGION,
  country: ["countryCode"],
  subscription: ["subscriptionId"],
  status: ["status"],
  owner: ["owner"],
  tag: ["tags"],
  annotated: ["owner", "tags", "note"],
  createdFrom: ["createdAt"],
  createdTo: ["createdAt"],
  licenseEndsFrom: ["licenseEndsAt"],
  licenseEndsTo: ["licenseEndsAt"],
  deletionScheduled: ["deletionStartsAt"],
} as const satisfies Record<ScopeFilter, readonly ExportColumnId[] | "always">;

const SORT_COLUMNS = {
  name: ["name"],
  status: ["status"],
  regionCode: REGION,
  countryCode: ["countryCode"],
  subscriptionId: ["subscriptionId"],
  hostname: ["hostname"],
  id: ["id"],
  createdAt: ["createdAt"],
  updatedAt: ["updatedAt"],
  licenseEndsAt: ["licenseEndsAt"],
  deletionStartsAt: ["deletionStartsAt"],
  subscriptionName: ["subscriptionName"],
  owner: ["owner"],
} as const satisfies Record<SortField, readonly ExportColumnId[]>;

const GROUP_COLUMNS = {
  region: REGION,
  subscription: ["subscriptionId"],
  owner: ["owner"],
  tag: ["tags"],
} as const satisfies Record<GroupField, readonly ExportColumnId[]>;

/**
 * A link's columns as stored and shown: the chosen ones plus `id` and `name`, in the export's
 * order. Region code and region name come together: the name is derived from the code, so showing
 * one shows the other. Unknown ids are dropped.
 */
export function normalizeShareColumns(requested: readonly string[]): ExportColumnId[] {
  const chosen = new Set<string>([...ALWAYS_SHOWN_COLUMNS, ...requested]);
  if (REGION.some((c) => chosen.has(c))) for (const c of REGION) chosen.add(c);
  return EXPORT_COLUMN_IDS.filter((id) => chosen.has(id) && isExportColumnId(id));
}

/** What a set of columns lets a link's visitor see and ask for. */
export interface Visibility {
  readonly columns: ReadonlySet<ExportColumnId>;
  has(column: ExportColumnId): boolean;
  filter(filter: ScopeFilter): boolean;
  sort(field: SortField): boolean;
  group(level: GroupField): boolean;
  facet(dimension: FacetDimension): boolean;
}

export function visibility(columns: readonly string[]): Visibility {
  const shown = new Set(normalizeShareColumns(columns));
  const any = (cols: readonly ExportColumnId[]) => cols.some((c) => shown.has(c));
  const filter = (f: ScopeFilter) => {
    const cols: readonly ExportColumnId[] | "always" = FILTER_COLUMNS[f];
    return cols === "always" || any(cols);
  };
  return {
    columns: shown,
    has: (column) => shown.has(column),
    filter,
    sort: (field) => any(SORT_COLUMNS[field]),
    group: (level) => any(GROUP_COLUMNS[level]),
    facet: (dimension) => filter(dimension),
  };
}
