// The explorer's quick views are plain view params: "License ends within N days" is
// licenseEndsFrom=<today>&licenseEndsTo=<today+N> (UTC days), "Deletion scheduled" is
// deletionScheduled=yes; active when the URL matches today; and the countdown words.
import { describe, expect, it } from "vitest";
import { deletionCountdown } from "@/components/tenants/deletion-countdown";
import {
  applyQuickView,
  clearQuickView,
  isQuickViewActive,
  licenseWindow,
  QUICK_VIEWS,
} from "@/components/tenants/quick-view-params";
import { DEFAULT_VIEW, parseViewParams, viewToSearchParams } from "@/lib/tenants/view-params";

const NOW = Date.parse("2026-12-05T14:30:00.000Z");
const byId = (id: string) => QUICK_VIEWS.find((q) => q.id === id)!;

describe("quick views", () => {
  it("are the four the issue names, in order", () => {
    expect(QUICK_VIEWS.map((q) => q.label)).toEqual([
      "License ends within 30 days",
      "License ends within 60 days",
      "License ends within 90 days",
      "Deletion scheduled",
    ]);
  });

  it("write today..today+N as the URL's license range, keeping other filters, soonest first", () => {
    const start = { ...DEFAULT_VIEW, status: ["active"] };
    const view = applyQuickView(byId("license-30"), start, NOW);
    expect(viewToSearchParams(view).toString()).toBe(
      "status=active&licenseEndsFrom=2026-12-05&licenseEndsTo=2027-01-04&sort=licenseEndsAt",
    );
    expect(licenseWindow(90, NOW)).toEqual({ from: "2026-12-05", to: "2027-03-05" });
    const deletion = applyQuickView(byId("deletion"), start, NOW);
    expect(viewToSearchParams(deletion).toString()).toBe(
      "status=active&deletionScheduled=yes&sort=deletionStartsAt",
    );
  });

  it("are active when the URL's params match today, and only the matching license one", () => {
    const url = parseViewParams(
      new URLSearchParams("licenseEndsFrom=2026-12-05&licenseEndsTo=2027-02-03"),
    ).view;
    expect(QUICK_VIEWS.filter((q) => isQuickViewActive(q, url, NOW)).map((q) => q.id)).toEqual([
      "license-60",
    ]);
    // A link from yesterday is a fixed range now, not "within 60 days".
    expect(isQuickViewActive(byId("license-60"), url, NOW + 86_400_000)).toBe(false);
    const both = applyQuickView(byId("deletion"), url, NOW);
    expect(QUICK_VIEWS.filter((q) => isQuickViewActive(q, both, NOW)).map((q) => q.id)).toEqual([
      "license-60",
      "deletion",
    ]);
  });

  it("turn off by clearing only their own params", () => {
    const on = applyQuickView(
      byId("deletion"),
      applyQuickView(byId("license-30"), DEFAULT_VIEW, NOW),
      NOW,
    );
    const off = clearQuickView(byId("license-30"), on);
    expect(off.licenseEndsFrom).toBeNull();
    expect(off.licenseEndsTo).toBeNull();
    expect(off.deletionScheduled).toBe(true);
    expect(clearQuickView(byId("deletion"), off).deletionScheduled).toBeNull();
  });
});

describe("the deletion countdown", () => {
  it("counts whole days to deletionStartsAt, and since", () => {
    expect(deletionCountdown("2026-12-17T15:00:00.000Z", NOW)).toBe("in 12 days");
    expect(deletionCountdown("2026-12-06T15:00:00.000Z", NOW)).toBe("in 1 day");
    expect(deletionCountdown("2026-12-05T20:00:00.000Z", NOW)).toBe("within a day");
    expect(deletionCountdown("2026-12-05T10:00:00.000Z", NOW)).toBe("started today");
    expect(deletionCountdown("2026-12-02T10:00:00.000Z", NOW)).toBe("started 3 days ago");
  });
});
