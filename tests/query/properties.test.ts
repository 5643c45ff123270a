// The index against a brute-force reference on ~200 random views (seeded, so a failure reproduces):
// rows and their order, where the search found each row, totals, facets with every other filter
// applied, and group summaries with their ended licenses.
import { describe, expect, it } from "vitest";
import { createTenantIndex } from "@/lib/tenants/query";
import { buildTenants, createRng } from "./support/fixture";
import { refMatch, refQuery } from "./support/reference";
import { identifierView, randomPage, randomView } from "./support/views";

const tenants = buildTenants(1500, 7);
const VIEWS = 200;
/** Inside the fixture's license periods: some have ended, some not. */
const AS_OF = Date.UTC(2024, 5, 1);

describe.each([
  ["without the cache", 0],
  ["with the cache", 16],
])("index.query on random views, %s", (_label, cacheSize) => {
  const index = createTenantIndex(tenants, { cacheSize, asOf: AS_OF });

  it(`agrees with the reference on ${VIEWS} random views`, () => {
    const rng = createRng(20261120);
    for (let n = 0; n < VIEWS; n++) {
      const view = randomView(rng, tenants);
      const expected = refQuery(tenants, view, { offset: 0, limit: 0 }, AS_OF);
      const page = randomPage(rng, expected.total);
      const rows = expected.ordered.slice(page.offset, page.offset + page.limit);
      const got = index.query(view, page);
      const context = `view #${n}: ${JSON.stringify(view)} page ${JSON.stringify(page)}`;
      expect(got.total, context).toBe(expected.total);
      expect(got.totalAll, context).toBe(tenants.length);
      expect(
        got.rows.map((t) => t.id),
        context,
      ).toEqual(rows.map((t) => t.id));
      expect(got.matches, context).toEqual(rows.map((t) => refMatch(t, view.q)));
      expect(got.facets, context).toEqual(expected.facets);
      expect(got.groups, context).toEqual(expected.groups);
      // The export's iterator gives the whole order.
      const selection = index.select(view);
      expect(selection.total, context).toBe(expected.total);
      expect(
        [...selection].map((t) => t.id),
        context,
      ).toEqual(expected.ordered.map((t) => t.id));
    }
  });
});

describe("searches for identifiers", () => {
  const index = createTenantIndex(tenants, { cacheSize: 16, asOf: AS_OF });

  it("agree with the reference: whole values and prefixes of 4 or more match, nothing else", () => {
    const rng = createRng(4242);
    const found: Record<string, number> = {};
    let misses = 0;
    for (let n = 0; n < 150; n++) {
      const view = identifierView(rng, tenants);
      const expected = refQuery(tenants, view, { offset: 0, limit: 0 }, AS_OF);
      const got = index.query(view, { offset: 0, limit: tenants.length });
      const context = `view #${n}: ${JSON.stringify(view)}`;
      expect(
        got.rows.map((t) => t.id),
        context,
      ).toEqual(expected.ordered.map((t) => t.id));
      expect(got.matches, context).toEqual(expected.ordered.map((t) => refMatch(t, view.q)));
      expect(got.groups, context).toEqual(expected.groups);
      if (got.total === 0) misses++;
      for (const match of got.matches) for (const f of match ?? []) found[f] = (found[f] ?? 0) + 1;
    }
    // The sample exercises every kind: id and license matches, and searches that find nothing.
    expect(found.id).toBeGreaterThan(10);
    expect(found.licenseNumber).toBeGreaterThan(10);
    expect(found.subscriptionId).toBeGreaterThan(10);
    expect(misses).toBeGreaterThan(10);
  });
});
