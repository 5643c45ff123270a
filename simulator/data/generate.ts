// Deterministic demo organization: the same options always give byte-identical data. Subscriptions
// with 16-digit ids (licenseNumber = subscriptionId), tenants over all 17 regions, all four statuses,
// alias and custom-domain hostnames, licenses about to end, and the hostile names of ./names.
import { REGIONS, TENANT_STATUSES, regionDomain, type RegionCode, type TenantStatus } from "../../lib/regions";
import type { TenantData } from "../types";
import {
  COMPANIES,
  COMPOSED_COMPANIES,
  CUSTOM_DOMAIN_PREFIXES,
  ENVIRONMENTS,
  GEOS,
  HOSTILE_NAMES,
  UNITS,
} from "./names";
import { createRng, type Rng } from "./random";
import { slugify } from "./slug";

export const DEFAULT_REFERENCE_DATE = "2026-11-20T00:00:00.000Z";
export const MAX_TENANTS = 1_000_000;
export const MAX_SUBSCRIPTIONS = 10_000;

export interface GenerateOptions {
  tenants: number;
  subscriptions: number;
  seed: number;
  /** The data's "now": creation dates lie before it, some licenses end within 30 days after it. */
  referenceDate?: string;
}

export interface Subscription {
  id: string;
  licenseStartsAt: string;
  licenseEndsAt: string;
}

export interface Dataset {
  referenceDate: string;
  subscriptions: Subscription[];
  /** In creation order (the store gives them ascending ObjectIds in this order). */
  tenants: TenantData[];
}

const DAY = 86_400_000;
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

const REGION_WEIGHTS: Record<RegionCode, number> = {
  "us-east-1": 30,
  "eu-west-1": 18,
  "eu-central-1": 14,
  "eu-west-2": 6,
  "ap-southeast-2": 5,
  "ap-northeast-1": 4,
  "ap-southeast-1": 4,
  "ca-central-1": 3,
  "us-west-2": 3,
  "eu-west-3": 3,
  "ap-south-1": 2,
  "sa-east-1": 2,
  "eu-north-1": 1.5,
  "us-east-2": 1.5,
  "us-west-1": 1,
  "il-central-1": 1,
  "me-central-1": 1,
};

const STATUS_WEIGHTS: readonly (readonly [TenantStatus, number])[] = [
  ["active", 80],
  ["disabled", 8],
  ["deactivated", 7],
  ["deleted", 5],
];

