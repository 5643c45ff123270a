// The index against a brute-force reference on ~200 random views (seeded, so a failure reproduces):
// rows and their order, where the search found each row, totals, facets with every other filter
// applied, and group summaries with their ended licenses.
import { afterAll, describe, expect, it } from "vitest";
import { createTenantIndex, overlaySource } from "@/lib/tenants/query";
import { buildOverlay, buildTenants, createRng } from "./support/fixture";
import { refAnnotation, refMatch, refQuery, useOverlay } from "./support/reference";
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

describe.each([
  ["without the cache", 0],
  ["with the cache", 16],
])("index.query with annotations on random views, %s", (_label, cacheSize) => {
  const index = createTenantIndex(tenants, { cacheSize, asOf: AS_OF });
  const overlay = buildOverlay(tenants, 11);
  const annotations = overlaySource(overlay);
  afterAll(() => useOverlay({ version: "0", subscriptions: new Map(), tenants: new Map() }));

  it(`agrees with the reference on ${VIEWS} random views (owner, tag, annotated, names in search)`, () => {
    useOverlay(overlay);
    const rng = createRng(20261205);
    const seen = { tagGroups: 0, ownerMatches: 0, nameMatches: 0, owner: 0, tag: 0 };
    for (let n = 0; n < VIEWS; n++) {
      const view = randomView(rng, tenants, true);
      const expected = refQuery(tenants, view, { offset: 0, limit: 0 }, AS_OF);
      const page = randomPage(rng, expected.positions.length);
      const rows = expected.positions.slice(page.offset, page.offset + page.limit);
      const got = index.query(view, page, annotations);
      const context = `view #${n}: ${JSON.stringify(view)} page ${JSON.stringify(page)}`;
      expect(got.total, context).toBe(expected.total);
      expect(got.positions, context).toBe(expected.positions.length);
      expect(
        got.rows.map((t) => t.id),
        context,
      ).toEqual(rows.map((t) => t.id));
      expect(got.annotations, context).toEqual(rows.map(refAnnotation));
      expect(got.matches, context).toEqual(rows.map((t) => refMatch(t, view.q)));
      expect(got.facets, context).toEqual(expected.facets);
      expect(got.groups, context).toEqual(expected.groups);
      const selection = index.select(view, annotations);
      expect(selection.total, context).toBe(expected.total);
      const selected = [...selection];
      expect(
        selected.map((t) => t.id),
        context,
      ).toEqual(expected.ordered.map((t) => t.id));
      expect(selected.slice(0, 20), context).toEqual(
        expected.ordered.slice(0, 20).map((t) => ({ ...t, ...refAnnotation(t) })),
      );
      if (view.group === "tag" && got.positions > got.total) seen.tagGroups++;
      if (view.owner.length) seen.owner++;
      if (view.tag.length) seen.tag++;
      for (const m of got.matches) {
        if (m?.includes("owner")) seen.ownerMatches++;
        if (m?.includes("subscriptionName")) seen.nameMatches++;
      }
    }
    // The sample exercises what is new: tenants in several tag groups, owner and tag filters, and
    // rows found by their owner or their subscription's name.
    expect(seen.tagGroups).toBeGreaterThan(3);
    expect(seen.owner).toBeGreaterThan(10);
    expect(seen.tag).toBeGreaterThan(10);
    expect(seen.ownerMatches).toBeGreaterThan(0);
    expect(seen.nameMatches).toBeGreaterThan(0);
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
