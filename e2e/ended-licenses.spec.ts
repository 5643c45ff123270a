// Ended licenses are visible (e2e organization: one of its 6 subscriptions ended 5–40 days ago,
// two end within 30 days): an ended license gets a stronger marker than "ends soon" — an icon and
// the word "Ended", not colour alone — in the table and on a phone, and group headers count the
// ended licenses of each group, as the API's group summaries do.
import type { APIRequestContext } from "@playwright/test";
import { ExplorerPage } from "./pages/explorer-page";
import { TenantDetails } from "./pages/tenant-page";
import { expectNoViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";

interface Group {
  value: string;
  count: number;
  ended: number;
}

async function groups(api: APIRequestContext, qs: string): Promise<Group[]> {
  const res = await api.get(`/api/tenants?limit=1&${qs}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { groups: Group[] }).groups;
}

/** A subscription whose license ends within the next 30 days. */
async function soonSubscription(api: APIRequestContext): Promise<string> {
  const res = await api.get("/api/tenants?limit=1000&sort=licenseEndsAt&status=active");
  const rows = (
    (await res.json()) as {
      rows: { subscriptionId: string | null; licenseEndsAt: string | null }[];
    }
  ).rows;
  const now = Date.now();
  const soon = rows.find((t) => {
    const end = t.licenseEndsAt ? Date.parse(t.licenseEndsAt) : NaN;
    return t.subscriptionId !== null && end > now + 86_400_000 && end - now < 29 * 86_400_000;
  });
  expect(soon, "a license that ends within 30 days").toBeDefined();
  return soon!.subscriptionId!;
}

test.beforeEach(async ({ signIn, apiAs }) => {
  const api = await apiAs("viewer");
  await expect(async () => expect((await api.get("/api/tenants?limit=1")).ok()).toBe(true)).toPass({
    timeout: 60_000,
  });
  await signIn("viewer");
});

test.describe("at 1440 × 900", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("an ended license says 'Ended' with its own icon; one ending soon keeps the warning sign", async ({
    page,
    apiAs,
  }) => {
    const api = await apiAs("viewer");
    const explorer = new ExplorerPage(page);
    await explorer.goto("sort=licenseEndsAt");
    const ended = explorer.licenseMarker(explorer.rows.first());
    await expect(ended).toHaveAttribute("data-license", "ended");
    await expect(ended).toContainText(/^Ended \d+ (days?|wk\.|mo\.) ago/);
    await expect(ended.locator("svg")).toHaveCount(1);
    await expect(ended).toHaveAttribute("title", /^License ended \d{4}-\d\d-\d\d/);
    // Stronger than "ends soon" (below): bold words in their own colour, not a plain date.
    const weight = (l: typeof ended) => l.evaluate((el) => Number(getComputedStyle(el).fontWeight));
    expect(await weight(ended)).toBeGreaterThanOrEqual(600);
    // …and whole in its column, not cut off.
    const words = ended.locator("span[aria-hidden]");
    expect(await words.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await explorer.rows.first().click();
    const warning = new TenantDetails(explorer.sheet).licenseWarning;
    await expect(warning).toHaveAttribute("data-license", "ended");
    await expect(warning).toContainText("The license has ended");
    await page.keyboard.press("Escape");

    // The first tenants of a license that ends within 30 days.
    await explorer.goto(`sort=licenseEndsAt&subscription=${await soonSubscription(api)}`);
    const soonRow = explorer.rows.first();
    const soon = explorer.licenseMarker(soonRow);
    await expect(soon.getByRole("img", { name: "Ends within 30 days" })).toBeVisible();
    await expect(soon).not.toContainText("Ended");
    expect(await weight(soon)).toBeLessThan(600);
  });

  test("group headers count the ended licenses of each group, as the API does", async ({
    page,
    apiAs,
  }) => {
    const expected = await groups(await apiAs("viewer"), "group=subscription");
    const withEnded = expected.filter((g) => g.ended > 0);
    expect(withEnded.length, "a subscription whose license ended").toBeGreaterThan(0);

    const explorer = new ExplorerPage(page);
    await explorer.goto("group=subscription&collapsed=*");
    for (const g of expected) {
      const header = explorer.groupRows.and(page.locator(`[data-group="subscription:${g.value}"]`));
      const label = header.getByTestId("group-ended");
      if (g.ended === 0) await expect(label).toHaveCount(0);
      else await expect(label).toHaveText(`${g.ended} license${g.ended === 1 ? "" : "s"} ended`);
    }
  });

  for (const colorScheme of ["light", "dark"] as const)
    test(`ended markers and counts pass axe (${colorScheme})`, async ({ page, apiAs }) => {
      await page.emulateMedia({ colorScheme });
      const ended = (await groups(await apiAs("viewer"), "group=subscription")).find(
        (g) => g.ended > 0,
      )!;
      const explorer = new ExplorerPage(page);
      // Every group collapsed but the one whose license ended.
      await explorer.goto(`group=subscription&collapsed=*&expanded=subscription:${ended.value}`);
      await expect(explorer.grid.getByTestId("group-ended").first()).toBeVisible();
      await expect(explorer.grid.locator("[data-license=ended]").first()).toBeVisible();
      await expectNoViolations(page, `/ grouped with ended licenses (${colorScheme})`);
    });
});

test.describe("on a phone (390 × 844)", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("an ended license is marked on the tenant too", async ({ page }) => {
    await page.goto("/?sort=licenseEndsAt");
    const ended = page.locator("[data-license=ended]").first();
    await expect(ended).toBeVisible();
    await expect(ended).toContainText("Ended");
  });
});
