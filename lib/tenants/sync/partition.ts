import "server-only";
import { scim, type ScimFilter } from "@/lib/qlik/scim";
import type { Tenant } from "@/lib/tenants/types";

// Splits a full pass into cursor walks that can run side by side, planned from the previous
// snapshot. Every tenant falls in exactly one walk whatever changed since:
//  - one walk per bin of subscriptions (`subscriptionId eq "a" or subscriptionId eq "b"`), the bins
//    packed largest-first so they hold about the same number of tenants;
//  - a subscription too big for one bin is split by region (`subscriptionId eq "a" and (regionCode
//    eq "r1" or …)`), its last piece taking every other region (`… and not (regionCode eq …)`), so a
//    tenant in a region new to it is still read;
//  - one "rest" walk: `not (subscriptionId eq … or …)` over every subscription named above, for
//    tenants in new subscriptions or without one.
// Filters are built with the SCIM builder. The rest filter names every explicit subscription, so
// when it would get too long the smallest subscriptions are left to the rest walk instead.

export interface Partition {
  /** For logs: "subscriptions 3", "subscription 1234… regions 2/3", "rest". */
  label: string;
  filter: ScimFilter;
  /** Tenants it held in the previous snapshot (for scheduling, largest first). */
  expected: number;
}

export interface PartitionOptions {
  /** Walks to aim for (not counting the rest walk). Default 10. */
  targetPartitions?: number;
  /** Longest filter sent, URL-encoded. Default 6,000 characters (URLs stay under 8 KB). */
  maxEncodedFilterLength?: number;
  /** Below this many tenants a plain sequential pass is as fast. Default 500. */
  minTenants?: number;
}

/** Longest-processing-time packing: items (largest first) into `bins` bins of similar weight. */
function pack<T>(items: readonly T[], weight: (item: T) => number, bins: number): T[][] {
  const out = Array.from({ length: Math.max(1, bins) }, () => ({ load: 0, items: [] as T[] }));
  for (const item of [...items].sort((a, b) => weight(b) - weight(a))) {
    let best = out[0]!;
    for (const bin of out) if (bin.load < best.load) best = bin;
    best.items.push(item);
    best.load += weight(item);
  }
  return out.filter((b) => b.items.length > 0).map((b) => b.items);
}

/** The walks for a pass after `previous`, or null when a plain sequential pass should be used. */
export function planPartitions(
  previous: readonly Tenant[] | null,
  options: PartitionOptions = {},
): Partition[] | null {
  const target = Math.max(2, options.targetPartitions ?? 10);
  const maxLength = options.maxEncodedFilterLength ?? 6_000;
  if (!previous || previous.length < (options.minTenants ?? 500)) return null;

  const bySubscription = new Map<string, Map<string, number>>();
  for (const t of previous) {
    if (t.subscriptionId === null) continue;
    let regions = bySubscription.get(t.subscriptionId);
    if (!regions) bySubscription.set(t.subscriptionId, (regions = new Map()));
    regions.set(t.regionCode, (regions.get(t.regionCode) ?? 0) + 1);
  }
  const subscriptions = [...bySubscription.entries()]
    .map(([id, regions]) => ({
      id,
      regions,
      count: [...regions.values()].reduce((a, b) => a + b, 0),
    }))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));

  // Explicit subscriptions: as many (largest first) as the rest filter can name. URL-encoding works
  // character by character, so the encoded length of the joined filter is the sum of its parts'.
  const explicit: typeof subscriptions = [];
  const enc = (text: string) => encodeURIComponent(text).length;
  let length = enc("not ()") - enc(" or ");
  for (const s of subscriptions) {
    const added = enc(" or ") + enc(scim.eq("subscriptionId", s.id).text);
    if (length + added > maxLength) break;
    explicit.push(s);
    length += added;
  }
  if (explicit.length === 0) return null;
  const rest = scim.not(
    scim.in(
      "subscriptionId",
      explicit.map((s) => s.id),
    ),
  );

  const restCount = previous.length - explicit.reduce((sum, s) => sum + s.count, 0);
  const perPartition = Math.ceil(previous.length / target);
  const partitions: Partition[] = [];

  // Subscriptions bigger than one partition: split by region.
  const small: typeof subscriptions = [];
  for (const s of explicit) {
    const pieces = Math.min(s.regions.size, Math.round(s.count / perPartition));
    if (pieces < 2) {
      small.push(s);
      continue;
    }
    const groups = pack([...s.regions.entries()], ([, n]) => n, pieces);
    const named: string[] = [];
    groups.forEach((group, i) => {
      const count = group.reduce((sum, [, n]) => sum + n, 0);
      const regions = group.map(([code]) => code);
      const isLast = i === groups.length - 1;
      const regionFilter = isLast
        ? scim.not(scim.in("regionCode", named))
        : scim.in("regionCode", regions);
      named.push(...regions);
      partitions.push({
        label: `subscription ${s.id} regions ${i + 1}/${groups.length}`,
        filter: scim.and(scim.eq("subscriptionId", s.id), regionFilter),
        expected: count,
      });
    });
  }

  const smallTotal = small.reduce((sum, s) => sum + s.count, 0);
  const room = Math.max(1, target - partitions.length);
  const bins = Math.max(1, Math.min(small.length, room, Math.round(smallTotal / perPartition)));
  for (const bin of pack(small, (s) => s.count, bins)) {
    partitions.push({
      label: `subscriptions ${bin.length}`,
      filter: scim.in(
        "subscriptionId",
        bin.map((s) => s.id),
      ),
      expected: bin.reduce((sum, s) => sum + s.count, 0),
    });
  }
  partitions.push({ label: "rest", filter: rest, expected: restCount });
  return partitions.sort((a, b) => b.expected - a.expected);
}
