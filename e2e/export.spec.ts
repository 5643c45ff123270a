// The Export button end to end: a viewer exports the view on screen (visible columns preselected,
// one added and moved), and the downloaded file — read with papaparse — has the table's rows in the
// table's order, cell for cell what GET /api/tenants says (hostile names included); all tenants as
// JSON; a slow export shows progress and can be cancelled; an anonymous caller gets 401.
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import Papa from "papaparse";
import type { APIRequestContext, Page } from "@playwright/test";
import { exportColumn, type ExportColumnId } from "../lib/tenants/export/columns";
import type { Tenant, TenantsResponse } from "../lib/tenants/types";
import { expectedRows } from "../tests/export/support/expected";
import { ExportDialog } from "./pages/export-dialog";
import { E2E_TENANTS } from "./support/env";
import { expect, test } from "./support/fixtures";

const VIEW = "region=eu-west-1,us-east-1&sort=-createdAt";
const BOM = "\uFEFF";

/** Every row of a view, as the explorer's API pages through it. */
async function apiRows(request: APIRequestContext, view: string): Promise<Tenant[]> {
  const rows: Tenant[] = [];
  for (let offset = 0; ; offset += 1000) {
    const response = await request.get(
      `/api/tenants?${view}${view ? "&" : ""}offset=${offset}&limit=1000`,
    );
    expect(response.ok(), await response.text().catch(() => "")).toBe(true);
    const body = (await response.json()) as TenantsResponse;
    rows.push(...body.rows);
    if (offset + 1000 >= body.total) return rows;
  }
}

function parseCsv(text: string): { header: string[]; rows: string[][] } {
  expect(text.endsWith("\r\n")).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(0, -2), { delimiter: ",", newline: "\r\n" });
  expect(parsed.errors).toEqual([]);
  const [header, ...rows] = parsed.data;
  for (const row of rows) expect(row).toHaveLength(header!.length);
  return { header: header!, rows };
}

async function openExplorer(page: Page, qs: string) {
  await page.goto(`/?${qs}`);
  await expect(page.getByTestId("tenant-grid").locator("[data-tenant-id]").first()).toBeVisible({
    timeout: 60_000,
  });
  // The rows come with the server's HTML; the controls answer once the page has hydrated (a key
  // pressed before that reaches no handler).
  await expect(page.locator('[data-testid="tenant-explorer"][data-hydrated]')).toBeAttached();
  const text = (await page.getByTestId("tenant-count").innerText()).replace(/,/g, "");
  const [, shown, all] = /(\d+) of (\d+) tenants/.exec(text) ?? [];
  return { shown: Number(shown), all: Number(all) };
}

test.beforeEach(async ({ signIn }) => {
  await signIn("viewer");
});

