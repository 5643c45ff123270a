// What the explorer says while it works and when it cannot show what was asked: a visible loading
// cue (not for quick answers) and skeletons while a first answer is awaited, without layout shift; bad
// links that open anyway and name what was left out; empty results that say what narrows them and
// take it away in one click; the keyboard in filter popups; and Back to the same place in the list.
import type { Page, Route } from "@playwright/test";
import { ExplorerPage } from "./pages/explorer-page";
import { TenantPage } from "./pages/tenant-page";
import { E2E_TENANTS } from "./support/env";
import { expect, test } from "./support/fixtures";
import { createLink } from "./support/shares";

const TOTAL = E2E_TENANTS;

/** Holds answers of GET /api/tenants whose query matches `match` for `ms`. */
async function slowTenants(page: Page, match: RegExp, ms: number) {
  await page.route(
    (url) => url.pathname === "/api/tenants" && match.test(url.search),
    async (route: Route) => {
      await new Promise((r) => setTimeout(r, ms));
      await route.continue();
    },
  );
}

test.beforeEach(async ({ signIn }) => {
  await signIn("viewer");
});

test.describe("loading is visible", () => {
  test("a slow view dims the rows and shows a progress bar after ~150 ms, then the new rows", async ({
    page,
  }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto();
    await slowTenants(page, /status=deleted/, 2000);
    // When the grid starts loading and when the cue appears, as the page sees it.
    await page.evaluate(() => {
      const w = window as unknown as { __cue: { loading?: number; bar?: number } };
      w.__cue = {};
      new MutationObserver(() => {
        const now = performance.now();
        if (!w.__cue.loading && document.querySelector("[data-testid=tenant-grid][data-loading]"))
          w.__cue.loading = now;
        if (!w.__cue.bar && document.querySelector("[data-testid=loading-bar]")) w.__cue.bar = now;
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });

    await explorer
      .chart("status")
      .getByRole("button", { name: /^Deleted/ })
      .click();
    await expect(explorer.loadingBar).toBeVisible();
    await expect(explorer.loadingBar).toHaveAttribute("role", "progressbar");
    await expect(explorer.grid).toHaveAttribute("data-dimmed", "true");
    await expect(explorer.grid).toHaveAttribute("aria-busy", "true");
    await expect(explorer.count).toHaveAttribute("data-updating", "true");
    await expect(explorer.count).toContainText("(updating)");
    // The previous rows stay on screen meanwhile.
    await expect(explorer.rows.first()).toBeVisible();
    const cue = await page.evaluate(
      () => (window as unknown as { __cue: { loading?: number; bar?: number } }).__cue,
    );
    expect(cue.loading).toBeDefined();
    expect((cue.bar ?? 0) - (cue.loading ?? 0), "the cue waits ~150 ms").toBeGreaterThanOrEqual(
      140,
    );

    await explorer.ready();
    await expect(explorer.loadingBar).toHaveCount(0);
    await expect(explorer.grid).not.toHaveAttribute("data-dimmed", /.*/);
    await expect(explorer.count).not.toHaveAttribute("data-updating", /.*/);
    const statuses = await explorer.rows.locator("[data-column=status]").allTextContents();
    expect(new Set(statuses)).toEqual(new Set(["Deleted"]));
  });

  test("a quick answer shows no loading cue at all", async ({ page }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto();
    await page.evaluate(() => {
      const w = window as unknown as { __barSeen: boolean };
      w.__barSeen = false;
      new MutationObserver(() => {
        if (document.querySelector("[data-testid=loading-bar]")) w.__barSeen = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    // A new view the server answers in a few milliseconds, then one from the cache.
    await explorer.toggleFacet("status", "active");
    await explorer.toggleFacet("status", "active");
    await explorer.expectCount(TOTAL, TOTAL);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __barSeen: boolean }).__barSeen)).toBe(
      false,
    );
  });

  test("a first load that waits for its data: skeletons of the count, the charts and the table, then the rows without a shift", async ({
    page,
    apiAs,
  }) => {
    // A shared view loads its first window in the browser: hold it back.
    const link = await createLink(await apiAs("viewer"), {
      columns: ["name", "status", "regionCode", "subscriptionId", "licenseEndsAt"],
    });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => /^\/api\/s\/[^/]+\/tenants$/.test(url.pathname),
      async (route) => {
        await held;
        await route.continue();
      },
    );
    await page.addInitScript(() => {
      const w = window as unknown as { __cls: number };
      w.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[])
          if (!e.hadRecentInput) w.__cls += e.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(link.path);
    const explorer = new ExplorerPage(page);
    await expect(page.getByTestId("tenant-grid-skeleton")).toBeVisible();
    await expect(explorer.count).toHaveText(""); // a placeholder bar
    await expect(explorer.chart("status")).toBeVisible();
    await expect(explorer.chart("status").getByRole("button")).toHaveCount(0);

    release();
    await explorer.ready();
    await expect(explorer.rows.first()).toBeVisible();
    await expect(explorer.chart("status").getByRole("button").first()).toBeVisible();
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBe(0);
  });

  test("a quick first load sends the explorer itself: no skeleton to flash", async ({
    browser,
    page,
  }) => {
    // Without scripts, the page stays as the server sent it.
    const context = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await page.context().storageState(),
    });
    try {
      const noScript = await context.newPage();
      await noScript.goto("/");
      await expect(noScript.getByTestId("tenant-grid")).toBeVisible();
      await expect(noScript.locator("[data-tenant-id]").first()).toBeVisible();
      await expect(noScript.getByTestId("explorer-skeleton")).toHaveCount(0);
    } finally {
      await context.close();
    }
  });

  test("no layout shift while the explorer loads (CLS 0)", async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __cls: number };
      w.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[])
          if (!e.hadRecentInput) w.__cls += e.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    for (const [width, height] of [
      [1440, 900],
      [1280, 720],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      const explorer = new ExplorerPage(page);
      await explorer.goto("group=region");
      await page.waitForTimeout(1000);
      const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
      expect(cls, `CLS at ${width}×${height}`).toBe(0);
    }
  });
});

