// The tenants query done the slow, obvious way over the array: what the index must agree with.
// Written from the spec, sharing no code with lib/tenants/query. Annotations come from an overlay
// (the shape lib/annotations/overlay.ts gives), set per call with `useOverlay`.
import type { SubscriptionLabel, TenantAnnotation } from "@/lib/annotations/types";
import { regionLabel } from "@/lib/regions";
import {
  FACET_DIMENSIONS,
  type FacetCount,
  type FacetDimension,
  type GroupSummary,
  type SearchMatchField,
  type SortField,
  type Tenant,
  type TenantView,
} from "@/lib/tenants/types";

const folded = new Map<string, string>();
/** Case- and accent-folded (memoized: the reference is slow enough as it is). */
function fold(s: string): string {
  let f = folded.get(s);
  if (f === undefined) {
    f = s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
    folded.set(s, f);
  }
  return f;
}

export interface RefOverlay {
  version: string;
  subscriptions: ReadonlyMap<string, SubscriptionLabel>;
  tenants: ReadonlyMap<string, TenantAnnotation>;
}

let overlay: RefOverlay = { version: "0", subscriptions: new Map(), tenants: new Map() };

/** The annotations the reference joins from now on (an empty overlay until called). */
export function useOverlay(next: RefOverlay): void {
  overlay = next;
}

/** The tenant's annotations as the API answers them. */
export function refAnnotation(t: Tenant) {
  const label = t.subscriptionId === null ? undefined : overlay.subscriptions.get(t.subscriptionId);
  const own = overlay.tenants.get(t.id);
  const text = (s: string | null | undefined) => (s && s.trim() !== "" ? s : null);
  return {
    subscriptionName: text(label?.name),
    customerRef: text(label?.customerRef),
    owner: text(own?.owner),
    tags: own?.tags ?? [],
    note: text(own?.note),
  };
}

/** A tenant's values of a dimension: one, except tags (each of them, or "none"). */
function dimValues(t: Tenant, d: FacetDimension): string[] {
  if (d === "tag") {
    const tags = refAnnotation(t).tags;
    return tags.length ? tags : ["none"];
  }
  return [dimValue(t, d)];
}

export function dimValue(t: Tenant, d: Exclude<FacetDimension, "tag">): string {
  if (d === "region") return t.regionCode;
  if (d === "country") return t.countryCode;
  if (d === "subscription") return t.subscriptionId ?? "none";
  if (d === "owner") return refAnnotation(t).owner ?? "none";
  return t.status;
}

function searchWords(q: string): string[] {
  return [...new Set(fold(q).split(/\s+/).filter(Boolean))];
}

/** An identifier matches a word that is all of it, or its first 4 or more characters. */
function identifierHolds(value: string | null, word: string): boolean {
  if (value === null) return false;
  const v = fold(value);
  return v === word || (word.length >= 4 && v.startsWith(word));
}

/** The fields of `t` that hold `word`: the name and hostnames anywhere, identifiers as above. */
function fieldsHolding(t: Tenant, word: string): Set<"name" | SearchMatchField> {
  const out = new Set<"name" | SearchMatchField>();
  if (fold(t.name).includes(word)) out.add("name");
  if (t.hostnames.some((h) => fold(h).includes(word))) out.add("hostname");
  if (identifierHolds(t.id, word)) out.add("id");
  if (identifierHolds(t.subscriptionId, word)) out.add("subscriptionId");
  if (identifierHolds(t.licenseNumber, word)) out.add("licenseNumber");
  const a = refAnnotation(t);
  if (a.subscriptionName !== null && fold(a.subscriptionName).includes(word))
    out.add("subscriptionName");
  if (a.owner !== null && fold(a.owner).includes(word)) out.add("owner");
  return out;
}

function matchesSearch(t: Tenant, q: string): boolean {
  return searchWords(q).every((w) => fieldsHolding(t, w).size > 0);
}

const MATCH_ORDER: SearchMatchField[] = [
  "hostname",
  "id",
  "subscriptionId",
  "licenseNumber",
  "subscriptionName",
  "owner",
];

/** Where a matching tenant was found besides its name: fields holding a word the name does not. */
export function refMatch(t: Tenant, q: string): SearchMatchField[] | undefined {
  const found = new Set<SearchMatchField>();
  for (const w of searchWords(q)) {
    const fields = fieldsHolding(t, w);
    if (fields.has("name")) continue;
    for (const f of fields) if (f !== "name") found.add(f);
  }
  return found.size ? MATCH_ORDER.filter((f) => found.has(f)) : undefined;
}

