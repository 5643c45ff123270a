// The tenant explorer on the e2e organization (800 tenants, 6 subscriptions, seed 7): grouping,
// filters and their counts, hostile names as text, sorting, columns, the URL as the view, the
// details panel and hub links, keyboard-only use, and the freshness banner after a failed sync.
import type { APIRequestContext, Page } from "@playwright/test";
import { ExplorerPage, type GroupMode } from "./pages/explorer-page";
import { TenantDetails, TenantPage } from "./pages/tenant-page";
import { E2E_TENANTS } from "./support/env";
import { expect, signInWithApi, test } from "./support/fixtures";
import { setSimulatorFaults } from "./support/simulator";

const TOTAL = E2E_TENANTS;

/** Waits until the first sync has produced a snapshot (the explorer shows progress until then). */
async function waitForSnapshot(api: APIRequestContext) {
  await expect(async () => {
    const res = await api.get("/api/sync");
    expect(res.ok()).toBe(true);
    const body = (await res.json()) as { snapshot: { takenAt: string | null } };
    expect(body.snapshot.takenAt).not.toBeNull();
  }).toPass({ timeout: 60_000 });
}

async function openExplorer(page: Page, query = "") {
  const explorer = new ExplorerPage(page);
  await explorer.goto(query);
  return explorer;
}

test.beforeEach(async ({ signIn, apiAs }) => {
  await waitForSnapshot(await apiAs("viewer"));
  await signIn("viewer");
});

test("shows every tenant with 'N of M tenants', data freshness and the summary charts", async ({
  page,
}) => {
  const explorer = await openExplorer(page);
  await explorer.expectCount(TOTAL, TOTAL);
  await expect(explorer.dataAsOf).toBeVisible();
  await expect(explorer.freshness).toContainText("Data as of");
  await expect(explorer.rows.first()).toBeVisible();
  await expect(explorer.grid).toHaveAttribute("aria-rowcount", String(TOTAL + 1));
  for (const chart of ["region", "status", "subscription"] as const)
    await expect(explorer.chart(chart).getByRole("button").first()).toBeVisible();
  // Viewers cannot refresh.
  await expect(explorer.refreshNow).toHaveCount(0);
});

test.describe("grouping", () => {
  const modes: { mode: GroupMode; levels: number; field: string }[] = [
    { mode: "region", levels: 1, field: "region" },
    { mode: "subscription", levels: 1, field: "subscription" },
    { mode: "region,subscription", levels: 2, field: "region" },
    { mode: "subscription,region", levels: 2, field: "subscription" },
  ];
  for (const { mode, levels, field } of modes) {
    test(`groups by ${mode}: headers with counts and a status breakdown, in the URL`, async ({
      page,
    }) => {
      const explorer = await openExplorer(page);
      await explorer.groupBy(mode);
      await expect(page).toHaveURL((url) => url.searchParams.get("group") === mode);
      await expect(explorer.grid).toHaveAttribute("role", "treegrid");

      const first = explorer.groupRows.first();
      await expect(first).toHaveAttribute("aria-level", "1");
      await expect(first).toHaveAttribute("data-group", new RegExp(`^${field}:`));
      await expect(first).toContainText(/\d+ tenants?/);
      await expect(first).toContainText(/\d+ active/);
      if (levels === 2) {
        const child = explorer.groupRows.nth(1);
        await expect(child).toHaveAttribute("aria-level", "2");
        await expect(child).toHaveAttribute("data-group", /.+>.+/);
      }

      // Collapse all: only top-level headers remain, and their counts add up to every tenant.
      await explorer.collapseAll.click();
      await expect(page).toHaveURL(/collapsed=\*/);
      await expect(explorer.rows).toHaveCount(0);
      const counts = await explorer.groupRows.evaluateAll((rows) =>
        rows.map((r) => Number(r.getAttribute("data-count"))),
      );
      expect(counts.reduce((a, b) => a + b, 0)).toBe(TOTAL);

      // Expand one group, then all.
      await explorer.groupRows
        .first()
        .getByRole("button", { name: /^Expand / })
        .click();
      await expect(explorer.groupRows.first()).toHaveAttribute("aria-expanded", "true");
      await expect(page).toHaveURL(/expanded=/);
      await explorer.expandAll.click();
      await expect(page).not.toHaveURL(/collapsed=/);
      await expect(explorer.rows.first()).toBeVisible();

      // Collapse a single group.
      const key = await explorer.groupRows.first().getAttribute("data-group");
      await explorer.groupRows
        .first()
        .getByRole("button", { name: /^Collapse / })
        .click();
      await expect(explorer.grid.locator(`[data-group="${key}"]`)).toHaveAttribute(
        "aria-expanded",
        "false",
      );
      await expect(page).toHaveURL((url) =>
        (url.searchParams.get("collapsed") ?? "").includes(key ?? "?"),
      );
    });
  }
});

