// The small things (e2e organization: 800 tenants in all 17 regions, seed 7, with hostile names,
// one padded with spaces and one without a name): names sort by the locale's rules, a tenant
// without a name has one wording everywhere, a tenant's page is titled with its name, "not found"
// keeps the app header, relative dates never round up, chart cards show their top 5 with "+12
// more" and can be skipped from the keyboard, and a group's status bar is labelled.
import type { APIRequestContext } from "@playwright/test";
import { ExplorerPage } from "./pages/explorer-page";
import { NotFoundPage } from "./pages/not-found-page";
import { TenantPage } from "./pages/tenant-page";
import { expectNoViolations } from "./support/axe";
import { E2E_TENANTS } from "./support/env";
import { expect, test } from "./support/fixtures";

interface Row {
  id: string;
  name: string;
}

async function byName(api: APIRequestContext): Promise<Row[]> {
  const res = await api.get("/api/tenants?limit=1000&sort=name");
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { rows: Row[] }).rows;
}

let rows: Row[];

test.beforeEach(async ({ signIn, apiAs }) => {
  const api = await apiAs("viewer");
  await expect(async () => expect((await byName(api)).length).toBe(E2E_TENANTS)).toPass({
    timeout: 60_000,
  });
  rows = await byName(api);
  await signIn("viewer");
});

test.describe("at 1440 × 900", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("names sort by the locale's rules, spaces around a name ignored, no name last", async ({
    page,
  }) => {
    const collator = new Intl.Collator("en", { numeric: true });
    const named = rows.filter((r) => r.name.trim() !== "").map((r) => r.name.trim());
    expect(named).toEqual([...named].sort(collator.compare));
    expect(rows.at(-1)?.name.trim()).toBe("");
    const padded = rows.findIndex((r) => r.name === "  Padded Tenant  ");
    expect(rows[padded - 1]!.name.trim()[0]?.toUpperCase()).toMatch(/[O-P]/);
    // "Ærø Ωmega" sorts with the A's (as "AE"), not after the Z's.
    expect(rows.findIndex((r) => r.name === "Ærø Ωmega")).toBeLessThan(rows.length / 2);

    const explorer = new ExplorerPage(page);
    await explorer.goto("sort=name");
    const shown = await explorer.rows
      .locator("[data-column=name] [data-name]")
      .evaluateAll((els) => els.slice(0, 10).map((e) => e.textContent ?? ""));
    expect(shown).toEqual(rows.slice(0, 10).map((r) => r.name));
  });

  test("a tenant without a name reads '(no name)' in the table, its details and its page title", async ({
    page,
  }) => {
    const unnamed = rows.find((r) => r.name.trim() === "")!;
    const explorer = new ExplorerPage(page);
    await explorer.goto(`q=${unnamed.id.slice(0, 10)}`);
    const row = explorer.rowById(unnamed.id);
    await expect(row.locator("[data-name]")).toHaveText("(no name)");
    await row.click();
    await expect(explorer.sheet.getByTestId("tenant-title")).toHaveText("(no name)");
    await expect(explorer.sheet.getByTestId("field-name")).toContainText("(no name)");

    const tenantPage = new TenantPage(page);
    await tenantPage.goto(unnamed.id);
    await expect(page).toHaveTitle("(no name) · Tenant Atlas");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("(no name)");
  });

  test("a tenant's page is titled with its name", async ({ page }) => {
    const tenant = rows.find((r) => r.name.startsWith("Müller"))!;
    await new TenantPage(page).goto(tenant.id);
    await expect(page).toHaveTitle(`${tenant.name} · Tenant Atlas`);
  });

  test("relative dates never round up: 'N years ago' is at least N and under N+1 years", async ({
    page,
  }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto("sort=createdAt");
    const cells = await explorer.rows
      .locator("[data-column=createdAt] time")
      .evaluateAll((els) =>
        els.map((e) => ({ iso: e.getAttribute("datetime") ?? "", text: e.textContent ?? "" })),
      );
    const now = new Date();
    const yearsBefore = (n: number) =>
      Date.UTC(
        now.getUTCFullYear() - n,
        now.getUTCMonth(),
        now.getUTCDate(),
        now.getUTCHours(),
        now.getUTCMinutes(),
      );
    const years = cells.filter((c) => /^\d+ years? ago$/.test(c.text));
    expect(years.length).toBeGreaterThan(5);
    for (const { iso, text } of years) {
      const n = Number(text.split(" ")[0]);
      const at = Date.parse(iso);
      expect(at, `${text} for ${iso}`).toBeLessThanOrEqual(yearsBefore(n) + 60_000);
      expect(at, `${text} for ${iso}`).toBeGreaterThan(yearsBefore(n + 1) - 60_000);
    }
  });

  test("chart cards show their top 5 and '+12 more', without a scrolling box", async ({ page }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto();
    await expect(explorer.chartBars("region")).toHaveCount(5);
    const more = explorer.chartMore("region");
    await expect(more).toHaveText("+12 more regions");
    await expect(more).toHaveAttribute("aria-expanded", "false");
    const list = explorer.chart("region").locator("ul");
    expect(await list.evaluate((el) => el.scrollHeight <= el.clientHeight)).toBe(true);
    expect(await list.evaluate((el) => getComputedStyle(el).overflowY)).toBe("visible");

    await more.click();
    await expect(explorer.chartBars("region")).toHaveCount(17);
    await expect(more).toHaveText("Show top 5 regions");
    await expect(more).toHaveAttribute("aria-expanded", "true");
    await expectNoViolations(page, "/ with the region chart expanded");
    await more.click();
    await expect(explorer.chartBars("region")).toHaveCount(5);

    // Status has four values: no "more".
    await expect(explorer.chartMore("status")).toHaveCount(0);
  });

  test("a selected value outside the top 5 stays in its chart", async ({ page, apiAs }) => {
    const res = await (await apiAs("viewer")).get("/api/tenants?limit=1");
    const regions = ((await res.json()) as { facets: { region: { value: string }[] } }).facets
      .region;
    const small = regions.at(-1)!.value;
    const explorer = new ExplorerPage(page);
    await explorer.goto(`region=${small}`);
    const bars = explorer.chartBars("region");
    await expect(bars).toHaveCount(5);
    await expect(bars.and(page.locator("[aria-pressed=true]"))).toHaveCount(1);
    await expect(bars.last()).toHaveAttribute("aria-pressed", "true");
  });

  test("keyboard users can skip the charts", async ({ page }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto();
    // "Skip the charts" comes first in the charts' tab order, and shows when focused.
    await explorer.chartMore("region").focus();
    await page.keyboard.press("Shift+Tab");
    await expect(explorer.skipCharts).toBeFocused();
    await expect(explorer.skipCharts).toBeVisible();
    await expect(explorer.skipCharts).toHaveText("Skip the charts");
    const box = await explorer.skipCharts.boundingBox();
    expect(box!.width).toBeGreaterThan(50);
    await expectNoViolations(page, "/ with 'Skip the charts' focused");
    await page.keyboard.press("Enter");
    await expect(explorer.grid).toBeFocused();
    await expect(explorer.skipCharts).not.toBeInViewport({ ratio: 0.5 });
  });

  test("a group's status bar is labelled as such", async ({ page }) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto("group=region");
    const header = explorer.groupRows.first();
    const bar = header.getByTestId("group-status-bar");
    await expect(bar).toBeVisible();
    await expect(bar).toContainText("Status");
    await expect(bar).toHaveAttribute("title", /^Status: \d+ active/);
    // Screen readers get the same in words, at every width.
    await expect(header.locator(".sr-only", { hasText: /^Status: \d+ active/ })).toHaveCount(1);
  });
});

