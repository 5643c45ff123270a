import { describe, expect, it } from "vitest";
import { annotationPatch } from "@/components/annotations/annotation-patch";
import { scopeFilters, suggestedName } from "@/components/shares/view-summary";
import { exportColumnsForVisible } from "@/components/export/column-map";
import {
  describeIgnored,
  parseViewLeniently,
  viewToUrlValues,
  visibleColumns,
} from "@/components/tenants/explorer-url";
import { hasFilters } from "@/components/tenants/explorer-filter-bar";
import { facetOptions } from "@/components/tenants/facet-options";
import { facetLabel, subscriptionLabel } from "@/components/tenants/format";
import { GROUP_LABELS } from "@/components/tenants/group-select";
import { DEFAULT_VIEW } from "@/lib/tenants/view-params";

describe("subscription names and annotation values as the explorer shows them", () => {
  it("shows a subscription's name when it has one, else its id", () => {
    expect(subscriptionLabel("1234567890123456", "Acme OEM — production")).toBe(
      "Acme OEM — production",
    );
    expect(subscriptionLabel("1234567890123456", null)).toBe("1234567890123456");
    expect(subscriptionLabel("1234567890123456", "  ")).toBe("1234567890123456");
    expect(subscriptionLabel("none", "ignored")).toBe("No subscription");
    expect(facetLabel("subscription", "42", "Acme")).toBe("Acme");
    expect(facetLabel("owner", "none")).toBe("No owner");
    expect(facetLabel("tag", "none")).toBe("No tags");
    expect(facetLabel("tag", "eu-prod")).toBe("eu-prod");
  });

  it("lists a facet's values by their label, a selected value without tenants kept at 0", () => {
    const options = facetOptions(
      "subscription",
      [
        { value: "1", count: 3 },
        { value: "2", count: 9, label: "Acme OEM" },
      ],
      ["3"],
    );
    expect(options).toEqual([
      { value: "2", count: 9, label: "Acme OEM" },
      { value: "1", count: 3, label: "1" },
      { value: "3", count: 0, label: "3" },
    ]);
  });

  it("names the new groupings", () => {
    expect(GROUP_LABELS.owner).toBe("Owner");
    expect(GROUP_LABELS.tag).toBe("Tag");
    expect(GROUP_LABELS["region,subscription"]).toBe("Region → Subscription");
  });
});

describe("owner, tag and annotated in the explorer's URL", () => {
  it("repeats owners (a team name may hold a comma) and joins tags with commas", () => {
    const view = {
      ...DEFAULT_VIEW,
      owner: ["Data, Analytics", "ops@example.com"],
      tag: ["b", "a"],
    };
    const values = viewToUrlValues({ ...view, annotated: true });
    expect(values.owner).toEqual(["Data, Analytics", "ops@example.com"]);
    expect(values.tag).toBe("a,b");
    expect(values.annotated).toBe("yes");
    expect(viewToUrlValues(DEFAULT_VIEW).owner).toBeNull();
    const back = parseViewLeniently(values).view;
    expect(back.owner).toEqual(["Data, Analytics", "ops@example.com"]);
    expect(back.tag).toEqual(["a", "b"]);
    expect(back.annotated).toBe(true);
  });

  it("leaves out an unusable tag or annotated value and keeps the rest", () => {
    const { view, ignored } = parseViewLeniently({
      tag: "eu-prod,Not A Tag!",
      annotated: "maybe",
      owner: ["Team Data", "bad\u0001owner"],
    });
    expect(view.tag).toEqual(["eu-prod"]);
    expect(view.annotated).toBeNull();
    expect(view.owner).toEqual(["Team Data"]);
    expect(ignored.map(describeIgnored)).toEqual([
      'Ignored owner "bad\u0001owner" — not an owner',
      'Ignored tag "Not A Tag!" — not a tag',
      'Ignored annotated "maybe" — not "yes" or "no"',
    ]);
  });

  it("counts owner, tag and annotated as filters", () => {
    expect(hasFilters(DEFAULT_VIEW)).toBe(false);
    expect(hasFilters({ ...DEFAULT_VIEW, tag: ["x"] })).toBe(true);
    expect(hasFilters({ ...DEFAULT_VIEW, owner: ["none"] })).toBe(true);
    expect(hasFilters({ ...DEFAULT_VIEW, annotated: false })).toBe(true);
  });
});

describe("the optional columns", () => {
  it("are off by default and offered in the picker; each exports as its own column", () => {
    expect(visibleColumns(null)).not.toEqual(expect.arrayContaining(["owner"]));
    for (const c of ["subscriptionName", "owner", "tags", "note"])
      expect(visibleColumns(null)).not.toContain(c);
    expect(visibleColumns(["owner", "note", "tags"])).toEqual(["name", "owner", "tags", "note"]);
    expect(exportColumnsForVisible(["name", "subscriptionName", "owner", "tags", "note"])).toEqual([
      "name",
      "subscriptionName",
      "owner",
      "tags",
      "note",
    ]);
  });
});

describe("a share link's scope in words", () => {
  it("names a named subscription, the tags, owners and the annotated filter", () => {
    const view = {
      ...DEFAULT_VIEW,
      subscription: ["42", "43"],
      tag: ["eu-prod"],
      owner: ["none"],
      annotated: true,
    };
    const filters = scopeFilters(view, new Map([["42", "Acme OEM"]]));
    expect(filters).toEqual([
      { label: "Subscription", values: ["Acme OEM", "43"] },
      { label: "Owner", values: ["No owner"] },
      { label: "Tag", values: ["eu-prod"] },
      { label: "Annotated", values: ["has an owner, tags or a note"] },
    ]);
    expect(suggestedName({ ...DEFAULT_VIEW, tag: ["eu-prod"] })).toBe("eu-prod");
  });
});

describe("an annotation form's PATCH", () => {
  const saved = { owner: "ops@example.com", tags: ["a", "b"], note: "Keep." };

  it("sends only what changed, blanks as null", () => {
    expect(
      annotationPatch(saved, { owner: " ops@example.com ", tags: ["b", "a"], note: "Keep." }),
    ).toEqual({});
    expect(annotationPatch(saved, { owner: "", tags: ["a"], note: "  " })).toEqual({
      owner: null,
      tags: ["a"],
      note: null,
    });
    expect(
      annotationPatch({ owner: null, tags: [], note: null }, { owner: "Team", tags: [], note: "" }),
    ).toEqual({ owner: "Team" });
  });
});