test("every filter narrows the table, and the other filters' counts follow", async ({ page }) => {
  const explorer = await openExplorer(page);

  // Status: pick the second most common value.
  const statuses = await explorer.facetCounts("status");
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL);
  const [status, statusCount] = [...statuses].sort((a, b) => b[1] - a[1])[1]!;
  await explorer.toggleFacet("status", status);
  await expect(page).toHaveURL((url) => url.searchParams.get("status") === status);
  await explorer.expectCount(statusCount, TOTAL);

  // The region counts now describe only that status.
  const regions = await explorer.facetCounts("region");
  expect([...regions.values()].reduce((a, b) => a + b, 0)).toBe(statusCount);
  const [region, regionCount] = [...regions].sort((a, b) => b[1] - a[1])[0]!;
  await explorer.toggleFacet("region", region);
  await explorer.expectCount(regionCount, TOTAL);
  for (const cell of await explorer.rows.locator("[data-column=regionCode]").allTextContents())
    expect(cell).toContain(region);

  // Country and subscription counts follow both.
  const countries = await explorer.facetCounts("country");
  expect([...countries.values()].reduce((a, b) => a + b, 0)).toBe(regionCount);
  const subscriptions = await explorer.facetCounts("subscription");
  expect([...subscriptions.values()].reduce((a, b) => a + b, 0)).toBe(regionCount);
  const [subscription, subscriptionCount] = [...subscriptions].sort((a, b) => b[1] - a[1])[0]!;
  await explorer.toggleFacet("subscription", subscription);
  await explorer.expectCount(subscriptionCount, TOTAL);
  const [country, countryCount] = [...(await explorer.facetCounts("country"))].sort(
    (a, b) => b[1] - a[1],
  )[0]!;
  await explorer.toggleFacet("country", country);
  await explorer.expectCount(countryCount, TOTAL);

  // Clear all, then the created-date range.
  await explorer.clearFilters.click();
  await explorer.ready();
  await explorer.expectCount(TOTAL, TOTAL);
  await expect(page).not.toHaveURL(/status=|region=|country=|subscription=/);

  await page.getByTestId("filter-created").click();
  await page.getByTestId("created-from").fill("2025-01-01");
  await page.getByTestId("created-to").fill("2025-12-31");
  await explorer.closePopover();
  await expect(page).toHaveURL(/createdFrom=2025-01-01/);
  await expect(page).toHaveURL(/createdTo=2025-12-31/);
  await explorer.ready();
  const { shown } = await explorer.counts();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(TOTAL);
  // The charts filter too: pressing a status bar adds that status.
  const bar = explorer.chart("status").getByRole("button").first();
  await bar.click();
  await expect(bar).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/status=/);
  await explorer.ready();

  // Nothing matches: a way out.
  await explorer.searchFor("no-such-tenant-anywhere-42");
  await expect(explorer.emptyState).toBeVisible();
  await explorer.emptyState.getByRole("button", { name: "Clear filters" }).click();
  await explorer.ready();
  await explorer.expectCount(TOTAL, TOTAL);
});