for (const [label, viewport] of [
  ["1440 × 900", { width: 1440, height: 900 }],
  ["a phone (390 × 844)", { width: 390, height: 844 }],
] as const)
  test.describe(`not found, at ${label}`, () => {
    test.use({ viewport });

    for (const colorScheme of ["light", "dark"] as const)
      test(`an unknown address and an unknown tenant keep the app header (${colorScheme})`, async ({
        page,
      }) => {
        await page.emulateMedia({ colorScheme });
        const notFound = new NotFoundPage(page);
        const response = await notFound.goto("/no-such-page-here");
        expect(response?.status()).toBe(404);
        await expect(notFound.heading).toHaveText("Page not found");
        await expect(notFound.homeLink).toBeVisible();
        await expect(notFound.sections).toBeVisible();
        await expect(page).toHaveTitle("Page not found · Tenant Atlas");
        const sideways = await page.evaluate(
          () => document.documentElement.scrollWidth > window.innerWidth,
        );
        expect(sideways).toBe(false);
        await expectNoViolations(page, `the not-found page (${colorScheme})`);

        await notFound.goto("/tenants/TnoSuchTenantAnywhere");
        await expect(notFound.heading).toHaveText("No such tenant");
        await expect(notFound.homeLink).toBeVisible();
        await expect(page).toHaveTitle("No such tenant · Tenant Atlas");
        await notFound.backLink.click();
        await expect(page).toHaveURL(/\/$/);
      });
  });