test.describe("bad links recover", () => {
  test("unusable parameters are dropped and named; the rest of the view works", async ({
    page,
  }) => {
    const failed: string[] = [];
    page.on("response", (r) => {
      if (r.url().includes("/api/tenants") && r.status() >= 400) failed.push(r.url());
    });
    const explorer = new ExplorerPage(page);
    await explorer.goto("status=bogus&sort=nope&group=xyz");
    await expect(explorer.notice).toBeVisible();
    await expect(explorer.notice.getByTestId("view-notice-item")).toHaveText([
      'Ignored status "bogus" — not a status',
      'Ignored sort "nope" — not a column to sort by',
      'Ignored grouping "xyz" — not a way to group tenants',
    ]);
    // The link is clean, and the explorer works as on a plain link.
    await expect(page).toHaveURL((url) => url.search === "");
    await explorer.expectCount(TOTAL, TOTAL);
    await expect(explorer.rows.first()).toBeVisible();
    await expect(explorer.groupSelect).toHaveValue("none");
    await expect(explorer.columnHeader("name")).toHaveAttribute("aria-sort", "ascending");
    expect(failed).toEqual([]);

    await explorer.notice.getByRole("button", { name: "Dismiss this notice" }).click();
    await expect(explorer.notice).toBeHidden();
  });

  test("only the unusable values go: the usable ones in the same parameters stay", async ({
    page,
  }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto(
      "status=active,bogus&region=eu-west-1,mars-1&sort=-createdAt,nope&createdFrom=2024-13-45",
    );
    await expect(explorer.notice.getByTestId("view-notice-item")).toHaveText([
      'Ignored region "mars-1" — not a region',
      'Ignored status "bogus" — not a status',
      'Ignored created from "2024-13-45" — not a date',
      'Ignored sort "nope" — not a column to sort by',
    ]);
    await expect(page).toHaveURL(
      (url) =>
        url.searchParams.get("status") === "active" &&
        url.searchParams.get("region") === "eu-west-1" &&
        url.searchParams.get("sort") === "-createdAt" &&
        !url.searchParams.has("createdFrom"),
    );
    await expect(explorer.columnHeader("createdAt")).toHaveAttribute("aria-sort", "descending");
    const { shown } = await explorer.counts();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(TOTAL);
  });
});

