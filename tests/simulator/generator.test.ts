import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REGIONS, TENANT_STATUSES, regionDomain } from "../../lib/regions";
import { DEFAULT_REFERENCE_DATE, generateDataset } from "../../simulator/data/generate";
import { HOSTILE_NAMES } from "../../simulator/data/names";
import { DataFileError, startSimulator, type Tenant } from "../../simulator/server";
import { assertSchema } from "./support/contract-fetch";
import { api } from "./support/sim";

const DAY = 86_400_000;
const big = generateDataset({ tenants: 2500, subscriptions: 12, seed: 1 });

describe("generateDataset", () => {
  it("is byte-identical for the same options and differs for another seed", () => {
    const again = generateDataset({ tenants: 2500, subscriptions: 12, seed: 1 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(big));
    expect(JSON.stringify(generateDataset({ tenants: 2500, subscriptions: 12, seed: 2 }))).not.toBe(
      JSON.stringify(big),
    );
  });

  it("produces tenants that match the contract's Tenant schema", () => {
    for (const t of big.tenants) assertSchema("Tenant", t, { context: t.id });
  });

  it("has unique 32-character ids and unique hostnames", () => {
    expect(big.tenants.every((t) => /^[A-Za-z0-9_-]{32}$/.test(t.id))).toBe(true);
    expect(new Set(big.tenants.map((t) => t.id)).size).toBe(2500);
    const hosts = big.tenants.flatMap((t) => t.hostnames.map((h) => h.toLowerCase()));
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(big.tenants.every((t) => t.createdBy && /^[A-Za-z0-9_-]{32}$/.test(t.createdBy))).toBe(
      true,
    );
  });

  it("spreads tenants over all 17 regions, heavier in us-east-1, eu-west-1 and eu-central-1", () => {
    const counts = new Map<string, number>();
    for (const t of big.tenants) counts.set(t.regionCode, (counts.get(t.regionCode) ?? 0) + 1);
    expect(counts.size).toBe(17);
    const heavy = ["us-east-1", "eu-west-1", "eu-central-1"].map((r) => counts.get(r) ?? 0);
    const light = REGIONS.filter(
      (r) => !["us-east-1", "eu-west-1", "eu-central-1"].includes(r.code),
    ).map((r) => counts.get(r.code) ?? 0);
    expect(Math.min(...heavy)).toBeGreaterThan(Math.max(...light));
  });

  it("pairs each region with its country code and hostname domain", () => {
    for (const t of big.tenants) {
      const region = REGIONS.find((r) => r.code === t.regionCode);
      expect(t.countryCode).toBe(region?.country);
      expect(t.hostnames[0]?.endsWith(`.${regionDomain(t.regionCode)}`)).toBe(true);
    }
  });

  it("has ~15% alias hostnames and ~5% custom domains", () => {
    const alias =
      big.tenants.filter((t) => t.hostnames.some((h, i) => i > 0 && h.endsWith(".qlikcloud.com")))
        .length / 2500;
    const custom =
      big.tenants.filter((t) => t.hostnames.some((h) => !h.endsWith(".qlikcloud.com"))).length /
      2500;
    expect(alias).toBeGreaterThan(0.1);
    expect(alias).toBeLessThan(0.2);
    expect(custom).toBeGreaterThan(0.025);
    expect(custom).toBeLessThan(0.08);
  });

  it("uses all four statuses, mostly active, with deletionStartsAt on deleted and deactivated tenants", () => {
    const by = (s: string) => big.tenants.filter((t) => t.status === s);
    for (const s of TENANT_STATUSES) expect(by(s).length).toBeGreaterThan(0);
    expect(by("active").length / 2500).toBeGreaterThan(0.7);
    for (const t of [...by("deleted"), ...by("deactivated")])
      expect(t.deletionStartsAt).toBeDefined();
    expect(by("active").some((t) => t.deletionStartsAt)).toBe(true);
  });

  it("has N subscriptions with 16-digit ids, licenseNumber = subscriptionId, mixed license date forms", () => {
    expect(big.subscriptions).toHaveLength(12);
    expect(big.subscriptions.every((s) => /^[1-9]\d{15}$/.test(s.id))).toBe(true);
    expect(new Set(big.tenants.map((t) => t.subscriptionId)).size).toBe(12);
    expect(big.tenants.every((t) => t.licenseNumber === t.subscriptionId)).toBe(true);
    const ends = big.tenants.map((t) => t.licenseEndsAt as string);
    expect(ends.some((e) => /^\d{4}-\d\d-\d\d$/.test(e))).toBe(true);
    expect(ends.some((e) => /T/.test(e))).toBe(true);
  });

  it("has licenses ending within 30 days after the reference date", () => {
    const ref = Date.parse(DEFAULT_REFERENCE_DATE);
    const soon = big.subscriptions.filter((s) => {
      const end = Date.parse(s.licenseEndsAt);
      return end > ref && end <= ref + 30 * DAY;
    });
    expect(soon.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps createdAt within ~4 years before the reference date and updatedAt ≥ createdAt", () => {
    const ref = Date.parse(big.referenceDate);
    for (const t of big.tenants) {
      const created = Date.parse(t.createdAt);
      expect(created).toBeLessThan(ref);
      expect(created).toBeGreaterThan(ref - 4 * 366 * DAY);
      expect(Date.parse(t.updatedAt)).toBeGreaterThanOrEqual(created);
    }
    // Creation order is the default order.
    const created = big.tenants.map((t) => Date.parse(t.createdAt));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it.each([50, 51, 2500])("contains every hostile name in a dataset of %i tenants", (count) => {
    const names = new Set(
      generateDataset({ tenants: count, subscriptions: 3, seed: 9 }).tenants.map((t) => t.name),
    );
    for (const name of HOSTILE_NAMES) expect(names.has(name), JSON.stringify(name)).toBe(true);
    for (const name of [
      "Müller & Söhne — Zürich",
      "東京アナリティクス",
      "Ærø Ωmega",
      'Tenant "Quoted", Inc.',
      "<script>alert(1)</script>",
      '=HYPERLINK("http://x")',
      "+1 Tenant",
      "-minus",
      "@at Analytics",
    ])
      expect(names.has(name)).toBe(true);
    expect([...names].some((n) => n?.includes("\n"))).toBe(true);
    expect([...names].some((n) => n?.includes(","))).toBe(true);
  });

  it("has one tenant without a name (the contract does not require it)", () => {
    expect(big.tenants.filter((t) => t.name === undefined)).toHaveLength(1);
  });

  it("rejects impossible options", () => {
    expect(() => generateDataset({ tenants: -1, subscriptions: 1, seed: 1 })).toThrow(/tenants/);
    expect(() => generateDataset({ tenants: 10, subscriptions: 0, seed: 1 })).toThrow(
      /subscriptions/,
    );
  });
});

describe("simulators from the same seed", () => {
  it("serve identical data", async () => {
    const a = await startSimulator({ port: 0, tenants: 500, seed: 42 });
    const b = await startSimulator({ port: 0, tenants: 500, seed: 42 });
    const strip = (ts: Tenant[]) => ts.map(({ links: _links, ...t }) => t);
    expect(strip(a.tenants())).toEqual(strip(b.tenants()));
    const [ca, cb] = [await api(a), await api(b)];
    const pa = await ca.get("/api/core/tenants?limit=5&sort=name");
    const pb = await cb.get("/api/core/tenants?limit=5&sort=name");
    expect(new URL(pa.body.links.next.href).search).toBe(new URL(pb.body.links.next.href).search);
    await Promise.all([a.close(), b.close()]);
  });
});

describe("dataFile", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sim-data-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const sample = generateDataset({ tenants: 80, subscriptions: 3, seed: 4 }).tenants;

  it.each([
    [
      "an API page {data: [...]}",
      JSON.stringify({ data: sample.map((t) => ({ ...t, links: { self: { href: "x" } } })) }),
    ],
    ["a bare array", JSON.stringify(sample)],
  ])("loads %s", async (_label, content) => {
    const sim = await startSimulator({ port: 0, dataFile: file("ok.json", content) });
    try {
      expect(sim.tenants().map(({ links: _l, ...t }) => t)).toEqual(sample);
      const client = await api(sim);
      const res = await client.get("/api/core/tenants?limit=100&totalResults=true");
      expect(res.body.totalResults).toBe(80);
    } finally {
      await sim.close();
    }
  });

  it.each([
    ["missing.json", null, /cannot be read \(ENOENT\)/],
    ["broken.json", "{", /is not valid JSON/],
    ["shape.json", '{"tenants": []}', /expected \{"data"/],
    [
      "region.json",
      JSON.stringify([{ ...sample[0], regionCode: "mars-1" }]),
      /data\[0\]\.regionCode/,
    ],
    ["required.json", JSON.stringify([{ ...sample[0], status: undefined }]), /data\[0\]\.status/],
    ["dup.json", JSON.stringify([sample[0], sample[0]]), /duplicate/],
    [
      "hosts.json",
      JSON.stringify([sample[0], { ...sample[1], hostnames: sample[0]?.hostnames }]),
      /also used by/,
    ],
    [
      "dates.json",
      JSON.stringify([{ ...sample[0], createdAt: "2024-01-01" }]),
      /data\[0\]\.createdAt/,
    ],
  ])("refuses %s with a clear message", async (name, content, message) => {
    const p = content === null ? path.join(dir, name) : file(name, content);
    const err = await startSimulator({ port: 0, dataFile: p }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFileError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toContain(p);
  });
});
