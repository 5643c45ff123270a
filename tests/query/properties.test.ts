// The index against a brute-force reference on ~200 random views (seeded, so a failure reproduces):
// rows and their order, totals, facets with every other filter applied, and group summaries.
import { describe, expect, it } from "vitest";
import { createTenantIndex } from "@/lib/tenants/query";
import { buildTenants, createRng } from "./support/fixture";
import { refQuery } from "./support/reference";
import { randomPage, randomView } from "./support/views";

const tenants = buildTenants(1500, 7);
const VIEWS = 200;

describe.each([
  ["without the cache", 0],
  ["with the cache", 16],
])("index.query on random views, %s", (_label, cacheSize) => {
  const index = createTenantIndex(tenants, { cacheSize });

  it(`agrees with the reference on ${VIEWS} random views`, () => {
    const rng = createRng(20261120);
    for (let n = 0; n < VIEWS; n++) {
      const view = randomView(rng, tenants);
      const expected = refQuery(tenants, view, { offset: 0, limit: 0 });
      const page = randomPage(rng, expected.total);
      const got = index.query(view, page);
      const context = `view #${n}: ${JSON.stringify(view)} page ${JSON.stringify(page)}`;
      expect(got.total, context).toBe(expected.total);
      expect(got.totalAll, context).toBe(tenants.length);
      expect(
        got.rows.map((t) => t.id),
        context,
      ).toEqual(expected.ordered.slice(page.offset, page.offset + page.limit).map((t) => t.id));
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
