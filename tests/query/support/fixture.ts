// A deterministic tenant list for the query tests: the same seed gives the same tenants. Mixes
// ordinary names with hostile ones (quotes, commas, newlines, markup, non-ASCII, formula triggers),
// duplicates (to exercise tie-breaks), numbered names (natural order), missing optional values, an
// unknown upstream status, and creation times on day boundaries.
import { REGIONS, regionDomain, type RegionCode } from "@/lib/regions";
import type { Tenant } from "@/lib/tenants/types";

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast and good enough for fixtures. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (p) => next() < p,
  };
}

export const HOSTILE_NAMES = [
  'He said "hello"',
  "Comma, Inc.",
  "Line\nBreak GmbH",
  "<script>alert(1)</script>",
  "Zürich Analytics",
  "ZURICH analytics",
  "São Paulo Dados",
  "Ørsted Power",
  "İstanbul Veri",
  "東京テナント",
  "Crème Brûlée Co",
  "=SUM(A1:A9)",
  "+cmd|' /C calc'!A0",
  "-2+3",
  "@admin",
  "'quoted'",
  "Tab\tSeparated",
  "",
] as const;

const WORDS = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Stark",
  "Wayne",
  "Tyrell",
  "Cyberdyne",
  "Soylent",
  "Hooli",
  "Müller",
  "Nordic",
  "Pacific",
  "Atlas",
];
const SUFFIXES = ["Prod", "Dev", "Test", "Analytics", "Sandbox", "EMEA", "APAC"];
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const STATUSES = [
  ["active", 70],
  ["disabled", 12],
  ["deactivated", 8],
  ["deleted", 8],
  ["suspended", 2], // a status Qlik might add: shown and counted, not dropped
] as const;

export const SUBSCRIPTIONS = [
  "1000000000000001",
  "1000000000000002",
  "2000000000000003",
  "2000000000000010",
  "3000000000000004",
  "900000000000005",
  "4000000000000006",
  "5000000000000007",
];

const START = Date.UTC(2019, 0, 1);
const END = Date.UTC(2026, 10, 20);
const DAY = 86_400_000;

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

function slug(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "tenant"
  );
}

function timeIn(rng: Rng): number {
  const t = START + Math.floor(rng.next() * (END - START));
  const day = t - (t % DAY);
  // Some tenants exactly at the start or the last millisecond of a day (boundary tests).
  if (rng.chance(0.05)) return day;
  if (rng.chance(0.05)) return day + DAY - 1;
  return t;
}

export function buildTenants(count: number, seed = 1): Tenant[] {
  const rng = createRng(seed);
  const ids = new Set<string>();
  const tenants: Tenant[] = [];
  for (let i = 0; i < count; i++) {
    let id = "";
    while (id === "" || ids.has(id)) {
      id = "";
      for (let k = 0; k < 32; k++) id += ID_ALPHABET[rng.int(0, ID_ALPHABET.length - 1)];
    }
    ids.add(id);
    const name = rng.chance(0.08)
      ? rng.pick(HOSTILE_NAMES)
      : rng.chance(0.1)
        ? `Tenant ${rng.int(1, 120)}`
        : `${rng.pick(WORDS)} ${rng.pick(SUFFIXES)}${rng.chance(0.3) ? ` ${rng.int(1, 30)}` : ""}`;
    const region = rng.pick(REGIONS);
    const regionCode = region.code as RegionCode;
    const countryCode = rng.chance(0.7) ? region.country : rng.pick(REGIONS).country;
    const host = `${slug(name)}-${i}.${regionDomain(regionCode)}`;
    const hostnames = rng.chance(0.03)
      ? []
      : rng.chance(0.2)
        ? [host, `${slug(rng.pick(WORDS))}-${i}.example.com`]
        : [host];
    const created = timeIn(rng);
    const updated = Math.min(END, created + rng.int(0, 400) * DAY + rng.int(0, DAY - 1));
    const subscriptionId = rng.chance(0.05) ? null : rng.pick(SUBSCRIPTIONS);
    const licenseEnds = rng.chance(0.3) ? null : created + rng.int(200, 1500) * DAY;
    const deletion = rng.chance(0.85) ? null : created + rng.int(30, 900) * DAY;
    tenants.push({
      id,
      name,
      status: weighted(rng, STATUSES),
      hostnames,
      regionCode,
      countryCode,
      subscriptionId,
      licenseNumber: subscriptionId,
      createdBy: rng.chance(0.5) ? null : `user-${rng.int(1, 40)}`,
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(updated).toISOString(),
      licenseStartsAt: new Date(created).toISOString(),
      licenseEndsAt: licenseEnds === null ? null : new Date(licenseEnds).toISOString(),
      deletionStartsAt: deletion === null ? null : new Date(deletion).toISOString(),
    });
  }
  return tenants;
}

/** Owners for the fixture's annotations: emails, team names (one with a comma), accents. */
export const OWNERS = [
  "alice@example.com",
  "bob@example.com",
  "Team Data",
  "Sales, EMEA",
  "José Müller",
  "ops-1@example.com",
  "ops-10@example.com",
  "zoë@example.org",
];
export const TAGS = ["eu-prod", "billing", "pilot", "tier-1", "tier-10", "tier-2", "legacy", "vip"];

/**
 * An annotation overlay for `tenants`: names on most subscriptions (two share one, one has digits
 * and an accent), owners on ~60% of tenants, 0–3 tags, notes on ~10%.
 */
export function buildOverlay(tenants: readonly Tenant[], seed = 1, version = "v1") {
  const rng = createRng(seed);
  const names = ["Acme OEM — production", "Globex Zürich 2", "Globex Zürich 10", "Shared name"];
  const subscriptions = new Map<string, { name: string; customerRef: string | null }>();
  SUBSCRIPTIONS.slice(0, 5).forEach((id, k) =>
    subscriptions.set(id, {
      name: k < names.length ? (names[k] as string) : "Shared name",
      customerRef: k % 2 === 0 ? `CRM-${k}` : null,
    }),
  );
  const annotations = new Map<
    string,
    { owner: string | null; tags: string[]; note: string | null }
  >();
  for (const t of tenants) {
    const owner = rng.chance(0.6) ? rng.pick(OWNERS) : null;
    const tags = new Set<string>();
    const count = rng.pick([0, 0, 1, 1, 2, 3]);
    while (tags.size < count) tags.add(rng.pick(TAGS));
    const note = rng.chance(0.1)
      ? rng.pick(["Renewal in Q3", "=call finance", "Line\nbreak"])
      : null;
    if (owner !== null || tags.size > 0 || note !== null)
      annotations.set(t.id, { owner, tags: [...tags].sort(), note });
  }
  return { version, subscriptions, tenants: annotations };
}

/** One hand-made tenant (for the small snapshots the behaviour tests build): defaults plus `over`. */
export function handTenant(id: string, over: Partial<Tenant> = {}): Tenant {
  return {
    id,
    name: id,
    status: "active",
    hostnames: [`${id.toLowerCase()}.eu.qlikcloud.com`],
    regionCode: "eu-west-1",
    countryCode: "IE",
    subscriptionId: "1000",
    licenseNumber: null,
    createdBy: null,
    createdAt: "2024-01-10T12:00:00.000Z",
    updatedAt: "2024-01-10T12:00:00.000Z",
    licenseStartsAt: null,
    licenseEndsAt: null,
    deletionStartsAt: null,
    ...over,
  };
}
