// The view params of the team's annotations and of lifecycle views: owner, tag, annotated,
// licenseEndsFrom/To and deletionScheduled, the owner and tag group modes and the owner and
// subscription-name sorts: what each accepts, the canonical form it writes back (so explorer URLs,
// exports and share links carry them), and the 400 message naming the parameter.
import { describe, expect, it } from "vitest";
import { exportQuerySchema, exportSearchParams } from "@/lib/tenants/export/params";
import { DEFAULT_VIEW, viewKey, viewToSearchParams } from "@/lib/tenants/view-params";
import { buildTenants, createRng } from "./support/fixture";
import { message, parse } from "./support/params";
import { randomView } from "./support/views";

describe("owner", () => {
  it("repeats for several owners; a comma is part of an owner (a team name may hold one)", () => {
    const { view } = parse(
      "owner=alice@example.com&owner=Sales,%20EMEA&owner=%20alice@example.com%20&owner=",
    );
    expect(view.owner).toEqual(["Sales, EMEA", "alice@example.com"]);
  });

  it('"none" (any case) selects tenants without an owner', () => {
    expect(parse("owner=NONE&owner=bob").view.owner).toEqual(["bob", "none"]);
  });

  it("refuses a value that is no owner, naming the parameter", () => {
    expect(message("owner=a%01b")).toBe(
      '"owner" has an invalid value "a\\u0001b": An owner cannot contain control characters.',
    );
    expect(message(`owner=${"x".repeat(121)}`)).toContain('"owner" has an invalid value');
    expect(message(`owner=${"x".repeat(121)}`)).toContain("at most 120 characters");
  });
});

describe("tag", () => {
  it("is multi-valued (repeated and/or comma-separated), lower-cased, deduplicated and sorted", () => {
    expect(parse("tag=EU-Prod,billing&tag=%20billing%20&tag=none").view.tag).toEqual([
      "billing",
      "eu-prod",
      "none",
    ]);
  });

  it('"none" in any case finds tenants without tags (no tag can be that word)', () => {
    expect(parse("tag=None").view.tag).toEqual(["none"]);
    expect(parse("tag=eu,%20NONE%20").view.tag).toEqual(["eu", "none"]);
  });

  it("refuses a value that is no tag, naming the parameter and saying what a tag is", () => {
    expect(message("tag=eu_prod")).toBe(
      '"tag" has an invalid value "eu_prod": A tag is lower-case letters and digits in words joined by "-".',
    );
    expect(message(`tag=${"a".repeat(41)}`)).toContain("at most 40 characters");
    expect(message("tag=ok,-bad")).toContain('"tag" has an invalid value "-bad"');
  });
});

describe("annotated and deletionScheduled", () => {
  it.each([
    ["yes", true],
    ["YES", true],
    ["true", true],
    ["1", true],
    ["no", false],
    ["false", false],
    ["0", false],
  ])("%s reads as %s", (text, value) => {
    expect(parse(`annotated=${text}`).view.annotated).toBe(value);
    expect(parse(`deletionScheduled=${text}`).view.deletionScheduled).toBe(value);
  });

  it("absent or empty: either", () => {
    expect(parse("annotated=&deletionScheduled=").view).toMatchObject({
      annotated: null,
      deletionScheduled: null,
    });
  });

  it("refuses other values and repeats, naming the parameter", () => {
    expect(message("annotated=maybe")).toBe('"annotated" must be "yes" or "no", not "maybe"');
    expect(message("deletionScheduled=soon")).toBe(
      '"deletionScheduled" must be "yes" or "no", not "soon"',
    );
    expect(message("annotated=yes&annotated=no")).toBe('"annotated" is given more than once');
  });
});

