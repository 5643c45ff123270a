// The explorer's quick views (a menu in the view toolbar): "License ends within 30 days" writes
// today..today+30 into the URL,
// shows only those tenants (and says so when the page is reloaded), and the export carries the same
// params; "Deletion scheduled" works from the keyboard and counts down to each deletion.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import Papa from "papaparse";
import type { TenantsResponse } from "../lib/tenants/types";
import { ExplorerPage } from "./pages/explorer-page";
import { ExportDialog } from "./pages/export-dialog";
import { expect, test } from "./support/fixtures";
import { waitForSnapshot } from "./support/shares";

const DAY = 86_400_000;

/** Opens the Quick views menu (pressing again until the page has hydrated); answers the menu. */
async function openQuickViews(page: Page) {
  const menu = page.getByRole("menu");
  await expect(async () => {
    if (!(await menu.isVisible())) await page.getByTestId("quick-views").click();
    await expect(menu).toBeVisible({ timeout: 1_000 });
  }).toPass();
  return menu;
}
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

test.beforeEach(async ({ apiAs }) => {
  await waitForSnapshot(await apiAs("viewer"));
});

test("'License ends within 30 days': URL params, only those tenants, and the export carries them", async ({
  page,
  signIn,
  apiAs,
}) => {
  test.setTimeout(90_000);
  await signIn("viewer");
  const explorer = new ExplorerPage(page);
  await explorer.goto();
  const button = page.getByTestId("quick-views");
  await expect(button).toHaveAccessibleName("Quick views");
  let menu = await openQuickViews(page);
  const within30 = menu.getByRole("menuitemcheckbox", { name: "License ends within 30 days" });
  await expect(within30).toHaveAttribute("aria-checked", "false");
  await within30.click();
  const today = Date.now();
  const from = utcDay(today);
  const to = utcDay(today + 30 * DAY);
  await expect(page).toHaveURL(
    (url) =>
      url.searchParams.get("licenseEndsFrom") === from &&
      url.searchParams.get("licenseEndsTo") === to,
  );
  // The button names the quick view that is on; the menu checks it, and only it.
  await expect(button).toHaveAccessibleName("Quick views: License ends within 30 days");
  await expect(button).toHaveAttribute("data-active", "license-30");
  menu = await openQuickViews(page);
  await expect(within30).toHaveAttribute("aria-checked", "true");
  await expect(
    menu.getByRole("menuitemcheckbox", { name: "License ends within 60 days" }),
  ).toHaveAttribute("aria-checked", "false");
  await page.keyboard.press("Escape");
  await explorer.ready();

  // Every tenant of the view ends within 30 days, and the count is the API's for the same params.
  const api = await apiAs("viewer");
  const res = await api.get(`/api/tenants?licenseEndsFrom=${from}&licenseEndsTo=${to}&limit=1000`);
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as TenantsResponse;
  expect(body.total).toBeGreaterThan(0);
  expect(body.total).toBeLessThan(body.totalAll);
  const start = Date.parse(`${from}T00:00:00.000Z`);
  const end = Date.parse(`${to}T23:59:59.999Z`);
  for (const t of body.rows) {
    const ends = Date.parse(t.licenseEndsAt!);
    expect(ends, `${t.id} ends ${t.licenseEndsAt}`).toBeGreaterThanOrEqual(start);
    expect(ends).toBeLessThanOrEqual(end);
  }
  await explorer.expectCount(body.total, body.totalAll);
  // The rows on screen say so too: each license is marked as ending soon, soonest first.
  const licenseCells = explorer.rows.locator("[data-column=licenseEndsAt]");
  await expect(licenseCells.first().locator("[data-license=soon]")).toBeVisible();

  // A reload (or a link) shows the quick view as on.
  await page.reload();
  await explorer.ready();
  await expect(button).toHaveAccessibleName("Quick views: License ends within 30 days");

  // The export of "this view" asks for the same params and gets only those tenants.
  const exportDialog = new ExportDialog(page);
  await exportDialog.open();
  await exportDialog.thisView.check();
  await exportDialog.csv.check();
  const request = page.waitForRequest((r) => r.url().includes("/api/tenants/export"));
  const download = await exportDialog.downloadFile();
  const exportUrl = new URL((await request).url());
  expect(exportUrl.searchParams.get("licenseEndsFrom")).toBe(from);
  expect(exportUrl.searchParams.get("licenseEndsTo")).toBe(to);
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  expect(parsed.data).toHaveLength(body.total);
  // The visible columns are preselected, "License ends (UTC)" among them.
  for (const row of parsed.data) {
    const ends = Date.parse(`${row["License ends (UTC)"]!.replace(" ", "T")}Z`);
    expect(ends, row["License ends (UTC)"]).toBeGreaterThanOrEqual(start);
    expect(ends).toBeLessThanOrEqual(end);
  }

  // Chosen again, it turns off and the range leaves the URL.
  await page.keyboard.press("Escape");
  await (
    await openQuickViews(page)
  )
    .getByRole("menuitemcheckbox", { name: "License ends within 30 days" })
    .click();
  await expect(page).toHaveURL((url) => !url.searchParams.has("licenseEndsFrom"));
  await expect(button).toHaveAccessibleName("Quick views");
  await expect(button).not.toHaveAttribute("data-active");
});

test("'Deletion scheduled' from the keyboard: deletionScheduled=yes and a countdown per row", async ({
  page,
  signIn,
}) => {
  await signIn("viewer");
  const explorer = new ExplorerPage(page);
  await explorer.goto();
  // Keyboard only: focus the button, open the menu, move to the item, choose it.
  const button = page.getByTestId("quick-views");
  await button.focus();
  await expect(async () => {
    if (!(await page.getByRole("menu").isVisible())) await page.keyboard.press("Enter");
    await expect(page.getByRole("menu")).toBeVisible({ timeout: 1_000 });
  }).toPass();
  const deletion = page.getByRole("menuitemcheckbox", { name: "Deletion scheduled" });
  for (let i = 0; i < 10 && !(await deletion.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("ArrowDown");
  await expect(deletion).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.searchParams.get("deletionScheduled") === "yes");
  await expect(button).toHaveAccessibleName("Quick views: Deletion scheduled");
  await expect(button).toBeFocused();
  await explorer.ready();
  // The deletion column is shown, soonest first, counted down in days.
  expect(await explorer.columns()).toContain("deletionStartsAt");
  const countdowns = explorer.rows.locator(
    "[data-column=deletionStartsAt] [data-testid=deletion-countdown]",
  );
  await expect(countdowns.first()).toBeVisible();
  for (const text of await countdowns.allTextContents())
    expect(text).toMatch(/^(in \d+ days?|within a day|started (today|\d+ days? ago))$/);
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu")).toBeVisible();
  await expect(deletion).toHaveAttribute("aria-checked", "true");
  await deletion.focus();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL((url) => !url.searchParams.has("deletionScheduled"));
});
