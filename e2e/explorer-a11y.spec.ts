// axe-core on every page of the explorer, in the light and the dark theme (the app follows
// prefers-color-scheme): no violations, including colour contrast. Share links too: the dialog,
// /shares, a shared view and a revoked link's page.
import { ExplorerPage } from "./pages/explorer-page";
import { TenantPage } from "./pages/tenant-page";
import { ChangesPage } from "./pages/changes-page";
import { ShareDialog } from "./pages/share-dialog";
import { SharedViewPage } from "./pages/shared-view-page";
import { SharesPage } from "./pages/shares-page";
import { APP_URL } from "./support/env";
import { expectNoViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { createLink } from "./support/shares";

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.beforeEach(async ({ page, signIn }) => {
      await page.emulateMedia({ colorScheme });
      await signIn("admin");
    });

    test("the explorer, grouped, with a filter popover and the details panel", async ({ page }) => {
      const explorer = new ExplorerPage(page);
      await explorer.goto("group=region,subscription&status=active,disabled");
      await expectNoViolations(page, "/ (grouped)");
      await explorer.openFacet("region");
      await expectNoViolations(page, "/ with the region filter open");
      await explorer.closePopover();
      await explorer.rows.first().click();
      await expect(explorer.sheet.getByTestId("tenant-details")).toBeVisible();
      await expectNoViolations(page, "/ with the details panel");
    });

    test("the empty state", async ({ page }) => {
      const explorer = new ExplorerPage(page);
      await explorer.goto("q=no-such-tenant-anywhere");
      await expect(explorer.emptyState).toBeVisible();
      await expectNoViolations(page, "/ with no results");
    });

    test("a tenant's own page", async ({ page }) => {
      const explorer = new ExplorerPage(page);
      await explorer.goto("status=deleted");
      const id = (await explorer.rows.first().getAttribute("data-tenant-id")) ?? "";
      const tenantPage = new TenantPage(page);
      await tenantPage.goto(id);
      await expectNoViolations(page, `/tenants/${id}`);
    });

    test("the share dialog, a new link and /shares", async ({ page }) => {
      const explorer = new ExplorerPage(page);
      await explorer.goto("status=active&group=region");
      const dialog = new ShareDialog(page);
      await dialog.open();
      await expectNoViolations(page, "/ with the share dialog");
      await dialog.name.fill(`A11y ${colorScheme}`);
      await dialog.create();
      await expectNoViolations(page, "/ with a new link");
      const shares = new SharesPage(page);
      await shares.goto();
      await expect(shares.rows.first()).toBeVisible();
      await expectNoViolations(page, "/shares");
    });

    test("a shared view with its details panel, and a revoked link's page", async ({
      page,
      apiAs,
    }) => {
      const api = await apiAs("admin");
      const link = await createLink(api, {
        view: "status=active&group=region",
        columns: ["name", "status", "regionCode", "hostname", "createdAt"],
        allowExport: true,
      });
      const shared = new SharedViewPage(page);
      await shared.goto(link.url);
      await expectNoViolations(page, "/s/<token>");
      await shared.explorer.rows.first().locator("[data-column=name]").click();
      await expect(shared.explorer.sheet.getByTestId("tenant-details")).toBeVisible();
      await expectNoViolations(page, "/s/<token> with the details panel");
      expect(
        (
          await api.delete(`/api/shares/${link.share.id}`, { headers: { origin: APP_URL } })
        ).status(),
      ).toBe(204);
      await page.reload();
      await expect(shared.unavailable).toBeVisible();
      await expectNoViolations(page, "a revoked link's page");
    });

    test("the change feed", async ({ page }) => {
      const changes = new ChangesPage(page);
      await changes.goto();
      await expect(changes.rows.first().or(page.getByTestId("changes-empty"))).toBeVisible();
      await expectNoViolations(page, "/changes");
      await changes.kind("Renamed").click();
      await expectNoViolations(page, "/changes filtered");
    });
  });
}
