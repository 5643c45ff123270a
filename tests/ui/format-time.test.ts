// Relative dates: the largest whole unit, never rounded up past the exact interval, both ways.
import { describe, expect, it } from "vitest";
import { formatRelative } from "@/components/ui/format-time";

const NOW = Date.parse("2026-03-15T12:00:00.000Z");
const at = (iso: string) => formatRelative(iso, NOW);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ago = (ms: number) => formatRelative(new Date(NOW - ms).toISOString(), NOW);
const ahead = (ms: number) => formatRelative(new Date(NOW + ms).toISOString(), NOW);

describe("formatRelative", () => {
  it("says 2 years for 2 years and 7 months, and 1 year for 23 months", () => {
    expect(at("2023-08-15T12:00:00.000Z")).toBe("2 years ago");
    expect(at("2024-04-15T12:00:00.000Z")).toBe("1 year ago");
    expect(at("2028-10-15T12:00:00.000Z")).toBe("in 2 years");
  });

  it("counts a year or a month only once it is complete, to the minute", () => {
    expect(at("2025-03-15T12:00:00.000Z")).toBe("1 year ago");
    expect(at("2025-03-15T12:01:00.000Z")).toBe("11 months ago");
    expect(at("2026-02-15T12:00:00.000Z")).toBe("1 month ago");
    expect(at("2026-02-15T12:01:00.000Z")).toBe("3 weeks ago"); // 27 days 23 h 59 min
    expect(at("2027-03-15T11:59:00.000Z")).toBe("in 11 months");
  });

  it("uses calendar months: 31 January to 28 February is not yet a month", () => {
    const feb28 = Date.parse("2026-02-28T00:00:00.000Z");
    expect(formatRelative("2026-01-31T00:00:00.000Z", feb28)).toBe("4 weeks ago");
    expect(formatRelative("2024-02-29T00:00:00.000Z", Date.parse("2025-02-28T00:00:00.000Z"))).toBe(
      "11 months ago",
    );
  });

  it("truncates weeks, days, hours and minutes", () => {
    expect(ago(13 * DAY + 23 * HOUR)).toBe("1 week ago");
    expect(ago(6 * DAY + 23 * HOUR)).toBe("6 days ago");
    expect(ago(DAY + 23 * HOUR)).toBe("1 day ago");
    expect(ahead(DAY - MIN)).toBe("in 23 hours");
    expect(ago(HOUR - 1)).toBe("59 minutes ago");
    expect(ago(90_000)).toBe("1 minute ago");
  });

  it("says just now within 45 seconds, and passes an unreadable value through", () => {
    expect(ago(44_000)).toBe("just now");
    expect(ahead(44_000)).toBe("just now");
    expect(at("not a date")).toBe("not a date");
  });
});