test.describe("empty states give the right advice", () => {
  test("filters that exclude each other: named, each removable, no search advice", async ({
    page,
  }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto("region=me-central-1&country=AU");
    await expect(explorer.emptyState).toBeVisible();
    await expect(explorer.emptyState.getByTestId("empty-title")).toHaveText(
      "No tenant matches these filters",
    );
    const advice = explorer.emptyState.getByTestId("empty-advice");
    await expect(advice).toContainText(
      'Region "Middle East (UAE)" and country "Australia" exclude each other: no tenant has both.',
    );
    await expect(explorer.emptyState).not.toContainText("search");
    await expect(explorer.narrowing("Region: Middle East (UAE) · me-central-1")).toBeVisible();
    await expect(explorer.narrowing("Country: Australia · AU")).toBeVisible();

    await explorer.narrowing("Country: Australia · AU").click();
    await explorer.ready();
    await expect(page).toHaveURL((url) => !url.searchParams.has("country"));
    await expect(page).toHaveURL(/region=me-central-1/);
    expect((await explorer.counts()).shown).toBeGreaterThan(0);
  });

  test("a search with no match: the search named, a shorter search suggested", async ({ page }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto("q=zzqqxx-nothing");
    await expect(explorer.emptyState.getByTestId("empty-title")).toHaveText(
      'No tenant matches "zzqqxx-nothing"',
    );
    await expect(explorer.emptyState.getByTestId("empty-advice")).toContainText(
      "try a shorter search",
    );
    await explorer.narrowing('Search: "zzqqxx-nothing"').click();
    await explorer.ready();
    await explorer.expectCount(TOTAL, TOTAL);
    await expect(explorer.search).toHaveValue("");
  });

  test("a search and filters: each one listed with its value, and Clear filters", async ({
    page,
  }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto("q=zzqqxx-nothing&status=active,deleted&createdFrom=2024-01-01");
    const chips = explorer.emptyState.getByTestId("empty-narrowings").getByRole("button");
    await expect(chips).toHaveText([
      'Search: "zzqqxx-nothing"',
      "Status: Active",
      "Status: Deleted",
      "Created: from 2024-01-01",
    ]);
    await explorer.narrowing("Status: Deleted").click();
    await expect(page).toHaveURL((url) => url.searchParams.get("status") === "active");
    await expect(chips).toHaveCount(3);
    await explorer.emptyState.getByRole("button", { name: "Clear filters" }).click();
    await explorer.ready();
    await explorer.expectCount(TOTAL, TOTAL);
  });
});

