import { describe, expect, it } from "vitest";
import { matchesEntry, roleForEmail } from "@/lib/auth/roles";

const lists = {
  admins: ["ada@example.com", "@ops.example.com"],
  viewers: ["@example.com", "vic@partner.test"],
};

describe("role resolution", () => {
  it("gives admin to an email listed in ATLAS_ADMINS", () => {
    expect(roleForEmail("ada@example.com", lists)).toBe("admin");
  });

  it("gives admin to everyone at an @domain in ATLAS_ADMINS, before the viewer list", () => {
    expect(roleForEmail("sam@ops.example.com", lists)).toBe("admin");
  });

  it("gives viewer through an email or an @domain entry in ATLAS_VIEWERS", () => {
    expect(roleForEmail("vic@partner.test", lists)).toBe("viewer");
    expect(roleForEmail("bob@example.com", lists)).toBe("viewer");
  });

  it("ignores case in both the email and the entry", () => {
    expect(roleForEmail("ADA@Example.COM", lists)).toBe("admin");
    expect(roleForEmail("bob@EXAMPLE.com", { ...lists, viewers: ["@Example.Com"] })).toBe("viewer");
  });

  it("gives no role to someone in neither list", () => {
    expect(roleForEmail("eve@elsewhere.test", lists)).toBeNull();
    expect(roleForEmail("", lists)).toBeNull();
  });

  it("does not let a domain entry match subdomains or look-alike domains", () => {
    expect(matchesEntry("eve@badexample.com", "@example.com")).toBe(false);
    expect(matchesEntry("eve@sub.example.com", "@example.com")).toBe(false);
    expect(matchesEntry("eve@example.com.evil.test", "@example.com")).toBe(false);
  });

  it("does not treat an email entry as a domain or a prefix", () => {
    expect(matchesEntry("xada@example.com", "ada@example.com")).toBe(false);
    expect(matchesEntry("ada@example.com.evil.test", "ada@example.com")).toBe(false);
  });
});
