// The partition plan: every tenant, whatever changed since the previous snapshot, matches exactly
// one walk's filter (checked with the simulator's own SCIM parser and evaluator).
import { describe, expect, it } from "vitest";
import { planPartitions } from "@/lib/tenants/sync/partition";
import type { Tenant } from "@/lib/tenants/types";
import { compileFilter, type FilterTarget } from "../../simulator/scim/evaluator";
import { parseFilter } from "../../simulator/scim/parser";
import { makeTenant } from "../db/support/tenants";

const REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2", "ca-central-1"];

function target(t: Tenant): FilterTarget {
  return {
    id: t.id,
    name: t.name,
    subscriptionId: t.subscriptionId ?? undefined,
    regionCode: t.regionCode,
    countryCode: t.countryCode,
    status: t.status,
    hostnamesLower: t.hostnames.map((h) => h.toLowerCase()),
    createdMs: Date.parse(t.createdAt),
    updatedMs: Date.parse(t.updatedAt),
  };
}

/** Skewed organization: subscription k holds ~1/(k+1) of the tenants, over several regions. */
function organization(n: number, subscriptions: number): Tenant[] {
  const weights = Array.from({ length: subscriptions }, (_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const out: Tenant[] = [];
  let i = 0;
  weights.forEach((w, k) => {
    const count = Math.max(1, Math.round((n * w) / total));
    for (let j = 0; j < count; j++, i++)
      out.push(
        makeTenant(i, {
          subscriptionId: String(1_000_000_000_000_000 + k),
          regionCode: REGIONS[(i * 7 + k) % REGIONS.length]!,
        }),
      );
  });
  return out;
}

function matches(
  plan: NonNullable<ReturnType<typeof planPartitions>>,
  tenants: Tenant[],
): number[] {
  const predicates = plan.map((p) => compileFilter(parseFilter(p.filter.text)));
  return tenants.map((t) => predicates.filter((match) => match(target(t))).length);
}

describe("partition plan", () => {
  it("reads sequentially on the first pass and for small organizations", () => {
    expect(planPartitions(null)).toBeNull();
    expect(planPartitions(organization(100, 3))).toBeNull();
  });

  it("puts every tenant in exactly one walk, including new subscriptions, regions and none", () => {
    const previous = organization(10_000, 12);
    const plan = planPartitions(previous)!;
    expect(plan.length).toBeGreaterThan(2);
    expect(plan.length).toBeLessThanOrEqual(12);
    const changed = [
      ...previous,
      makeTenant(90_001, { subscriptionId: "9999999999999999" }),
      makeTenant(90_002, { subscriptionId: null }),
      makeTenant(90_003, { subscriptionId: previous[0]!.subscriptionId, regionCode: "sa-east-1" }),
      makeTenant(90_004, {
        subscriptionId: previous.at(-1)!.subscriptionId,
        regionCode: "il-central-1",
      }),
    ];
    expect(new Set(matches(plan, changed))).toEqual(new Set([1]));
    expect(plan.reduce((sum, p) => sum + p.expected, 0)).toBe(previous.length);
  });

  it("splits a subscription holding most tenants by region", () => {
    const previous = organization(5_000, 1);
    const plan = planPartitions(previous)!;
    expect(plan.filter((p) => p.label.startsWith("subscription ")).length).toBeGreaterThan(2);
    expect(Math.max(...plan.map((p) => p.expected))).toBeLessThan(previous.length / 2);
    expect(new Set(matches(plan, previous))).toEqual(new Set([1]));
  });

  it("balances the walks", () => {
    const previous = organization(10_000, 12);
    const plan = planPartitions(previous)!;
    const largest = Math.max(...plan.map((p) => p.expected));
    expect(largest).toBeLessThanOrEqual(Math.ceil(previous.length / 4));
  });

  it("leaves small subscriptions to the rest walk when the filter would get too long", () => {
    const previous = organization(20_000, 600);
    const plan = planPartitions(previous, { maxEncodedFilterLength: 3_000 })!;
    for (const p of plan)
      expect(encodeURIComponent(p.filter.text).length).toBeLessThanOrEqual(3_000);
    const rest = plan.find((p) => p.label === "rest")!;
    expect(rest.expected).toBeGreaterThan(0);
    expect(new Set(matches(plan, previous))).toEqual(new Set([1]));
  });
});
