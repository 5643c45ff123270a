// The view params schema: what each param accepts, the canonical form it writes back, and the 400
// message (naming the parameter) for every way a param can be wrong.
import { describe, expect, it } from "vitest";
import type { TenantView } from "@/lib/tenants/types";
import {
  DEFAULT_LIMIT,
  DEFAULT_VIEW,
  createViewParamsSchema,
  parseViewParams,
  viewKey,
  viewToSearchParams,
  ViewParamsError,
} from "@/lib/tenants/view-params";
import { buildTenants, createRng } from "./support/fixture";
import { message, parse } from "./support/params";
import { randomView } from "./support/views";

describe("parsing", () => {
  it("no params: the default view and first page", () => {
    expect(parse("")).toEqual({ view: DEFAULT_VIEW, offset: 0, limit: DEFAULT_LIMIT, extra: {} });
    expect(DEFAULT_VIEW.sort).toEqual([{ field: "name", desc: false }]);
  });

  it("multi-valued params repeat and/or are comma-separated; values are normalized, deduplicated and sorted", () => {
    const { view } = parse(
      "region=eu-west-1,US-EAST-1&region=eu-west-1&country=de,US&subscription=200,100&subscription=NONE&status=Active, disabled",
    );
    expect(view.region).toEqual(["eu-west-1", "us-east-1"]);
    expect(view.country).toEqual(["DE", "US"]);
    expect(view.subscription).toEqual(["100", "200", "none"]);
    expect(view.status).toEqual(["active", "disabled"]);
  });

  it("empty values mean not set", () => {
    expect(parse("q=&region=&createdFrom=&sort=&group=&offset=&limit=")).toEqual(parse(""));
  });

  it("q is kept (trimmed) as typed, commas included", () => {
    expect(parse("q=%20Comma,%20Inc.%20").view.q).toBe("Comma, Inc.");
  });

  it("dates: a day is its first millisecond (from) or its last (to); date-times are read as UTC", () => {
    expect(parse("createdFrom=2024-01-31&createdTo=2024-01-31").view).toMatchObject({
      createdFrom: "2024-01-31T00:00:00.000Z",
      createdTo: "2024-01-31T23:59:59.999Z",
    });
    expect(parse("createdFrom=2024-01-31T10:15:00%2B02:00").view.createdFrom).toBe(
      "2024-01-31T08:15:00.000Z",
    );
    expect(parse("createdFrom=2024-01-31T10:15").view.createdFrom).toBe("2024-01-31T10:15:00.000Z");
    expect(parse("createdTo=2024-02-29T23:59:59.5Z").view.createdTo).toBe(
      "2024-02-29T23:59:59.500Z",
    );
  });

  it("the same day as from and to is allowed", () => {
    expect(parse("createdFrom=2024-03-01&createdTo=2024-03-01").view.createdTo).toBe(
      "2024-03-01T23:59:59.999Z",
    );
  });

  it("sort: comma-separated keys, - for descending, any sort field", () => {
    expect(parse("sort=-createdAt,name,-deletionStartsAt").view.sort).toEqual([
      { field: "createdAt", desc: true },
      { field: "name", desc: false },
      { field: "deletionStartsAt", desc: true },
    ]);
  });

  it("group: every mode", () => {
    for (const g of [
      "none",
      "region",
      "subscription",
      "region,subscription",
      "subscription,region",
    ])
      expect(parse(`group=${g}`).view.group).toBe(g);
  });

  it("offset and limit", () => {
    expect(parse("offset=300&limit=1000")).toMatchObject({ offset: 300, limit: 1000 });
    expect(parse("limit=1").limit).toBe(1);
  });

  it("accepts a searchParams record (repeated keys as arrays), as the route guard passes it", () => {
    const schema = createViewParamsSchema();
    const parsed = schema.parse({
      region: ["eu-west-1", "us-east-1"],
      status: "active",
      limit: "5",
    });
    expect(parsed.view.region).toEqual(["eu-west-1", "us-east-1"]);
    expect(parsed.view.status).toEqual(["active"]);
    expect(parsed.limit).toBe(5);
  });

  it("allowExtra admits the caller's own params and hands their raw values back", () => {
    const parsed = parseViewParams(
      new URLSearchParams("columns=name,id&columns=status&format=csv&region=eu-west-1"),
      {
        allowExtra: ["columns", "scope", "format", "bom"],
      },
    );
    expect(parsed.extra).toEqual({ columns: ["name,id", "status"], format: ["csv"] });
    expect(parsed.view.region).toEqual(["eu-west-1"]);
    expect(() => parse("format=csv")).toThrow('Unknown parameter "format"');
  });
});