test("hostile tenant names are shown as plain text", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const explorer = await openExplorer(page);

  await explorer.searchFor("<script>");
  await explorer.expectCount(1);
  expect(await explorer.rowNames(1)).toEqual(["<script>alert(1)</script>"]);
  expect(await explorer.grid.locator("script").count()).toBe(0);

  await explorer.searchFor('"Quoted"');
  expect(await explorer.rowNames(1)).toEqual(['Tenant "Quoted", Inc.']);

  await explorer.searchFor("zurich"); // folded: finds "Zürich"
  expect(await explorer.rowNames(1)).toEqual(["Müller & Söhne — Zürich"]);

  await explorer.searchFor("東京");
  expect(await explorer.rowNames(1)).toEqual(["東京アナリティクス"]);

  await explorer.searchFor("HYPERLINK");
  expect(await explorer.rowNames(1)).toEqual(['=HYPERLINK("http://x")']);

  await explorer.openTenant('=HYPERLINK("http://x")');
  await expect(new TenantDetails(explorer.sheet).title).toHaveText('=HYPERLINK("http://x")');
  expect(dialogs).toEqual([]);
});

test("sorts by a column, adds a second key with shift-click, and says so with aria-sort", async ({
  page,
}) => {
  const explorer = await openExplorer(page);
  await expect(explorer.columnHeader("name")).toHaveAttribute("aria-sort", "ascending");

  const ascending = await explorer.rowNames(3);
  await explorer.sortBy("name");
  await expect(page).toHaveURL((url) => url.searchParams.get("sort") === "-name");
  await expect(explorer.columnHeader("name")).toHaveAttribute("aria-sort", "descending");
  expect(await explorer.rowNames(3)).not.toEqual(ascending);

  await explorer.sortBy("status");
  await expect(page).toHaveURL((url) => url.searchParams.get("sort") === "status");
  await expect(explorer.columnHeader("status")).toHaveAttribute("aria-sort", "ascending");
  await expect(explorer.columnHeader("name")).not.toHaveAttribute("aria-sort", /.*/);

  await explorer.sortBy("createdAt", { add: true });
  await expect(page).toHaveURL((url) => url.searchParams.get("sort") === "status,createdAt");
  const statuses = await explorer.rows.locator("[data-column=status]").allTextContents();
  expect(statuses.length).toBeGreaterThan(5);
  expect(statuses[0]).toBe("Active");
});

test("column visibility from the Columns menu, kept in the URL", async ({ page }) => {
  const explorer = await openExplorer(page);
  expect(await explorer.columns()).not.toContain("id");
  await explorer.setColumn("Tenant ID", true);
  await expect.poll(() => explorer.columns()).toContain("id");
  await explorer.setColumn("Status", false);
  await expect.poll(() => explorer.columns()).not.toContain("status");
  await expect(page).toHaveURL((url) => {
    const cols = url.searchParams.get("cols") ?? "";
    return cols.includes("id") && !cols.includes("status");
  });
  const id = await explorer.rows.first().getAttribute("data-tenant-id");
  await expect(explorer.rows.first().locator("[data-column=id]")).toHaveText(id ?? "?");
});

test("a copied URL reproduces the view in another browser", async ({ page, browser }) => {
  const explorer = await openExplorer(page);
  await explorer.searchFor("a");
  await explorer.toggleFacet("status", "active");
  await explorer.groupBy("region,subscription");
  await explorer.sortBy("createdAt");
  await explorer.setColumn("Country", true);
  const firstGroup = await explorer.groupRows.first().getAttribute("data-group");
  await explorer.groupRows
    .first()
    .getByRole("button", { name: /^Collapse / })
    .click();
  await expect(page).toHaveURL(/collapsed=/);
  await expect(page).toHaveURL(/q=a/); // the search reached the URL too

  const url = page.url();
  const before = {
    count: await explorer.count.textContent(),
    columns: await explorer.columns(),
    groups: await explorer.groupRows.evaluateAll((rows) =>
      rows.slice(0, 8).map((r) => [r.getAttribute("data-group"), r.getAttribute("aria-expanded")]),
    ),
    names: await explorer.rowNames(5),
  };

  const colleague = await browser.newContext();
  try {
    await signInWithApi(colleague.request, "viewer");
    const other = new ExplorerPage(await colleague.newPage());
    await other.page.goto(url);
    await other.ready();
    await expect(other.search).toHaveValue("a");
    await expect(other.groupSelect).toHaveValue("region,subscription");
    await expect(other.count).toHaveText(before.count ?? "");
    expect(await other.columns()).toEqual(before.columns);
    await expect(other.grid.locator(`[data-group="${firstGroup}"]`)).toHaveAttribute(
      "aria-expanded",
      "false",
    );
    expect(
      await other.groupRows.evaluateAll((rows) =>
        rows
          .slice(0, 8)
          .map((r) => [r.getAttribute("data-group"), r.getAttribute("aria-expanded")]),
      ),
    ).toEqual(before.groups);
    expect(await other.rowNames(5)).toEqual(before.names);
    await expect(other.columnHeader("createdAt")).toHaveAttribute("aria-sort", "ascending");
  } finally {
    await colleague.close();
  }
});

