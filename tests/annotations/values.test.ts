// What owners, tags, notes and subscription names may hold: the one set of rules the editors, the
// API and the import share (lib/annotations/values.ts).
import { describe, expect, it } from "vitest";
import {
  clearable,
  customerRefSchema,
  noteSchema,
  normalizeTags,
  ownerSchema,
  splitTags,
  subscriptionNameSchema,
  tagListSchema,
  tagSchema,
} from "@/lib/annotations/values";

describe("tags", () => {
  it("are trimmed and lower-cased, then must be words joined by '-'", () => {
    expect(tagSchema.parse("  EU-Prod ")).toBe("eu-prod");
    expect(tagSchema.parse("renewal-2027")).toBe("renewal-2027");
    for (const bad of ["", "a b", "-a", "a-", "a--b", "a_b", "é", "x".repeat(41)])
      expect(tagSchema.safeParse(bad).success, bad).toBe(false);
    expect(tagSchema.safeParse("x".repeat(40)).success).toBe(true);
  });

  it('cannot be "none", the word that finds tenants without tags (?tag=none)', () => {
    for (const none of ["none", " None ", "NONE"]) {
      const result = tagSchema.safeParse(none);
      expect(result.success, none).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        'A tag cannot be "none": that word finds tenants without tags.',
      );
    }
    expect(tagSchema.parse("none-eu")).toBe("none-eu");
    expect(tagSchema.parse("nonempty")).toBe("nonempty");
  });

  it("lists are sorted without duplicates, at most 50", () => {
    expect(tagListSchema.parse(["b", "A", "a "])).toEqual(["a", "b"]);
    expect(normalizeTags([" B", "a", "", "b"])).toEqual(["a", "b"]);
    expect(splitTags("prod; eu, billing;;")).toEqual(["billing", "eu", "prod"]);
    const many = Array.from({ length: 51 }, (_, i) => `t${i}`);
    expect(tagListSchema.safeParse(many).success).toBe(false);
  });
});

describe("owner, note, subscription name, customer reference", () => {
  it("trim and limit their length, refusing control characters", () => {
    expect(ownerSchema.parse("  team@example.com ")).toBe("team@example.com");
    expect(ownerSchema.safeParse("").success).toBe(false);
    expect(ownerSchema.safeParse("x".repeat(121)).success).toBe(false);
    expect(ownerSchema.safeParse("a\nb").success).toBe(false);
    expect(subscriptionNameSchema.parse(" Acme OEM — production ")).toBe("Acme OEM — production");
    expect(subscriptionNameSchema.safeParse("\u0000").success).toBe(false);
    expect(customerRefSchema.parse("")).toBe("");
    expect(customerRefSchema.safeParse("r".repeat(121)).success).toBe(false);
  });

  it('an owner cannot be "none" in any case, the word that finds tenants without one', () => {
    for (const none of ["none", " None", "NONE "]) {
      const result = ownerSchema.safeParse(none);
      expect(result.success, none).toBe(false);
      expect(result.error?.issues[0]?.message).toContain('An owner cannot be "none"');
    }
    expect(ownerSchema.parse("None of the above")).toBe("None of the above");
    expect(ownerSchema.parse("none@example.com")).toBe("none@example.com");
  });

  it("a note keeps its lines (as \\n) and tabs, up to 2,000 characters", () => {
    expect(noteSchema.parse(" one\r\ntwo\rthree\tfour ")).toBe("one\ntwo\nthree\tfour");
    expect(noteSchema.safeParse("n".repeat(2000)).success).toBe(true);
    expect(noteSchema.safeParse("n".repeat(2001)).success).toBe(false);
    expect(noteSchema.safeParse("bell\u0007").success).toBe(false);
  });

  it("clearable() turns null and blank text into null", () => {
    const owner = clearable(ownerSchema);
    expect(owner.parse(null)).toBeNull();
    expect(owner.parse("   ")).toBeNull();
    expect(owner.parse(" ops ")).toBe("ops");
    expect(owner.safeParse(5).success).toBe(false);
  });
});