describe("licenseEndsFrom and licenseEndsTo", () => {
  it("take the date forms of createdFrom/To: a day is its first (from) or last (to) millisecond", () => {
    expect(parse("licenseEndsFrom=2026-01-01&licenseEndsTo=2026-03-31").view).toMatchObject({
      licenseEndsFrom: "2026-01-01T00:00:00.000Z",
      licenseEndsTo: "2026-03-31T23:59:59.999Z",
    });
    expect(parse("licenseEndsTo=2026-03-31T10:15%2B02:00").view.licenseEndsTo).toBe(
      "2026-03-31T08:15:00.000Z",
    );
  });

  it("refuses a bad date or a range that ends before it starts, naming the parameter", () => {
    expect(message("licenseEndsFrom=2026-02-30")).toBe(
      '"licenseEndsFrom" is not a date: "2026-02-30" (use YYYY-MM-DD or an ISO date-time)',
    );
    expect(message("licenseEndsTo=soon")).toContain('"licenseEndsTo" is not a date');
    expect(message("licenseEndsFrom=2026-03-01&licenseEndsTo=2026-02-01")).toBe(
      '"licenseEndsFrom" (2026-03-01) is after "licenseEndsTo" (2026-02-01)',
    );
  });
});

describe("group and sort", () => {
  it("group=owner and group=tag", () => {
    expect(parse("group=owner").view.group).toBe("owner");
    expect(parse("group=tag").view.group).toBe("tag");
    expect(message("group=tags")).toContain('"group" has an unknown value "tags"');
  });

  it("sort by owner and by subscription name", () => {
    expect(parse("sort=-owner,subscriptionName").view.sort).toEqual([
      { field: "owner", desc: true },
      { field: "subscriptionName", desc: false },
    ]);
  });
});

describe("viewToSearchParams", () => {
  it("writes the new params canonically: owners repeated, tags joined, yes/no, days", () => {
    const qs = viewToSearchParams({
      ...DEFAULT_VIEW,
      owner: ["alice@example.com", "Sales, EMEA", "none"],
      tag: ["vip", "eu-prod"],
      annotated: true,
      licenseEndsFrom: "2026-01-01T00:00:00.000Z",
      licenseEndsTo: "2026-03-31T23:59:59.999Z",
      deletionScheduled: false,
      group: "tag",
    }).toString();
    expect(qs).toBe(
      "owner=Sales,+EMEA&owner=alice%40example.com&owner=none&tag=eu-prod,vip&annotated=yes&licenseEndsFrom=2026-01-01&licenseEndsTo=2026-03-31&deletionScheduled=no&group=tag",
    );
    expect(parse(qs).view.owner).toEqual(["Sales, EMEA", "alice@example.com", "none"]);
  });

  it("round-trips: parse(serialize(view)) is the view, on 300 random views with annotation filters", () => {
    const tenants = buildTenants(300, 12);
    const rng = createRng(1205);
    for (let n = 0; n < 300; n++) {
      const view = randomView(rng, tenants, true);
      const parsed = parse(viewToSearchParams(view, { offset: 0, limit: 100 }).toString());
      expect(parsed.view, JSON.stringify(view)).toEqual({ ...view, q: view.q.trim() });
      expect(viewKey(parsed.view)).toBe(viewKey(view));
    }
  });
});

describe("the export takes the same params", () => {
  it("parses them beside columns and format, and its URL carries them", () => {
    const qs =
      "owner=Sales,%20EMEA&tag=vip&annotated=no&licenseEndsTo=2026-06-30&deletionScheduled=yes&columns=name,owner,tags&format=json";
    const result = exportQuerySchema.safeParse(new URLSearchParams(qs));
    expect(result.success).toBe(true);
    const query = result.data!;
    expect(query.view).toMatchObject({
      owner: ["Sales, EMEA"],
      tag: ["vip"],
      annotated: false,
      licenseEndsTo: "2026-06-30T23:59:59.999Z",
      deletionScheduled: true,
    });
    expect(query.columns).toEqual(["name", "owner", "tags"]);
    const url = exportSearchParams(query.view, { columns: query.columns, format: "json" });
    const again = exportQuerySchema.safeParse(url);
    expect(again.data?.view).toEqual(query.view);
  });

  it("answers a bad value with the same message", () => {
    const result = exportQuerySchema.safeParse(new URLSearchParams("tag=Not%20A%20Tag"));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('"tag" has an invalid value "Not A Tag"');
  });
});