test("details panel: every field, copy buttons, hub and console links, and its own page", async ({
  page,
}) => {
  const explorer = await openExplorer(page);
  const row = explorer.rows.nth(2);
  const id = (await row.getAttribute("data-tenant-id")) ?? "";
  await row.click();
  await expect(explorer.sheet).toBeVisible();
  await expect(page).toHaveURL((url) => url.searchParams.get("tenant") === id);

  const details = new TenantDetails(explorer.sheet);
  await expect(details.root).toHaveAttribute("data-tenant-id", id);
  for (const field of [
    "Name",
    "Tenant ID",
    "Status",
    "Region",
    "Country",
    "Subscription",
    "License number",
    "License period",
    "Created",
    "Created by",
    "Updated",
    "Deletion starts",
  ])
    await expect(details.root.locator("dt", { hasText: new RegExp(`^${field}$`) })).toBeVisible();
  await expect(details.root.getByTestId("field-id")).toContainText(id);
  await expect(details.copyId).toBeVisible();
  await expect(details.copySubscription).toBeVisible();
  await expect(details.root.getByRole("button", { name: /^Copy hostname / }).first()).toBeVisible();
  await expect(details.root.getByRole("heading", { name: /Change history/ })).toBeVisible();

  // Hub and console links: the tenant's own hostnames, in a new tab, without an opener.
  const hostnames = await details.hostnames();
  expect(hostnames.length).toBeGreaterThan(0);
  for (const [i, host] of hostnames.entries()) {
    await expect(details.hubLinks.nth(i)).toHaveAttribute("href", `https://${host}`);
    await expect(details.consoleLinks.nth(i)).toHaveAttribute("href", `https://${host}/console`);
    await expect(details.hubLinks.nth(i)).toHaveAttribute("target", "_blank");
    await expect(details.hubLinks.nth(i)).toHaveAttribute("rel", /noopener/);
  }
  await expect(details.openHub).toHaveAttribute("href", `https://${hostnames[0]}`);
  await expect(details.openConsole).toHaveAttribute("href", `https://${hostnames[0]}/console`);
  // The row's hostname links to the hub too.
  await expect(row.locator("[data-column=hostname] a")).toHaveAttribute(
    "href",
    `https://${hostnames[0]}`,
  );

  // Copy writes the ID to the clipboard.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await details.copyId.click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(id);

  // Escape closes it and drops the param; the full page shows the same tenant.
  await page.keyboard.press("Escape");
  await expect(explorer.sheet).toBeHidden();
  await expect(page).toHaveURL((url) => !url.searchParams.has("tenant"));

  const tenantPage = new TenantPage(page);
  await tenantPage.goto(id);
  await expect(tenantPage.details.root).toHaveAttribute("data-tenant-id", id);
  expect(await tenantPage.details.hostnames()).toEqual(hostnames);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a license ending soon and a scheduled deletion are called out", async ({ page, apiAs }) => {
  // The generator gives every deleted tenant a deletion date.
  const explorer = await openExplorer(page, "status=deleted");
  await explorer.rows.first().click();
  await expect(new TenantDetails(explorer.sheet).deletionNotice).toBeVisible();
  await page.keyboard.press("Escape");

  // A tenant whose license ends within 30 days of now (the e2e simulator generates its data around
  // today's date, and the generator always makes some licenses end within 30 days of it).
  const api = await apiAs("viewer");
  const res = await api.get("/api/tenants?status=active&sort=licenseEndsAt&limit=1000");
  const { rows } = (await res.json()) as { rows: { id: string; licenseEndsAt: string | null }[] };
  const now = Date.now();
  const soon = rows.find((t) => {
    const end = t.licenseEndsAt ? Date.parse(t.licenseEndsAt) : NaN;
    return end > now && end - now < 29 * 86_400_000;
  });
  expect(soon, "a tenant whose license ends within 30 days").toBeDefined();
  const tenantPage = new TenantPage(page);
  await tenantPage.goto(soon!.id);
  await expect(tenantPage.details.licenseWarning).toBeVisible();
  await expect(tenantPage.details.licenseWarning).toContainText("The license ends soon");
});

