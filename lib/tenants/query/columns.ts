// The per-snapshot columns a query reads instead of the tenant objects: dictionary-encoded facet
// dimensions, folded search text and identifiers, parsed times, and a bucket column plus two
// ready-made permutations (ascending, descending; ties by id) for every sort field and group level.
import { regionLabel } from "@/lib/regions";
import type { GroupField, SortField, Tenant } from "@/lib/tenants/types";
import { NO_SUBSCRIPTION } from "@/lib/tenants/view-codec";
import { foldText, NAME_COLLATOR, nameSortText, naturalSortKey } from "./normalize";
import {
  compareCodeUnits,
  denseCollatedRanks,
  denseNumberRanks,
  denseTextRanks,
  permutation,
  type BucketColumn,
} from "./order";

/** A facet dimension: each distinct value once, and per tenant the index of its value. */
export interface Dimension {
  readonly values: readonly string[];
  readonly codes: Uint32Array;
  readonly lookup: ReadonlyMap<string, number>;
}

export interface SortColumn extends BucketColumn {
  /** Tenant indices ascending / descending by this field, ties by id ascending. */
  readonly asc: Uint32Array;
  readonly desc: Uint32Array;
  /** Per tenant, its position in `asc` / `desc` (built on first use). */
  ascRank(): Uint32Array;
  descRank(): Uint32Array;
}

function positions(perm: Uint32Array): Uint32Array {
  const rank = new Uint32Array(perm.length);
  for (let p = 0; p < perm.length; p++) rank[perm[p] as number] = p;
  return rank;
}

/** One level of grouping: a bucket per group, in label order, with the group's value and label. */
export interface GroupColumn extends BucketColumn {
  readonly field: GroupField;
  readonly values: readonly string[];
  readonly labels: readonly string[];
}

export const NO_SUBSCRIPTION_LABEL = "No subscription";

/** The dimensions a snapshot's tenants hold themselves (owner and tag come from the annotations). */
export const TENANT_DIMENSIONS = ["region", "country", "subscription", "status"] as const;
export type TenantDimension = (typeof TENANT_DIMENSIONS)[number];

/** The sort fields a snapshot's tenants hold themselves (the others come from the annotations). */
export const TENANT_SORT_FIELDS = [
  "name",
  "status",
  "regionCode",
  "countryCode",
  "subscriptionId",
  "hostname",
  "id",
  "createdAt",
  "updatedAt",
  "licenseEndsAt",
  "deletionStartsAt",
] as const satisfies readonly SortField[];
export type TenantSortField = (typeof TENANT_SORT_FIELDS)[number];

export function dimensionValue(dim: TenantDimension, t: Tenant): string {
  switch (dim) {
    case "region":
      return t.regionCode;
    case "country":
      return t.countryCode;
    case "subscription":
      return t.subscriptionId ?? NO_SUBSCRIPTION;
    case "status":
      return t.status;
  }
}

function buildDimension(tenants: readonly Tenant[], dim: TenantDimension): Dimension {
  const lookup = new Map<string, number>();
  const values: string[] = [];
  const codes = new Uint32Array(tenants.length);
  for (let i = 0; i < tenants.length; i++) {
    const v = dimensionValue(dim, tenants[i] as Tenant);
    let code = lookup.get(v);
    if (code === undefined) {
      code = values.length;
      values.push(v);
      lookup.set(v, code);
    }
    codes[i] = code;
  }
  return { values, codes, lookup };
}

export function buildDimensions(tenants: readonly Tenant[]): Record<TenantDimension, Dimension> {
  return Object.fromEntries(
    TENANT_DIMENSIONS.map((d) => [d, buildDimension(tenants, d)]),
  ) as Record<TenantDimension, Dimension>;
}

/** A dimension from one value per tenant (the annotations' owner). */
export function dimensionOf(values: readonly string[]): Dimension {
  const lookup = new Map<string, number>();
  const distinct: string[] = [];
  const codes = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string;
    let code = lookup.get(v);
    if (code === undefined) {
      code = distinct.length;
      distinct.push(v);
      lookup.set(v, code);
    }
    codes[i] = code;
  }
  return { values: distinct, codes, lookup };
}

