// The `sort` query parameter: comma-separated fields, `-` descending, `+` (or a space, which is what
// an unencoded `+` decodes to) or nothing ascending. Strings compare by UTF-16 code units (binary,
// case-sensitive); dates by instant; `hostnames` by the first hostname, lower-cased; a missing value
// sorts before any value. Ties always fall back to ObjectId ascending, so every order is total.
import { badParameter } from "./errors";
import type { TenantRecord } from "./store";

export const SORT_FIELDS = [
  "name",
  "regionCode",
  "countryCode",
  "hostnames",
  "createdAt",
  "updatedAt",
  "status",
  "subscriptionId",
] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface SortKey {
  field: SortField;
  desc: boolean;
}

const GETTERS: Record<SortField, (r: TenantRecord) => string | number | undefined> = {
  name: (r) => r.name,
  regionCode: (r) => r.regionCode,
  countryCode: (r) => r.countryCode,
  hostnames: (r) => r.host0,
  createdAt: (r) => r.createdMs,
  updatedAt: (r) => r.updatedMs,
  status: (r) => r.status,
  subscriptionId: (r) => r.subscriptionId,
};

export function parseSort(raw: string | undefined): SortKey[] {
  if (raw === undefined) return [];
  if (raw.trim() === "") throw badParameter("sort", "sort is empty; omit it or name a field.");
  const seen = new Set<string>();
  return raw.split(",").map((part) => {
    const item = part.trim();
    let desc = false;
    let field = item;
    if (item.startsWith("-")) {
      desc = true;
      field = item.slice(1);
    } else if (item.startsWith("+")) field = item.slice(1);
    if (field === "")
      throw badParameter("sort", `sort has an empty field in ${JSON.stringify(raw)}.`);
    if (!(SORT_FIELDS as readonly string[]).includes(field))
      throw badParameter(
        "sort",
        `sort field '${field}' is not supported (sortable: ${SORT_FIELDS.join(", ")}).`,
      );
    if (seen.has(field)) throw badParameter("sort", `sort names '${field}' more than once.`);
    seen.add(field);
    return { field: field as SortField, desc };
  });
}

/** Canonical text for links and cache keys: fields joined by commas, `-` for descending. */
export function sortText(keys: SortKey[]): string {
  return keys.map((k) => (k.desc ? "-" : "") + k.field).join(",");
}

function compareValues(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

export type RecordComparator = (a: TenantRecord, b: TenantRecord) => number;

export function comparator(keys: SortKey[]): RecordComparator {
  const parts = keys.map((k) => ({ get: GETTERS[k.field], sign: k.desc ? -1 : 1 }));
  return (a, b) => {
    for (const { get, sign } of parts) {
      const c = compareValues(get(a), get(b));
      if (c !== 0) return c * sign;
    }
    return a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0;
  };
}
