import { describe, expect, it } from "vitest";
import type { SortKey } from "@/lib/tenants/types";
import { nextSort } from "@/components/tenants/next-sort";

const asc = (field: SortKey["field"]): SortKey => ({ field, desc: false });
const desc = (field: SortKey["field"]): SortKey => ({ field, desc: true });

describe("nextSort (a click on a column header)", () => {
  it("sorts by a new column alone, ascending", () => {
    expect(nextSort([], "name", false)).toEqual([asc("name")]);
    expect(nextSort([asc("name")], "status", false)).toEqual([asc("status")]);
    expect(nextSort([asc("name"), desc("status")], "createdAt", false)).toEqual([asc("createdAt")]);
  });

  it("turns the only key round, and back, never removing it", () => {
    expect(nextSort([asc("name")], "name", false)).toEqual([desc("name")]);
    expect(nextSort([desc("name")], "name", false)).toEqual([asc("name")]);
  });

  it("turns the last key round in place, keeping the keys before it", () => {
    expect(nextSort([asc("name"), desc("status")], "status", false)).toEqual([
      asc("name"),
      asc("status"),
    ]);
  });

  it("replaces the sort when a key before the last is clicked, turned round", () => {
    expect(nextSort([asc("name"), desc("status")], "name", false)).toEqual([desc("name")]);
  });

  it("adds a key on shift-click, or turns an existing one round where it is", () => {
    expect(nextSort([asc("name")], "status", true)).toEqual([asc("name"), asc("status")]);
    expect(nextSort([asc("name"), asc("status")], "name", true)).toEqual([
      desc("name"),
      asc("status"),
    ]);
    expect(nextSort([], "status", true)).toEqual([asc("status")]);
  });
});