export function validateGenerateOptions(opts: GenerateOptions): void {
  const { tenants, subscriptions, seed } = opts;
  if (!Number.isInteger(tenants) || tenants < 0 || tenants > MAX_TENANTS)
    throw new RangeError(`tenants must be a whole number from 0 to ${MAX_TENANTS}`);
  if (!Number.isInteger(subscriptions) || subscriptions < 1 || subscriptions > MAX_SUBSCRIPTIONS)
    throw new RangeError(`subscriptions must be a whole number from 1 to ${MAX_SUBSCRIPTIONS}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError("seed must be a whole number");
  if (opts.referenceDate !== undefined && Number.isNaN(Date.parse(opts.referenceDate)))
    throw new RangeError("referenceDate must be an ISO date-time");
}

const isoMs = (ms: number) => new Date(ms).toISOString();
const isoDate = (ms: number) => isoMs(ms).slice(0, 10);

function generateSubscriptions(rng: Rng, count: number, ref: number): Subscription[] {
  const ids = new Set<string>();
  const subs: Subscription[] = [];
  for (let i = 0; i < count; i++) {
    let id: string;
    do id = String(rng.int(1, 9)) + rng.chars(15, "0123456789");
    while (ids.has(id));
    ids.add(id);
    const startDay = Math.floor(ref / DAY) - rng.int(60, 1400);
    let endDay: number;
    if (i === 1) endDay = Math.floor(ref / DAY) + rng.int(3, 25);
    else if (i === 2) endDay = Math.floor(ref / DAY) + rng.int(5, 29);
    else if (i === 3 && count >= 6) endDay = Math.floor(ref / DAY) - rng.int(5, 40);
    else endDay = Math.floor(ref / DAY) + rng.int(45, 900);
    const dateOnly = rng.chance(0.5);
    subs.push({
      id,
      licenseStartsAt: dateOnly ? isoDate(startDay * DAY) : isoMs(startDay * DAY),
      licenseEndsAt: dateOnly ? isoDate(endDay * DAY) : isoMs(endDay * DAY + DAY - 1),
    });
  }
  return subs;
}

function tenantName(rng: Rng): { name: string; customer: string } {
  const customer = rng.pick(rng.chance(0.5) ? COMPANIES : COMPOSED_COMPANIES);
  const r = rng.next();
  let name: string;
  if (r < 0.45) name = `${customer} ${rng.pick(UNITS)} — ${rng.pick(ENVIRONMENTS)}`;
  else if (r < 0.65) name = `${customer} ${rng.pick(GEOS)} ${rng.pick(ENVIRONMENTS)}`;
  else if (r < 0.85) name = `${customer} ${rng.pick(UNITS)}`;
  else name = `${customer} — ${rng.pick(ENVIRONMENTS)}`;
  return { name, customer };
}

interface Draft {
  index: number;
  createdMs: number;
  name: string | undefined;
  customer: string;
  subscription: Subscription;
  region: (typeof REGIONS)[number];
  status: TenantStatus;
}

export function generateDataset(opts: GenerateOptions): Dataset {
  validateGenerateOptions(opts);
  const referenceDate = new Date(opts.referenceDate ?? DEFAULT_REFERENCE_DATE).toISOString();
  const ref = Date.parse(referenceDate);
  const rng = createRng(opts.seed, "organization");
  const subscriptions = generateSubscriptions(rng, opts.subscriptions, ref);
  const subWeights = subscriptions.map((s, i) => [s, 1 / (i + 1) ** 0.9] as const);
  const regionWeights = REGIONS.map((r) => [r, REGION_WEIGHTS[r.code]] as const);
  const createdBy = Array.from({ length: 25 }, () => rng.chars(32, ID_ALPHABET));

  const count = opts.tenants;
  const hostile = new Map<number, string>();
  let unnamedIndex = -1;
  if (count >= 50) {
    HOSTILE_NAMES.forEach((name, k) =>
      hostile.set(Math.floor(((k + 1) * count) / (HOSTILE_NAMES.length + 2)), name),
    );
    unnamedIndex = Math.floor(((HOSTILE_NAMES.length + 1) * count) / (HOSTILE_NAMES.length + 2));
  }

  const drafts: Draft[] = [];
  for (let i = 0; i < count; i++) {
    const subscription =
      i < subscriptions.length ? (subscriptions[i] as Subscription) : rng.weighted(subWeights);
    const region = i < REGIONS.length ? (REGIONS[i] as Draft["region"]) : rng.weighted(regionWeights);
    const status =
      i < TENANT_STATUSES.length ? (TENANT_STATUSES[i] as TenantStatus) : rng.weighted(STATUS_WEIGHTS);
    const createdMs = ref - Math.floor(rng.next() ** 0.8 * 4 * 365 * DAY) - rng.int(1, 1000);
    const generated = tenantName(rng);
    const name = i === unnamedIndex ? undefined : (hostile.get(i) ?? generated.name);
    drafts.push({ index: i, createdMs, name, customer: generated.customer, subscription, region, status });
  }
  drafts.sort((a, b) => a.createdMs - b.createdMs || a.index - b.index);

  const ids = new Set<string>();
  const hosts = new Set<string>();
  const suffixes = new Map<string, number>(); // next free "-n" per label, so clashes stay O(1)
  const uniqueHost = (label: string, domain: string) => {
    let host = `${label}.${domain}`;
    if (hosts.has(host)) {
      let n = suffixes.get(host) ?? 2;
      while (hosts.has(`${label}-${n}.${domain}`)) n++;
      suffixes.set(host, n + 1);
      host = `${label}-${n}.${domain}`;
    }
    hosts.add(host);
    return host;
  };

  const tenants = drafts.map((d): TenantData => {
    let id: string;
    do id = rng.chars(32, ID_ALPHABET);
    while (ids.has(id));
    ids.add(id);

    const domain = regionDomain(d.region.code);
    const hostnames = [uniqueHost(slugify(d.name ?? "") || `tenant-${rng.chars(8, ALNUM)}`, domain)];
    if (rng.chance(0.15)) hostnames.push(uniqueHost(`${slugify(d.customer, 20)}-${rng.chars(4, ALNUM)}`, domain));
    if (rng.chance(0.05))
      hostnames.push(uniqueHost(rng.pick(CUSTOM_DOMAIN_PREFIXES), `${slugify(d.customer, 30)}.com`));

    const updatedMs = d.createdMs + Math.floor(rng.next() ** 2 * (ref - d.createdMs));
    let deletionStartsAt: string | undefined;
    if (d.status === "deleted") deletionStartsAt = isoMs(updatedMs + 30 * DAY);
    else if (d.status === "deactivated") deletionStartsAt = isoMs(updatedMs + 60 * DAY);
    else if (rng.chance(0.01)) deletionStartsAt = isoMs(ref + rng.int(10, 90) * DAY);

    const tenant: TenantData = {
      id,
      ...(d.name === undefined ? {} : { name: d.name }),
      status: d.status,
      hostnames,
      regionCode: d.region.code,
      countryCode: d.region.country,
      createdAt: isoMs(d.createdMs),
      updatedAt: isoMs(updatedMs),
      createdBy: rng.pick(createdBy),
      subscriptionId: d.subscription.id,
      licenseNumber: d.subscription.id,
      licenseStartsAt: d.subscription.licenseStartsAt,
      licenseEndsAt: d.subscription.licenseEndsAt,
    };
    if (deletionStartsAt) tenant.deletionStartsAt = deletionStartsAt;
    return tenant;
  });

  return { referenceDate, subscriptions, tenants };
}
