// Random views over a fixture, for the property tests: searches drawn from the data (and from
// accent- and case-changed forms of it; identifiers whole, by prefixes shorter and longer than 4
// and by fragments from their middle), filters with present and absent values, date ranges, 1–3
// sort keys, every group mode and pages anywhere in the result.
import { COUNTRY_CODES, REGION_CODES, TENANT_STATUSES } from "@/lib/regions";
import {
  GROUP_MODES,
  SORT_FIELDS,
  type SortKey,
  type Tenant,
  type TenantView,
} from "@/lib/tenants/types";
import type { Rng } from "./fixture";
import { OWNERS, SUBSCRIPTIONS, TAGS } from "./fixture";

function subset<T>(rng: Rng, items: readonly T[], max: number): T[] {
  const out = new Set<T>();
  const n = rng.int(1, max);
  for (let i = 0; i < n; i++) out.add(rng.pick(items));
  return [...out].sort();
}

export function identifierWord(rng: Rng, t: Tenant): string {
  const value = rng.pick([t.id, t.id, t.subscriptionId, t.licenseNumber]) ?? t.id;
  const cased = rng.chance(0.5) ? value : value.toLowerCase();
  switch (rng.int(0, 3)) {
    case 0:
      return cased; // whole
    case 1:
      return cased.slice(0, rng.int(1, 3)); // too short to be a prefix
    case 2:
      return cased.slice(0, rng.int(4, 10)); // a prefix
    default:
      return cased.slice(rng.int(1, 6), rng.int(8, 14)); // a fragment from the middle
  }
}

function searchFrom(rng: Rng, tenants: readonly Tenant[]): string {
  const t = rng.pick(tenants);
  switch (rng.int(0, 12)) {
    case 0:
      return "";
    case 1: {
      const word = t.name.split(/\s+/).find(Boolean) ?? "a";
      return rng.chance(0.5) ? word.toUpperCase() : word.toLowerCase();
    }
    case 2:
      return (t.hostnames[0] ?? "example").slice(0, rng.int(3, 12));
    case 3:
    case 10:
      return identifierWord(rng, t);
    case 11:
      return `${t.name.split(/\s+/).find(Boolean) ?? "a"} ${identifierWord(rng, t)}`;
    case 12:
      return `${(t.hostnames[0] ?? "example").slice(0, 5)} ${identifierWord(rng, t)}`;
    case 4:
      return rng.pick([
        "zurich",
        "ZÜRICH",
        "sao",
        "orsted",
        "istanbul",
        "creme brulee",
        "東京",
        "<script>",
      ]);
    case 5:
    case 6:
      return `${rng.pick(["acme", "globex", "tenant", "nordic"])} ${rng.pick(["prod", "dev", "1", "analytics"])}`;
    case 7:
      return rng.pick(["a", "e", "qlik", "example", "1"]);
    case 8:
      return t.name.slice(0, 4);
    default:
      return rng.pick(["zzzz-no-match", ",", '"', "=sum", "-2", "@"]);
  }
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Words from the annotations of buildOverlay (owners, subscription names), folded or not. */
const ANNOTATION_WORDS = ["alice", "ZURICH", "zürich 1", "team", "EMEA", "josé", "oem", "müller"];

/** `annotations`: also draw owner, tag and annotated filters and searches for annotation words. */
export function randomView(rng: Rng, tenants: readonly Tenant[], annotations = false): TenantView {
  const view: TenantView = {
    q: rng.chance(0.5)
      ? annotations && rng.chance(0.3)
        ? rng.pick(ANNOTATION_WORDS)
        : searchFrom(rng, tenants)
      : "",
    region: rng.chance(0.35) ? subset(rng, REGION_CODES, 8) : [],
    country: rng.chance(0.25) ? subset(rng, COUNTRY_CODES, 6) : [],
    subscription: rng.chance(0.3) ? subset(rng, [...SUBSCRIPTIONS, "none", "7777"], 4) : [],
    status: rng.chance(0.3) ? subset(rng, [...TENANT_STATUSES], 3) : [],
    owner: annotations && rng.chance(0.3) ? subset(rng, [...OWNERS, "none", "nobody"], 3) : [],
    tag: annotations && rng.chance(0.3) ? subset(rng, [...TAGS, "none", "unused"], 3) : [],
    annotated: annotations && rng.chance(0.2) ? rng.chance(0.5) : null,
    createdFrom: null,
    createdTo: null,
    licenseEndsFrom: null,
    licenseEndsTo: null,
    deletionScheduled: rng.chance(0.15) ? rng.chance(0.5) : null,
    sort: [],
    group: rng.pick(GROUP_MODES),
  };
  if (rng.chance(0.3)) {
    const a = Date.parse(rng.pick(tenants).createdAt);
    const b = Date.parse(rng.pick(tenants).createdAt);
    const [from, to] = a <= b ? [a, b] : [b, a];
    if (rng.chance(0.7)) view.createdFrom = `${isoDay(from)}T00:00:00.000Z`;
    if (rng.chance(0.7)) view.createdTo = `${isoDay(to)}T23:59:59.999Z`;
  }
  if (rng.chance(0.25)) {
    const ends = tenants.map((t) => t.licenseEndsAt).filter((e) => e !== null);
    const a = Date.parse(rng.pick(ends));
    const b = Date.parse(rng.pick(ends));
    const [from, to] = a <= b ? [a, b] : [b, a];
    if (rng.chance(0.7)) view.licenseEndsFrom = `${isoDay(from)}T00:00:00.000Z`;
    if (rng.chance(0.7)) view.licenseEndsTo = `${isoDay(to)}T23:59:59.999Z`;
  }
  const keys = rng.int(1, 3);
  const fields = new Set<(typeof SORT_FIELDS)[number]>();
  while (fields.size < keys) {
    const field = rng.pick(SORT_FIELDS);
    if (annotations || (field !== "owner" && field !== "subscriptionName")) fields.add(field);
  }
  view.sort = [...fields].map((field): SortKey => ({ field, desc: rng.chance(0.5) }));
  return view;
}

export function randomPage(rng: Rng, total: number): { offset: number; limit: number } {
  const limit = rng.pick([1, 7, 25, 100, 1000]);
  // Mostly inside the result, sometimes at or past its end.
  const offset = rng.chance(0.3)
    ? 0
    : rng.chance(0.85)
      ? rng.int(0, Math.max(0, total - 1))
      : total + rng.int(0, 5);
  return { offset, limit };
}

/** A search for one tenant's identifier (whole, short, prefix or middle), no filters, any order. */
export function identifierView(rng: Rng, tenants: readonly Tenant[]): TenantView {
  const t = rng.pick(tenants);
  const word = identifierWord(rng, t);
  const field = rng.pick(SORT_FIELDS);
  return {
    q: rng.chance(0.3) ? `${word} ${t.name.split(/\s+/).find(Boolean) ?? ""}` : word,
    region: [],
    country: [],
    subscription: [],
    status: [],
    owner: [],
    tag: [],
    annotated: null,
    createdFrom: null,
    createdTo: null,
    licenseEndsFrom: null,
    licenseEndsTo: null,
    deletionScheduled: null,
    sort: [{ field, desc: rng.chance(0.5) }],
    group: rng.pick(GROUP_MODES),
  };
}
