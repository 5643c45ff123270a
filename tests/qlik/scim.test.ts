import { describe, expect, it } from "vitest";
import { isScimFilter, scim, scimValue } from "@/lib/qlik/scim";

// Reads back the quoted value the way a SCIM/JSON parser would: the whole filter must be
// `attr op "<json string>"` with nothing after the string.
function valueOf(filter: string, prefix: string): string {
  expect(filter.startsWith(prefix)).toBe(true);
  return JSON.parse(filter.slice(prefix.length)) as string;
}

function randomHostile(random: () => number): string {
  const pieces = [
    '"',
    "\\",
    " or ",
    '"1" eq "1',
    ")",
    "(",
    "not ",
    " and ",
    "é",
    "🙂",
    "\n",
    "\t",
    "a",
    "Z",
    "0",
    "'",
    '\\"',
    "\u0000",
  ];
  let out = "";
  const n = Math.floor(random() * 12);
  for (let i = 0; i < n; i++) out += pieces[Math.floor(random() * pieces.length)]!;
  return out;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("scim filter builder", () => {
  it("builds the documented example", () => {
    const f = scim.and(scim.eq("subscriptionId", "9876543210987654"), scim.eq("status", "active"));
    expect(String(f)).toBe('subscriptionId eq "9876543210987654" and status eq "active"');
  });

  it("escapes backslash and double quote so the value stays one string", () => {
    const f = scim.eq("name", 'a"b\\c');
    expect(f.text).toBe('name eq "a\\"b\\\\c"');
    expect(valueOf(f.text, "name eq ")).toBe('a"b\\c');
  });

  it("keeps an injection attempt inside the value", () => {
    const hostile = 'x" or "1" eq "1';
    const f = scim.and(scim.eq("subscriptionId", "1"), scim.eq("name", hostile));
    expect(f.text).toBe('subscriptionId eq "1" and name eq "x\\" or \\"1\\" eq \\"1"');
  });

  it("round-trips random hostile strings as a single value (property)", () => {
    const random = seeded(42);
    for (let i = 0; i < 2000; i++) {
      const value = randomHostile(random);
      const text = scim.eq("name", value).text;
      expect(valueOf(text, "name eq ")).toBe(value);
      // The only unescaped quotes are the two delimiters.
      const body = text.slice("name eq ".length);
      const unescapedQuotes = body.replace(/\\./g, "").split('"').length - 1;
      expect(unescapedQuotes).toBe(2);
    }
  });

  it("parenthesizes mixed and/or and wraps not", () => {
    const f = scim.and(
      scim.eq("subscriptionId", "1"),
      scim.or(scim.eq("regionCode", "eu-west-1"), scim.eq("regionCode", "us-east-1")),
      scim.not(scim.eq("status", "deleted")),
    );
    expect(f.text).toBe(
      'subscriptionId eq "1" and (regionCode eq "eu-west-1" or regionCode eq "us-east-1") and not (status eq "deleted")',
    );
    expect(scim.or(scim.and(scim.eq("id", "a"), scim.eq("id", "b")), scim.eq("id", "c")).text).toBe(
      '(id eq "a" and id eq "b") or id eq "c"',
    );
    expect(scim.in("status", ["active", "disabled"]).text).toBe(
      'status eq "active" or status eq "disabled"',
    );
    expect(scim.and(scim.eq("id", "x")).text).toBe('id eq "x"');
  });

  it("formats non-string values", () => {
    expect(scim.gt("createdAt", new Date("2024-01-01T00:00:00Z")).text).toBe(
      'createdAt gt "2024-01-01T00:00:00.000Z"',
    );
    expect(scimValue(3)).toBe("3");
    expect(scimValue(true)).toBe("true");
    expect(scimValue(null)).toBe("null");
    expect(() => scimValue(Number.NaN)).toThrow(RangeError);
    expect(() => scimValue(new Date("nope"))).toThrow(RangeError);
  });

  it("refuses attributes and operators outside the allow-lists", () => {
    // @ts-expect-error not an allowed attribute
    expect(() => scim.eq('name eq "x" or id', "y")).toThrow(RangeError);
    // @ts-expect-error not an allowed attribute
    expect(() => scim.eq("licenseNumber", "y")).toThrow(RangeError);
    expect(() => scim.and()).toThrow(RangeError);
    // @ts-expect-error only filters built by scim are accepted as operands
    expect(() => scim.and('id eq "x"', 'id eq "y"')).toThrow(TypeError);
    // @ts-expect-error only filters built by scim are accepted
    expect(() => scim.not("x")).toThrow(TypeError);
  });

  it("brands its filters", () => {
    expect(isScimFilter(scim.eq("id", "a"))).toBe(true);
    expect(isScimFilter('id eq "a"')).toBe(false);
    expect(isScimFilter({ text: 'id eq "a"', kind: "compare" })).toBe(false);
  });
});
