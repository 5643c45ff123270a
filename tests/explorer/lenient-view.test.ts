import { describe, expect, it } from "vitest";
import {
  describeIgnored,
  parseViewLeniently,
  withoutIgnored,
} from "@/components/tenants/explorer-url";
import { DEFAULT_VIEW } from "@/lib/tenants/view-params";

describe("a link's view, leaving out what cannot be used", () => {
  it("reads a clean link as the codec does, reporting nothing", () => {
    const { view, ignored } = parseViewLeniently({ status: "active", sort: "-createdAt" });
    expect(view.status).toEqual(["active"]);
    expect(view.sort).toEqual([{ field: "createdAt", desc: true }]);
    expect(ignored).toEqual([]);
    // The same empty list every time, so a re-render can tell nothing changed.
    expect(parseViewLeniently({}).ignored).toBe(ignored);
  });

  it("drops each unusable parameter and names it in plain words", () => {
    const { view, ignored } = parseViewLeniently({ sort: "nope", group: "xyz", q: "acme" });
    expect(view).toEqual({ ...DEFAULT_VIEW, q: "acme" });
    expect(ignored.map(describeIgnored)).toEqual([
      'Ignored sort "nope" — not a column to sort by',
      'Ignored grouping "xyz" — not a way to group tenants',
    ]);
  });

  it("keeps the usable values of a parameter that also has unusable ones", () => {
    const { view, ignored } = parseViewLeniently({
      region: "eu-west-1,mars-1",
      subscription: ["123", "abc"],
      sort: "-createdAt,nope,createdAt",
    });
    expect(view.region).toEqual(["eu-west-1"]);
    expect(view.subscription).toEqual(["123"]);
    expect(view.sort).toEqual([{ field: "createdAt", desc: true }]);
    expect(ignored.map((i) => [i.param, i.value])).toEqual([
      ["region", "mars-1"],
      ["subscription", "abc"],
      ["sort", "nope"],
      ["sort", "createdAt"],
    ]);
  });

  it("drops dates that are not dates, and a range that ends before it starts", () => {
    expect(parseViewLeniently({ createdFrom: "2024-13-45" }).ignored.map(describeIgnored)).toEqual([
      'Ignored created from "2024-13-45" — not a date',
    ]);
    const reversed = parseViewLeniently({ createdFrom: "2025-01-01", createdTo: "2024-01-01" });
    expect(reversed.view.createdFrom).toBeNull();
    expect(reversed.view.createdTo).toBeNull();
    expect(reversed.ignored.map(describeIgnored)).toEqual([
      'Ignored created dates "2025-01-01 – 2024-01-01" — the start is after the end',
    ]);
  });

  it("leaves out values a check elsewhere found no tenant has", () => {
    const { view } = parseViewLeniently({ status: "active,bogus" });
    const left = withoutIgnored(view, [
      { param: "status", value: "bogus", reason: "not a status" },
    ]);
    expect(left.status).toEqual(["active"]);
    expect(withoutIgnored(left, [])).toBe(left);
  });
});