test("a viewer exports the view: the file has the table's rows and the chosen columns", async ({
  page,
}) => {
  const counts = await openExplorer(page, VIEW);
  expect(counts.all).toBe(E2E_TENANTS);
  expect(counts.shown).toBeGreaterThan(0);
  const tableIds = await page
    .getByTestId("tenant-grid")
    .locator("[data-tenant-id]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-tenant-id")));

  const dialog = new ExportDialog(page);
  await dialog.open();
  await expect(dialog.thisView).toBeChecked();
  await expect(dialog.dialog.getByText(`This view (${counts.shown} tenants)`)).toBeVisible();
  await expect(dialog.dialog.getByText(`All tenants (${counts.all})`)).toBeVisible();
  // The table's default columns, in its order (region and hostname stand for two columns each).
  expect(await dialog.checkedColumns()).toEqual([
    "Name",
    "Status",
    "Region code",
    "Region",
    "Subscription ID",
    "Primary hostname",
    "Other hostnames",
    "Created (UTC)",
    "License ends (UTC)",
  ]);
  await dialog.column("Tenant ID").check();
  await dialog.moveUp("Tenant ID");
  await expect(dialog.bom).toBeChecked();

  const download = await dialog.downloadFile();
  expect(download.suggestedFilename()).toMatch(/^tenants-eu-west-1-us-east-1-\d{8}T\d{6}Z\.csv$/);
  await expect(dialog.done).toContainText(`${counts.shown} rows`);
  const text = await readFile((await download.path())!, "utf8");
  expect(text.startsWith(BOM)).toBe(true);
  const { header, rows } = parseCsv(text.slice(1));

  expect(header).toEqual([
    "Name",
    "Status",
    "Region code",
    "Region",
    "Subscription ID",
    "Primary hostname",
    "Other hostnames",
    "Created (UTC)",
    "Tenant ID",
    "License ends (UTC)",
  ]);
  expect(rows).toHaveLength(counts.shown);

  // Row for row what the explorer's API gives for the same view (hostile names included).
  const expected = await apiRows(page.request, VIEW);
  const order: ExportColumnId[] = [
    "name",
    "status",
    "regionCode",
    "regionName",
    "subscriptionId",
    "hostname",
    "otherHostnames",
    "createdAt",
    "id",
    "licenseEndsAt",
  ];
  expect(rows).toEqual(expectedRows(order.map(exportColumn), expected));
  // And the rows the table shows are the file's first rows, in the same order.
  const idCol = header.indexOf("Tenant ID");
  expect(rows.slice(0, tableIds.length).map((r) => r[idCol]!.replace(/^'/, ""))).toEqual(tableIds);
});

test("all tenants as JSON, and hostile names arrive intact", async ({ page }) => {
  const counts = await openExplorer(page, "status=active");
  const dialog = new ExportDialog(page);
  await dialog.open();
  await dialog.allTenants.check();
  await dialog.json.check();
  await expect(dialog.bom).toBeHidden();
  await expect(dialog.download).toHaveText(`Download ${counts.all} rows`);
  const download = await dialog.downloadFile();
  expect(download.suggestedFilename()).toMatch(/^tenants-all-\d{8}T\d{6}Z\.json$/);
  const rows = JSON.parse(await readFile((await download.path())!, "utf8")) as { name: string }[];
  expect(rows).toHaveLength(counts.all);
  const all = await apiRows(page.request, "");
  expect(rows.map((r) => r.name)).toEqual(all.map((t) => t.name));
  for (const hostile of [
    '=HYPERLINK("http://x")',
    "Line one\nLine two",
    "<script>alert(1)</script>",
  ])
    expect(rows.map((r) => r.name)).toContain(hostile);
});

test("a slow export shows its progress and can be cancelled", async ({ page }) => {
  await openExplorer(page, "");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  // All 800 tenants are ~140 KB, ~30 KB gzipped: at 2 KB/s, well over the one second after
  // which progress shows.
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: 2 * 1024,
    uploadThroughput: 64 * 1024,
  });
  const dialog = new ExportDialog(page);
  await dialog.open();
  await dialog.allTenants.check();
  let downloaded = false;
  page.on("download", () => (downloaded = true));
  await dialog.download.click();
  await expect(dialog.progress).toBeVisible({ timeout: 5000 });
  await expect(dialog.progress).toContainText(`of ${E2E_TENANTS} rows`);
  await expect(dialog.dialog.getByRole("progressbar", { name: "Export progress" })).toBeVisible();
  await dialog.cancel.click();
  await expect(dialog.dialog.getByText("Export cancelled.")).toBeVisible();
  await expect(dialog.download).toBeEnabled();
  expect(downloaded).toBe(false);
});

test("the dialog works from the keyboard and passes axe", async ({ page }) => {
  await openExplorer(page, "");
  const dialog = new ExportDialog(page);
  await dialog.button.focus();
  await page.keyboard.press("Enter");
  await expect(dialog.dialog).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('[data-testid="export-dialog"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog.dialog).toBeHidden();
  await expect(dialog.button).toBeFocused();
});

test("an anonymous caller gets 401 and no file; a viewer gets the CSV", async ({ apiAs }) => {
  const anonymous = await apiAs("anonymous");
  const denied = await anonymous.get("/api/tenants/export");
  expect(denied.status()).toBe(401);
  expect(denied.headers()["content-disposition"]).toBeUndefined();
  expect(((await denied.json()) as { error: { code: string } }).error.code).toBe("unauthorized");

  const viewer = await apiAs("viewer");
  const ok = await viewer.get("/api/tenants/export?columns=id,name&bom=false");
  expect(ok.status()).toBe(200);
  expect(ok.headers()["x-atlas-export-version"]).toBe("1");
  const { header, rows } = parseCsv(await ok.text());
  expect(header).toEqual(["Tenant ID", "Name"]);
  expect(rows).toHaveLength(E2E_TENANTS);
});
