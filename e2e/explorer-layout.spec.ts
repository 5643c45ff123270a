// The explorer at the widths people use: filter popups that fit their content and the window
// (360 px to 1440 px, light and dark), phones (cards, the summary behind a toggle, filters in a
// bottom sheet, nothing scrolling sideways) and a small laptop (1280×720: summary charts that fold
// away and stay folded, a toolbar that keeps its height as filters are chosen).
import { devices, type Locator, type Page } from "@playwright/test";
import { ExplorerPage, type FacetDimension } from "./pages/explorer-page";
import { expect, test } from "./support/fixtures";

const DIMENSIONS: FacetDimension[] = ["region", "country", "subscription", "status"];

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error("no bounding box");
  return b;
}

/** Nothing on the page is wider than the window. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, width } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(width);
}

/** Inside the window, with 1 px of rounding. */
async function expectInViewport(page: Page, locator: Locator, what: string) {
  const b = await box(locator);
  const { width, height } = page.viewportSize()!;
  expect(b.x, `${what}: left edge`).toBeGreaterThanOrEqual(-1);
  expect(b.y, `${what}: top edge`).toBeGreaterThanOrEqual(-1);
  expect(b.x + b.width, `${what}: right edge`).toBeLessThanOrEqual(width + 1);
  expect(b.y + b.height, `${what}: bottom edge`).toBeLessThanOrEqual(height + 1);
}

/** Every option's label and count inside the list, and the list not wider than its box. */
async function expectOptionsFit(list: Locator, what: string) {
  const overflow = await list.evaluate((el) => {
    const panel = el.getBoundingClientRect();
    const out: string[] = [];
    if (el.scrollWidth > el.clientWidth + 1)
      out.push(`list ${el.scrollWidth}px in a ${el.clientWidth}px box`);
    for (const count of el.querySelectorAll("[data-count]")) {
      const r = count.getBoundingClientRect();
      if (r.right > panel.right + 1 || r.left < panel.left - 1)
        out.push(`count of ${count.closest("[data-value]")?.getAttribute("data-value")} outside`);
    }
    return out;
  });
  expect(overflow, what).toEqual([]);
}

test.beforeEach(async ({ signIn }) => {
  await signIn("admin");
});

test.describe("filter popups fit their content and the window", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [640, 1280, 1440]) {
      test(`${width} px, ${colorScheme}: every filter popup and the Columns menu`, async ({
        page,
      }) => {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width, height: 720 });
        const explorer = new ExplorerPage(page);
        await explorer.goto();
        for (const d of DIMENSIONS) {
          await explorer.openFacet(d);
          const popover = page.getByTestId(`facet-popover-${d}`);
          await expectInViewport(page, popover, `${d} popover`);
          await expectOptionsFit(page.getByTestId(`facet-options-${d}`), `${d} options`);
          await explorer.closePopover();
          await expect(popover).toBeHidden();
        }
        await page.getByTestId("filter-created").click();
        await expectInViewport(
          page,
          page.getByRole("dialog", { name: "Filter by creation date" }),
          "created popover",
        );
        await explorer.closePopover();
        await explorer.columnMenu.click();
        await expectInViewport(page, page.getByRole("menu"), "Columns menu");
        await page.keyboard.press("Escape");
        await expectNoSidewaysScroll(page);
      });
    }

    for (const width of [360, 390]) {
      test(`${width} px, ${colorScheme}: the filter sheet and every list in it`, async ({
        page,
      }) => {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width, height: 780 });
        const explorer = new ExplorerPage(page);
        await explorer.goto();
        await explorer.openFilters.click();
        await expect(explorer.filterSheet).toBeVisible();
        for (const d of DIMENSIONS) {
          const section = page.getByTestId(`sheet-facet-${d}`);
          await section.click();
          await expect(section).toHaveAttribute("aria-expanded", "true");
          await expectOptionsFit(page.getByTestId(`facet-options-${d}`), `${d} options`);
          await expectInViewport(page, explorer.filterSheet, "filter sheet");
          await section.click();
        }
        await expectNoSidewaysScroll(page);
        // The account menu opens inside the window too.
        await page.keyboard.press("Escape");
        await page.getByRole("button", { name: /^Account: / }).click();
        await expectInViewport(page, page.getByRole("menu"), "account menu");
      });
    }
  }
});