test.describe("the keyboard in filter popups", () => {
  test("arrows move from the find box through the options, Space and Enter toggle, Escape closes", async ({
    page,
  }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto();
    const button = explorer.facetButton("region");
    await button.focus();
    await page.keyboard.press("Enter");
    const find = page.getByTestId("facet-find-region");
    await expect(find).toBeFocused();
    const boxes = explorer.facetOptions("region").locator("input");
    const value = (i: number) => explorer.facetOptions("region").nth(i).getAttribute("data-value");

    await page.keyboard.press("ArrowDown");
    await expect(boxes.nth(0)).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(boxes.nth(1)).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await expect(find).toBeFocused();

    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Space");
    const second = await value(1);
    await expect(page).toHaveURL((url) => url.searchParams.get("region") === second);
    await expect(boxes.nth(1)).toBeChecked();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL((url) => !url.searchParams.has("region"));
    await page.keyboard.press("ArrowDown");
    await expect(boxes.nth(2)).toBeFocused();
    await page.keyboard.press("Enter");
    const third = await value(2);
    await expect(page).toHaveURL((url) => url.searchParams.get("region") === third);

    // Typing narrows; ArrowDown goes to the first match.
    await find.focus();
    await page.keyboard.type("ireland");
    await page.keyboard.press("ArrowDown");
    await expect(explorer.facetOptions("region").first()).toHaveAttribute(
      "data-value",
      "eu-west-1",
    );
    await expect(boxes.first()).toBeFocused();

    await page.keyboard.press("Escape");
    await expect(page.getByTestId("facet-popover-region")).toBeHidden();
    await expect(button).toBeFocused();
  });

  test("a short list (no find box): focus starts on the first option", async ({ page }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto();
    await explorer.facetButton("status").focus();
    await page.keyboard.press("Enter");
    const boxes = explorer.facetOptions("status").locator("input");
    await expect(boxes.first()).toBeFocused();
    await page.keyboard.press("End");
    await expect(boxes.last()).toBeFocused();
    await page.keyboard.press("Home");
    await page.keyboard.press("Enter");
    await expect(boxes.first()).toBeChecked();
    await page.keyboard.press("Escape");
    await expect(explorer.facetButton("status")).toBeFocused();
    await expect(page).toHaveURL(/status=/);
  });
});

test.describe("back keeps the place", () => {
  async function scrolledAway(explorer: ExplorerPage, offset: number) {
    await explorer.grid.evaluate((el, y) => el.scrollTo(0, y), offset);
    await expect(explorer.grid.locator("[data-placeholder]")).toHaveCount(0);
    await explorer.page.waitForTimeout(300); // the position is kept once scrolling pauses
  }

  test("returning from a tenant's page restores the table's scroll position", async ({ page }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto("sort=-createdAt");
    await scrolledAway(explorer, 9000);
    const row = explorer.rows.nth(8);
    const id = await row.getAttribute("data-tenant-id");
    await row.click();
    await expect(explorer.sheet).toBeVisible();
    const before = await explorer.grid.evaluate((el) => el.scrollTop);
    expect(before).toBeGreaterThan(8000);
    await explorer.sheet.getByTestId("open-full-page").click();
    const tenantPage = new TenantPage(page);
    await expect(tenantPage.details.root).toHaveAttribute("data-tenant-id", id ?? "?");

    await page.goBack();
    await explorer.ready();
    await expect.poll(() => explorer.grid.evaluate((el) => el.scrollTop)).toBe(before);
    await expect(explorer.grid.locator(`[data-tenant-id="${id}"]`)).toBeVisible();

    // A new view still starts at the top.
    await page.keyboard.press("Escape");
    await explorer.sortBy("name");
    await expect.poll(() => explorer.grid.evaluate((el) => el.scrollTop)).toBe(0);
  });

  test("on a phone too: the cards come back where they were", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const explorer = new ExplorerPage(page);
    await explorer.goto();
    await explorer.cards.evaluate((el) => el.scrollTo(0, 6000));
    await expect(explorer.cards.locator("[data-placeholder]")).toHaveCount(0);
    const card = explorer.cardButtons.nth(6);
    const id = await card.getAttribute("data-tenant-id");
    await card.click();
    await expect(explorer.sheet).toBeVisible();
    const before = await explorer.cards.evaluate((el) => el.scrollTop);
    expect(before).toBeGreaterThan(5000);
    await explorer.sheet.getByTestId("open-full-page").click();
    await expect(page).toHaveURL(/\/tenants\//);
    await page.goBack();
    await explorer.ready();
    await expect.poll(() => explorer.cards.evaluate((el) => el.scrollTop)).toBe(before);
    await expect(explorer.cards.locator(`[data-tenant-id="${id}"]`)).toBeVisible();
  });
});