describe("values Qlik may add later", () => {
  it("accepts a region, country or status of the known form that is not on our lists yet", () => {
    const { view } = parseViewParams(
      new URLSearchParams("region=ap-east-2,eu-west-1&country=xk&status=Suspended"),
    );
    expect(view.region).toEqual(["ap-east-2", "eu-west-1"]);
    expect(view.country).toEqual(["XK"]);
    expect(view.status).toEqual(["suspended"]);
  });
});

describe("400 messages name the parameter", () => {
  it.each([
    ["colour=red", 'Unknown parameter "colour"'],
    ["colour=red&size=2", 'Unknown parameters "colour", "size"'],
    ["Region=eu-west-1", 'Unknown parameter "Region"'],
    ["region=mars-1", '"region" has an unknown value "mars-1"'],
    ["region=eu-west-1,mars-1", '"region" has an unknown value "mars-1"'],
    ["country=Germany", '"country" has an unknown value "Germany"'],
    ["status=on hold!", '"status" has an unknown value "on hold!"'],
    ["subscription=abc", '"subscription" has a malformed value "abc" (expected digits, or "none")'],
    ["subscription=12-3", '"subscription" has a malformed value "12-3"'],
    ["createdFrom=2024-02-30", '"createdFrom" is not a date: "2024-02-30"'],
    ["createdTo=yesterday", '"createdTo" is not a date: "yesterday"'],
    ["createdFrom=2024-01-01T25:00Z", '"createdFrom" is not a date'],
    [
      "createdFrom=2024-01-01T12:00Z&createdTo=2024-01-01T11:00Z",
      '"createdFrom" (2024-01-01T12:00:00.000Z) is after "createdTo" (2024-01-01T11:00:00.000Z)',
    ],
    [
      "createdFrom=2024-02-01&createdTo=2024-01-31",
      '"createdFrom" (2024-02-01) is after "createdTo" (2024-01-31)',
    ],
    ["sort=colour", '"sort" has an unknown field "colour"'],
    ["sort=-name,name", '"sort" names "name" more than once'],
    ["sort=--name", '"sort" has an unknown field "-name"'],
    ["group=country", '"group" has an unknown value "country"'],
    ["group=region,region", '"group" has an unknown value "region,region"'],
    ["offset=-1", '"offset" must be a whole number from 0 to 10000000, not "-1"'],
    ["offset=1.5", '"offset" must be a whole number'],
    ["limit=0", '"limit" must be a whole number from 1 to 1000, not "0"'],
    ["limit=1001", '"limit" must be a whole number from 1 to 1000, not "1001"'],
    ["limit=ten", '"limit" must be a whole number'],
    ["q=a&q=b", '"q" is given more than once'],
    ["group=region&group=none", '"group" is given more than once'],
    ["limit=5&limit=6", '"limit" is given more than once'],
    [`q=${"x".repeat(201)}`, '"q" is longer than 200 characters'],
  ])("%s → %s", (qs, expected) => {
    expect(message(qs)).toContain(expected);
  });

  it("parseViewParams throws ViewParamsError with the parameter and every problem", () => {
    try {
      parse("region=mars-1&limit=0");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ViewParamsError);
      expect((error as ViewParamsError).param).toBe("region");
      expect((error as Error).message).toBe(
        '"region" has an unknown value "mars-1"; "limit" must be a whole number from 1 to 1000, not "0"',
      );
    }
    expect(() => parse("colour=1")).toThrow(expect.objectContaining({ param: "colour" }));
  });

  it("quotes a hostile value safely and shortens a long one", () => {
    expect(message(`region=${encodeURIComponent('"><script>')}`)).toBe(
      '"region" has an unknown value "\\"><script>"',
    );
    expect(message(`region=${"a".repeat(500)}`).length).toBeLessThan(120);
  });
});

