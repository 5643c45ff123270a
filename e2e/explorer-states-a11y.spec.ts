// axe-core on the explorer's states, light and dark: loading (dimmed rows, progress bar), the
// skeletons of a first load, empty results with their chips, an error over the last good data, a link's
// notice, the phone's cards and filter sheet, and the changes page's explanation for a viewer.
import { ChangesPage } from "./pages/changes-page";
import { ExplorerPage } from "./pages/explorer-page";
import { expectNoViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { createLink } from "./support/shares";

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.beforeEach(async ({ page, signIn }) => {
      await page.emulateMedia({ colorScheme });
      await signIn("viewer");
    });

    test("loading, an error over the last good data, and a link's notice", async ({ page }) => {
      const explorer = new ExplorerPage(page);
      await explorer.goto("status=bogus&sort=nope");
      await expect(explorer.notice).toBeVisible();
      await expectNoViolations(page, "/ with a link's notice");

      // A slow view: dimmed rows and the progress bar.
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      await page.route(
        (url) => url.pathname === "/api/tenants" && url.search.includes("status=deleted"),
        async (route) => {
          await held;
          await route.fulfill({
            status: 500,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "internal", message: "Test failure." } }),
          });
        },
      );
      await explorer
        .chart("status")
        .getByRole("button", { name: /^Deleted/ })
        .click();
      await expect(explorer.loadingBar).toBeVisible();
      await expectNoViolations(page, "/ while a new view loads");

      // It fails: said above the rows still shown.
      release();
      await expect(page.getByTestId("error-state")).toBeVisible();
      await expectNoViolations(page, "/ with an error over the last good data");
    });

    test("a first load waiting for its data (skeletons)", async ({ page, apiAs }) => {
      const link = await createLink(await apiAs("viewer"), {
        columns: ["name", "status", "regionCode", "subscriptionId"],
      });
      await page.route(
        (url) => /^\/api\/s\/[^/]+\/tenants$/.test(url.pathname),
        () => new Promise(() => {}), // never answers
      );
      await page.goto(link.path);
      await expect(page.getByTestId("tenant-grid-skeleton")).toBeVisible();
      await expectNoViolations(page, "a shared view before its first answer");
    });

    test("empty results with what narrows them", async ({ page }) => {
      const explorer = new ExplorerPage(page);
      await explorer.goto("q=zz-none&region=me-central-1&country=AU");
      await expect(explorer.emptyState.getByTestId("empty-narrowings")).toBeVisible();
      await expectNoViolations(page, "/ with no results and its chips");
    });

    test("a phone: cards, the summary, the filter sheet", async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      const explorer = new ExplorerPage(page);
      await explorer.goto("group=region");
      await expect(explorer.cards).toBeVisible();
      await expectNoViolations(page, "/ as cards");
      await explorer.phoneSummaryToggle.click();
      await expect(explorer.summaryPanel).toBeVisible();
      await expectNoViolations(page, "/ as cards with the summary");
      await explorer.openFilters.click();
      await page.getByTestId("sheet-facet-region").click();
      await expect(page.getByTestId("facet-options-region")).toBeVisible();
      await expectNoViolations(page, "/ with the filter sheet");
    });

    test("/changes for a viewer: the explanation and the note on refreshing", async ({ page }) => {
      const changes = new ChangesPage(page);
      await changes.goto();
      await expect(page.getByTestId("sync-explainer")).toBeVisible();
      await expectNoViolations(page, "/changes (viewer)");
    });
  });
}