/** Milliseconds since the epoch; null for a missing or unreadable value. */
export function parseTime(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

const TIME_FIELDS = new Set<SortField>([
  "createdAt",
  "updatedAt",
  "licenseEndsAt",
  "deletionStartsAt",
]);

/** The text a sort compares (null sorts last); `naturalSortKey` turns it into the sort key. */
function sortText(field: TenantSortField, t: Tenant): string | null {
  switch (field) {
    case "hostname":
      return t.hostnames[0] ?? null;
    case "subscriptionId":
      return t.subscriptionId;
    case "name":
      return nameSortText(t.name);
    case "status":
    case "regionCode":
    case "countryCode":
    case "id":
      return t[field];
    default:
      return null; // time fields are numbers (buildSortColumn)
  }
}

export function withPermutations(column: BucketColumn, byId: Uint32Array): SortColumn {
  const asc = permutation(byId, column, false);
  const desc = permutation(byId, column, true);
  let ascRank: Uint32Array | undefined;
  let descRank: Uint32Array | undefined;
  return {
    ...column,
    asc,
    desc,
    ascRank: () => (ascRank ??= positions(asc)),
    descRank: () => (descRank ??= positions(desc)),
  };
}

function buildSortColumn(
  tenants: readonly Tenant[],
  field: TenantSortField,
  byId: Uint32Array,
): SortColumn {
  if (TIME_FIELDS.has(field)) {
    const times = new Float64Array(tenants.length);
    const key = field as "createdAt" | "updatedAt" | "licenseEndsAt" | "deletionStartsAt";
    for (let i = 0; i < times.length; i++) times[i] = parseTime((tenants[i] as Tenant)[key]) ?? NaN;
    return withPermutations(denseNumberRanks(times), byId);
  }
  const texts = tenants.map((t) => sortText(field, t));
  // Names are people's words: Unicode collation. The other texts are codes and hostnames.
  const ranks =
    field === "name"
      ? denseCollatedRanks(texts, NAME_COLLATOR)
      : denseTextRanks(texts, naturalSortKey);
  return withPermutations(ranks, byId);
}

/** Every sort column, yielding after each one (see createTenantIndexAsync). */
export function* sortColumnSteps(
  tenants: readonly Tenant[],
): Generator<void, Record<TenantSortField, SortColumn>, void> {
  const identity = new Uint32Array(tenants.length);
  for (let i = 0; i < identity.length; i++) identity[i] = i;
  // Ids are case-sensitive and unique: their own code-unit order is the final tie-break everywhere.
  const idColumn = denseTextRanks(
    tenants.map((t) => t.id),
    (id) => id,
  );
  const byId = permutation(identity, idColumn, false);
  const columns = {} as Record<TenantSortField, SortColumn>;
  for (const field of TENANT_SORT_FIELDS) {
    yield;
    columns[field] =
      field === "id" ? withPermutations(idColumn, byId) : buildSortColumn(tenants, field, byId);
  }
  return columns;
}

/**
 * Region groups in label order ("Asia Pacific (Mumbai) · ap-south-1" …); subscriptions by label
 * (their name when `labelOf` gives one, else the id), owners by name; "none" groups last.
 */
export function buildGroupColumn(
  field: Exclude<GroupField, "tag">,
  dim: Dimension,
  labelOf: (v: string) => string = (v) =>
    field === "region" ? regionLabel(v) : v === NO_SUBSCRIPTION ? NO_SUBSCRIPTION_LABEL : v,
): GroupColumn {
  // Order: by label (natural order); the "none" group (no subscription, no owner) last.
  const sortKey = (v: string) =>
    field !== "region" && v === NO_SUBSCRIPTION ? "\uffff" : naturalSortKey(labelOf(v));
  const order = dim.values
    .map((v, code) => ({ v, code, key: sortKey(v) }))
    .sort((a, b) => compareCodeUnits(a.key, b.key) || compareCodeUnits(a.v, b.v));
  const bucketOfCode = new Uint32Array(dim.values.length);
  order.forEach((o, bucket) => (bucketOfCode[o.code] = bucket));
  const keys = new Uint32Array(dim.codes.length);
  for (let i = 0; i < keys.length; i++) keys[i] = bucketOfCode[dim.codes[i] as number] as number;
  return {
    field,
    keys,
    buckets: order.length,
    hasNullBucket: false,
    values: order.map((o) => o.v),
    labels: order.map((o) => labelOf(o.v)),
  };
}

/**
 * What search reads per tenant: its folded name, then every hostname, one per line (a search word
 * never spans two), and where the name ends. Name and hostnames are folded apart so that ASCII
 * hostnames take foldText's fast path even when the name does not.
 */
export function searchTexts(tenants: readonly Tenant[]): {
  texts: string[];
  nameEnds: Uint32Array;
} {
  const texts: string[] = new Array(tenants.length);
  const nameEnds = new Uint32Array(tenants.length);
  for (let i = 0; i < tenants.length; i++) {
    const t = tenants[i] as Tenant;
    const name = foldText(t.name);
    nameEnds[i] = name.length;
    texts[i] = `${name}\n${foldText(t.hostnames.join("\n"))}`;
  }
  return { texts, nameEnds };
}

/** The identifiers search finds by whole value or prefix, folded: id, subscription, license. */
export function searchIdentifiers(t: Tenant): (string | null)[] {
  return [
    foldText(t.id),
    t.subscriptionId === null ? null : foldText(t.subscriptionId),
    t.licenseNumber === null ? null : foldText(t.licenseNumber),
  ];
}