describe("viewToSearchParams", () => {
  it("leaves defaults out", () => {
    expect(viewToSearchParams(DEFAULT_VIEW).toString()).toBe("");
    expect(viewToSearchParams(DEFAULT_VIEW, { offset: 0, limit: DEFAULT_LIMIT }).toString()).toBe(
      "",
    );
  });

  it("writes a readable canonical query in a fixed order", () => {
    const view: TenantView = {
      ...DEFAULT_VIEW,
      q: "zürich & co",
      status: ["disabled", "active"],
      region: ["us-east-1", "eu-west-1"],
      createdFrom: "2024-01-01T00:00:00.000Z",
      createdTo: "2024-01-31T23:59:59.999Z",
      sort: [
        { field: "createdAt", desc: true },
        { field: "name", desc: false },
      ],
      group: "region,subscription",
    };
    expect(viewToSearchParams(view, { offset: 200, limit: 50 }).toString()).toBe(
      "q=z%C3%BCrich+%26+co&region=eu-west-1,us-east-1&status=active,disabled&createdFrom=2024-01-01&createdTo=2024-01-31&sort=-createdAt,name&group=region,subscription&offset=200&limit=50",
    );
  });

  it("keeps date-times that are not whole days", () => {
    const params = viewToSearchParams({
      ...DEFAULT_VIEW,
      createdFrom: "2024-01-01T10:00:00.000Z",
      createdTo: "2024-01-02T00:00:00.000Z",
    });
    expect(params.get("createdFrom")).toBe("2024-01-01T10:00:00.000Z");
    expect(params.get("createdTo")).toBe("2024-01-02T00:00:00.000Z");
  });

  it("round-trips: parse(serialize(view)) is the view, on 300 random views", () => {
    const tenants = buildTenants(300, 11);
    const rng = createRng(99);
    for (let n = 0; n < 300; n++) {
      const view = randomView(rng, tenants);
      const offset = rng.int(0, 5000);
      const limit = rng.int(1, 1000);
      const parsed = parse(viewToSearchParams(view, { offset, limit }).toString());
      expect(parsed, JSON.stringify(view)).toEqual({
        view: { ...view, q: view.q.trim() },
        offset,
        limit,
        extra: {},
      });
    }
  });

  it("keeps a search with commas, colons, percent signs and ampersands intact", () => {
    const q = "50%2C off, a:b & c=d + e";
    const qs = viewToSearchParams({ ...DEFAULT_VIEW, q }).toString();
    expect(parse(qs).view.q).toBe(q);
  });

  it("the default view cannot be changed in place", () => {
    expect(() => (DEFAULT_VIEW.region as string[]).push("eu-west-1")).toThrow();
    expect(() => ((DEFAULT_VIEW.sort[0] as { desc: boolean }).desc = true)).toThrow();
  });

  it("equal views give equal keys whatever the param order or spelling", () => {
    const a = parse("status=active&region=us-east-1,eu-west-1&sort=name").view;
    const b = parse("region=EU-WEST-1&region=us-east-1&status=ACTIVE").view;
    expect(viewKey(a)).toBe(viewKey(b));
  });
});

describe("parseViewSearch", () => {
  it("answers the same frozen view for the same query string, and still refuses bad ones", async () => {
    const { parseViewSearch } = await import("@/lib/tenants/view-params");
    const a = parseViewSearch("?region=eu-west-1,us-east-1&status=active&limit=20");
    const b = parseViewSearch("region=eu-west-1,us-east-1&status=active&limit=20");
    expect(b).toBe(a);
    expect(a.view.region).toEqual(["eu-west-1", "us-east-1"]);
    expect(a.limit).toBe(20);
    expect(Object.isFrozen(a.view) && Object.isFrozen(a.view.region)).toBe(true);
    expect(() => parseViewSearch("region=mars-1")).toThrow('"region" has an unknown value');
    expect(() => parseViewSearch("region=mars-1")).toThrow('"region" has an unknown value');
  });
});