test.describe("phones", () => {
  // A phone's browser: the server renders the cards (other tests use a narrow desktop window).
  test.use({ userAgent: devices["Pixel 7"].userAgent });

  for (const [width, height] of [
    [390, 844],
    [360, 740],
  ] as const) {
    test(`${width}×${height}: the list first, as cards, and nothing scrolls sideways`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height });
      const explorer = new ExplorerPage(page);
      await explorer.goto();
      await expectNoSidewaysScroll(page);

      // The account button stays inside the header.
      const account = page.getByRole("button", { name: /^Account: / });
      expect((await box(account)).x + (await box(account)).width).toBeLessThanOrEqual(width);

      // Cards, not the table, and the first ones on the first screen.
      await expect(explorer.grid).toHaveCount(0);
      await expect(explorer.cardButtons.first()).toBeVisible();
      const first = await box(explorer.cardButtons.first());
      expect(first.y + first.height, "the first card is on the first screen").toBeLessThan(height);
      expect(first.x + first.width).toBeLessThanOrEqual(width);
      for (const field of ["name", "status", "region", "subscription", "license"])
        await expect(
          explorer.cardButtons.first().locator(`[data-field=${field}]`),
          `the card shows its ${field}`,
        ).not.toBeEmpty();

      // The charts wait behind "Summary".
      await expect(explorer.summaryPanel).toBeHidden();
      await expect(explorer.phoneSummaryToggle).toHaveAttribute("aria-expanded", "false");
      await explorer.phoneSummaryToggle.click();
      await expect(explorer.summaryPanel).toBeVisible();
      await expect(explorer.chart("status").getByRole("button").first()).toBeVisible();
      await expectNoSidewaysScroll(page);
      await explorer.phoneSummaryToggle.click();
      await expect(explorer.summaryPanel).toBeHidden();

      // Scrolling the list fetches further windows.
      await explorer.cards.evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
      await expect(explorer.cards.locator("[data-placeholder]")).toHaveCount(0);
      await expect(explorer.cardButtons.first()).toBeVisible();
    });
  }

  test("filters open in a bottom sheet; a card opens the tenant's details", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const explorer = new ExplorerPage(page);
    await explorer.goto();
    await expect(explorer.facetButton("status")).toBeHidden();

    await explorer.openFilters.click();
    const sheet = await box(explorer.filterSheet);
    expect(Math.round(sheet.y + sheet.height), "anchored to the bottom").toBe(844);
    await page.getByTestId("sheet-facet-status").click();
    await page.getByTestId("facet-options-status").locator('[data-value="deleted"] input').check();
    await expect(page).toHaveURL(/status=deleted/);
    await expect(explorer.filterSheet.getByTestId("show-results")).toHaveText(
      /^Show [\d,]+ tenants?$/,
    );
    await explorer.filterSheet.getByTestId("show-results").click();
    await expect(explorer.filterSheet).toBeHidden();
    await expect(explorer.openFilters).toContainText("1");
    await explorer.ready();
    const statuses = await explorer.cards.locator("[data-field=status]").allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["Deleted"]));

    await explorer.cardButtons.first().click();
    await expect(explorer.sheet.getByTestId("tenant-details")).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
});

test.describe("1280×720", () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test("the summary charts fold away, and the browser remembers it", async ({ page }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto();
    await expect(explorer.summaryPanel).toBeVisible();
    await expect(explorer.summaryToggle).toHaveAttribute("aria-expanded", "true");
    const before = (await box(explorer.grid)).height;

    await explorer.summaryToggle.click();
    await expect(explorer.summaryPanel).toBeHidden();
    await expect(explorer.summaryToggle).toHaveAttribute("aria-expanded", "false");
    expect((await box(explorer.grid)).height, "the table takes the room").toBeGreaterThan(
      before + 100,
    );

    // Still folded after a reload: the server renders it folded (no jump).
    await page.reload();
    await expect(explorer.summaryPanel).toBeHidden();
    await expect(explorer.summaryToggle).toHaveAttribute("aria-expanded", "false");

    await explorer.summaryToggle.click();
    await expect(explorer.summaryPanel).toBeVisible();
    await page.reload();
    await expect(explorer.summaryPanel).toBeVisible();
  });

  test("the toolbar keeps its height as filters are chosen", async ({ page }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto();
    const toolbar = page.getByRole("search", { name: "Filter tenants" });
    const height = (await box(toolbar)).height;
    const gridTop = (await box(explorer.grid)).y;

    const steps: [string, () => Promise<void>][] = [];
    for (const d of DIMENSIONS)
      steps.push([
        d,
        async () => {
          const [value] = [...(await explorer.facetCounts(d))]
            .filter(([, n]) => n > 0)
            .sort((a, b) => b[1] - a[1])[0]!;
          await explorer.toggleFacet(d, value);
        },
      ]);
    steps.push([
      "created dates",
      async () => {
        await page.getByTestId("filter-created").click();
        await page.getByTestId("created-from").fill("2020-01-01");
        await page.getByTestId("created-to").fill("2030-12-31");
        await explorer.closePopover();
        await explorer.ready();
      },
    ]);
    for (const [what, step] of steps) {
      await step();
      expect((await box(toolbar)).height, `toolbar height after ${what}`).toBe(height);
      expect((await box(explorer.grid)).y, `table top after ${what}`).toBe(gridTop);
    }
  });
});