function matchesBase(t: Tenant, view: TenantView): boolean {
  if (!matchesSearch(t, view.q)) return false;
  const created = Date.parse(t.createdAt);
  if (view.createdFrom !== null && !(created >= Date.parse(view.createdFrom))) return false;
  if (view.createdTo !== null && !(created <= Date.parse(view.createdTo))) return false;
  const ends = t.licenseEndsAt === null ? NaN : Date.parse(t.licenseEndsAt);
  if (view.licenseEndsFrom !== null && !(ends >= Date.parse(view.licenseEndsFrom))) return false;
  if (view.licenseEndsTo !== null && !(ends <= Date.parse(view.licenseEndsTo))) return false;
  if (view.deletionScheduled !== null && view.deletionScheduled !== (t.deletionStartsAt !== null))
    return false;
  if (view.annotated !== null) {
    const a = refAnnotation(t);
    const annotated = a.owner !== null || a.tags.length > 0 || a.note !== null;
    if (annotated !== view.annotated) return false;
  }
  return true;
}

function matchesDims(t: Tenant, view: TenantView, except?: FacetDimension): boolean {
  return FACET_DIMENSIONS.every(
    (d) => d === except || view[d].length === 0 || dimValues(t, d).some((v) => view[d].includes(v)),
  );
}

export function refFilter(tenants: readonly Tenant[], view: TenantView): Tenant[] {
  return tenants.filter((t) => matchesBase(t, view) && matchesDims(t, view));
}

function baseMatches(tenants: readonly Tenant[], view: TenantView): Tenant[] {
  return tenants.filter((t) => matchesBase(t, view));
}

export function refFacets(
  tenants: readonly Tenant[],
  view: TenantView,
): Record<FacetDimension, FacetCount[]> {
  const out = {} as Record<FacetDimension, FacetCount[]>;
  const base = baseMatches(tenants, view);
  for (const d of FACET_DIMENSIONS) {
    const counts = new Map<string, number>();
    for (const t of base)
      if (matchesDims(t, view, d))
        for (const v of dimValues(t, d)) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const v of view[d]) if (!counts.has(v)) counts.set(v, 0);
    out[d] = [...counts]
      .map(([value, count]): FacetCount => {
        const name = d === "subscription" ? subscriptionName(value) : null;
        return name === null ? { value, count } : { value, count, label: name };
      })
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }
  return out;
}

/** A subscription's name, when it has one. */
function subscriptionName(id: string): string | null {
  const name = id === "none" ? undefined : overlay.subscriptions.get(id)?.name;
  return name && name.trim() !== "" ? name : null;
}

/** Natural order of folded text: digit runs compare as numbers. */
export function naturalCompare(a: string, b: string): number {
  const pa = fold(a).split(/(\d+)/);
  const pb = fold(b).split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (i % 2 === 1) {
      const diff = BigInt(x) - BigInt(y);
      if (diff !== 0n) return diff < 0n ? -1 : 1;
    } else if (x !== y) {
      // A text chunk that is a prefix of the other: the next char decides (a digit or more text).
      const xs = x + (pa[i + 1] ?? "");
      const ys = y + (pb[i + 1] ?? "");
      return xs < ys ? -1 : xs > ys ? 1 : x.length - y.length;
    }
  }
  return pa.length - pb.length;
}

type Value = string | number | null;

/** Names: Unicode collation with numbers in natural order; surrounding spaces ignored. */
const names = new Intl.Collator("en", { numeric: true });

function fieldValue(t: Tenant, f: SortField): Value {
  switch (f) {
    case "name":
      return t.name.trim() === "" ? null : t.name.trim();
    case "hostname":
      return t.hostnames[0] ?? null;
    case "owner":
    case "subscriptionName":
      return refAnnotation(t)[f];
    case "createdAt":
    case "updatedAt":
    case "licenseEndsAt":
    case "deletionStartsAt": {
      const v = t[f];
      return v === null ? null : Date.parse(v);
    }
    default:
      return t[f];
  }
}

function compareValues(f: SortField, a: Value, b: Value, desc: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1; // nulls last, both ways
  let c: number;
  if (typeof a === "number" && typeof b === "number") c = a - b;
  else if (f === "id") c = a < b ? -1 : a > b ? 1 : 0;
  else if (f === "name") c = names.compare(String(a), String(b));
  else c = naturalCompare(String(a), String(b));
  return desc ? -c : c;
}

type SingleGroup = "region" | "subscription" | "owner";
const groupFields: Record<Exclude<TenantView["group"], "tag">, SingleGroup[]> = {
  none: [],
  region: ["region"],
  subscription: ["subscription"],
  "region,subscription": ["region", "subscription"],
  "subscription,region": ["subscription", "region"],
  owner: ["owner"],
};