test("keyboard only: / to search, arrows through rows, Enter for details, Escape back", async ({
  page,
}) => {
  const explorer = await openExplorer(page, "group=region");
  await page.locator("body").press("/");
  await expect(explorer.search).toBeFocused();
  await page.keyboard.type("acme");
  await expect(page).toHaveURL(/q=acme/);
  await explorer.ready();

  // Tab from the search box to the grid (through the filters and the chart bars).
  for (let i = 0; i < 120; i++) {
    if (await explorer.grid.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await expect(explorer.grid).toBeFocused();

  // The first row is a group header: Left collapses it, Right expands it.
  const header = explorer.groupRows.first();
  await expect(explorer.grid).toHaveAttribute(
    "aria-activedescendant",
    (await header.getAttribute("id")) ?? "?",
  );
  await page.keyboard.press("ArrowLeft");
  await expect(header).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("ArrowRight");
  await expect(header).toHaveAttribute("aria-expanded", "true");

  await page.keyboard.press("ArrowDown");
  const active = explorer.grid.locator("[data-active]");
  await expect(active).toHaveAttribute("data-tenant-id", /.+/);
  const id = await active.getAttribute("data-tenant-id");
  await page.keyboard.press("Enter");
  await expect(explorer.sheet).toBeVisible();
  await expect(page).toHaveURL((url) => url.searchParams.get("tenant") === id);
  await page.keyboard.press("Escape");
  await expect(explorer.sheet).toBeHidden();
  await expect(explorer.grid).toBeFocused();

  // End jumps to the last row and keeps it on screen.
  await page.keyboard.press("End");
  await expect(explorer.grid.locator("[data-active]")).toBeInViewport();
});

test.describe("freshness", () => {
  test.describe.configure({ mode: "serial" });

  test("a failed refresh shows a plain-words banner and keeps the last good data", async ({
    page,
    signIn,
    playwright,
  }) => {
    await signIn("admin");
    const sim = await playwright.request.newContext();
    try {
      const explorer = await openExplorer(page);
      await expect(explorer.refreshNow).toBeVisible();
      await expect(explorer.syncErrorBanner).toHaveCount(0);

      await setSimulatorFaults(sim, { errorRate: 1 });
      await explorer.refreshNow.click();
      await expect(explorer.syncErrorBanner).toBeVisible({ timeout: 120_000 });
      await expect(explorer.syncErrorBanner).toContainText(
        "The last refresh from Qlik Cloud failed.",
      );
      await expect(explorer.syncErrorBanner).toContainText("You are seeing the data from");
      // The last good data is still there.
      await explorer.expectCount(TOTAL, TOTAL);
      await expect(explorer.rows.first()).toBeVisible();

      // Upstream healthy again: the next refresh clears the banner.
      await setSimulatorFaults(sim, null);
      await explorer.refreshNow.click();
      await expect(explorer.syncErrorBanner).toBeHidden({ timeout: 120_000 });
      await expect(explorer.dataAsOf).toBeVisible();
    } finally {
      await setSimulatorFaults(sim, null);
      await sim.dispose();
    }
  });
});
