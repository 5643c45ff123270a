import { describe, expect, it } from "vitest";
import {
  ALL_FIELDS,
  fieldsForColumns,
  offeredDimensions,
  offeredGroups,
  offersCreatedFilter,
} from "@/components/tenants/explorer-fields";
import { visibleColumns } from "@/components/tenants/explorer-url";
import { expiresAtFromDay, expiryPayload, localDay } from "@/components/shares/share-expiry";
import { startingSearch } from "@/app/s/[token]/starting-view";

const DAY = 86_400_000;

describe("a share link's fields in the explorer", () => {
  it("offers the table columns of the link's columns, id and name always", () => {
    const fields = fieldsForColumns(["status", "regionName", "licenseNumber"]);
    expect(fields.columns).toEqual(["name", "status", "regionCode", "id"]);
    expect(fields.defaultColumns).toEqual(fields.columns);
    expect(fields.details).toEqual(["name", "id", "status", "regionName", "licenseNumber"]);
  });

  it("offers no filter, grouping or date range on a field the link hides", () => {
    const fields = fieldsForColumns(["regionCode"]);
    expect(offeredDimensions(fields)).toEqual(["region"]);
    expect(offeredGroups(fields)).toEqual(["none", "region"]);
    expect(offersCreatedFilter(fields)).toBe(false);
    expect(offeredGroups(ALL_FIELDS)).toHaveLength(7);
  });

  it("offers the owner and tag filters and groupings only with the owner and tags columns", () => {
    const without = fieldsForColumns(["status", "note"]);
    expect(offeredDimensions(without)).toEqual(["status"]);
    expect(offeredGroups(without)).toEqual(["none"]);
    const withThem = fieldsForColumns(["owner", "tags", "subscriptionName"]);
    expect(withThem.columns).toEqual(["name", "subscriptionName", "owner", "tags", "id"]);
    expect(offeredDimensions(withThem)).toEqual(["owner", "tag"]);
    expect(offeredGroups(withThem)).toEqual(["none", "owner", "tag"]);
  });

  it("drops columns from the URL that the link does not offer", () => {
    const { columns, defaultColumns } = fieldsForColumns(["status"]);
    const choice = { offered: columns, defaults: defaultColumns };
    expect(visibleColumns(["status", "subscriptionId"], choice)).toEqual(["name", "status"]);
    expect(visibleColumns(null, choice)).toEqual(["name", "status", "id"]);
  });
});

describe("a link's expiry as the dialog sends it", () => {
  const now = Date.parse("2025-03-01T12:00:00Z");

  it("sends presets and never as expiresIn", () => {
    expect(expiryPayload("7d", "", now)).toEqual({ expiresIn: "7d" });
    expect(expiryPayload("never", "", now)).toEqual({ expiresIn: null });
  });

  it("ends a chosen day at its end, and refuses days past or beyond 90 days", () => {
    const day = localDay(now + 10 * DAY);
    const at = expiresAtFromDay(day, now);
    expect(at).not.toBeNull();
    expect(localDay(Date.parse(at!))).toBe(day);
    expect(expiresAtFromDay(localDay(now - DAY), now)).toBeNull();
    expect(expiresAtFromDay(localDay(now + 91 * DAY), now)).toBeNull();
    expect(Date.parse(expiresAtFromDay(localDay(now + 90 * DAY - 10 * 60_000), now)!)).toBeLessThan(
      now + 90 * DAY,
    );
    expect(expiryPayload("date", "", now)).toBeNull();
  });
});

describe("where a bare link starts", () => {
  it("keeps the grouping and sort, never the scope's filters", () => {
    expect(startingSearch("region=eu-west-1&status=active&sort=-createdAt&group=region")).toBe(
      "sort=-createdAt&group=region",
    );
    expect(startingSearch("status=active")).toBe("");
    expect(startingSearch("not a view=1")).toBe("");
  });
});