/** A group's value and label for a tenant. */
function groupOf(field: SingleGroup, t: Tenant): { value: string; label: string } {
  if (field === "region") return { value: t.regionCode, label: regionLabel(t.regionCode) };
  if (field === "owner") {
    const owner = refAnnotation(t).owner;
    return owner === null ? { value: "none", label: "No owner" } : { value: owner, label: owner };
  }
  const id = t.subscriptionId;
  if (id === null) return { value: "none", label: "No subscription" };
  return { value: id, label: subscriptionName(id) ?? id };
}

/** Groups by label in natural order (equal labels: by value), the "none" group last. */
function groupCompare(field: SingleGroup, a: Tenant, b: Tenant): number {
  const x = groupOf(field, a);
  const y = groupOf(field, b);
  if (field !== "region" && (x.value === "none" || y.value === "none"))
    return x.value === y.value ? 0 : x.value === "none" ? 1 : -1;
  return naturalCompare(x.label, y.label) || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0);
}

export function refSort(rows: Tenant[], view: TenantView): Tenant[] {
  const keys = view.sort.length ? view.sort : [{ field: "name" as const, desc: false }];
  const levels = view.group === "tag" ? [] : groupFields[view.group];
  return [...rows].sort((a, b) => {
    for (const g of levels) {
      const c = groupCompare(g, a, b);
      if (c !== 0) return c;
    }
    for (const k of keys) {
      const c = compareValues(k.field, fieldValue(a, k.field), fieldValue(b, k.field), k.desc);
      if (c !== 0) return c;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

function statuses(rows: readonly Tenant[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of rows) out[t.status] = (out[t.status] ?? 0) + 1;
  return out;
}

function endedBy(rows: readonly Tenant[], asOf: number): number {
  return rows.filter((t) => t.licenseEndsAt !== null && Date.parse(t.licenseEndsAt) < asOf).length;
}

function refGroupLevel(
  rows: readonly Tenant[],
  fields: readonly SingleGroup[],
  base: number,
  asOf: number,
): GroupSummary[] {
  const [field, ...rest] = fields;
  if (!field) return [];
  const out: GroupSummary[] = [];
  let start = 0;
  while (start < rows.length) {
    const first = rows[start] as Tenant;
    let end = start;
    while (end < rows.length && groupCompare(field, first, rows[end] as Tenant) === 0) end++;
    const members = rows.slice(start, end);
    const { value, label } = groupOf(field, first);
    const group: GroupSummary = {
      field,
      value,
      label,
      count: members.length,
      offset: base + start,
      statuses: statuses(members),
      ended: endedBy(members, asOf),
    };
    if (rest.length) group.children = refGroupLevel(members, rest, base + start, asOf);
    out.push(group);
    start = end;
  }
  return out;
}

/** `asOf`: when licenses are judged ended (the index's option of the same name). */
export function refQuery(
  tenants: readonly Tenant[],
  view: TenantView,
  page: { offset: number; limit: number },
  asOf = Date.now(),
) {
  const sorted = refSort(
    baseMatches(tenants, view).filter((t) => matchesDims(t, view)),
    view,
  );
  const byTag = view.group === "tag" ? refTagGroups(sorted, asOf) : null;
  /** Row positions: grouped by tag, a tenant once per tag it has. */
  const positions = byTag?.positions ?? sorted;
  const rows = positions.slice(page.offset, page.offset + page.limit);
  return {
    rows,
    annotations: rows.map(refAnnotation),
    matches: rows.map((t) => refMatch(t, view.q)),
    positions,
    /** Each tenant once, where it first appears (what select() and an export give). */
    ordered: [...new Set(positions)],
    total: sorted.length,
    totalAll: tenants.length,
    facets: refFacets(tenants, view),
    groups:
      byTag?.groups ??
      refGroupLevel(
        sorted,
        groupFields[view.group as Exclude<TenantView["group"], "tag">],
        0,
        asOf,
      ),
  };
}

/** Tag groups: each tag in natural order, then "No tags"; a tenant in the group of each tag. */
function refTagGroups(sorted: readonly Tenant[], asOf: number) {
  const tags = [...new Set(sorted.flatMap((t) => refAnnotation(t).tags))].sort(
    (a, b) => naturalCompare(a, b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const positions: Tenant[] = [];
  const groups: GroupSummary[] = [];
  for (const tag of [...tags, null]) {
    const members = sorted.filter((t) =>
      tag === null ? refAnnotation(t).tags.length === 0 : refAnnotation(t).tags.includes(tag),
    );
    if (members.length === 0) continue;
    groups.push({
      field: "tag",
      value: tag ?? "none",
      label: tag ?? "No tags",
      count: members.length,
      offset: positions.length,
      statuses: statuses(members),
      ended: endedBy(members, asOf),
    });
    positions.push(...members);
  }
  return { positions, groups };
}
