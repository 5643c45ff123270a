// Read-only share links end to end: a viewer shares a filtered, grouped view from the explorer and a
// visitor without a session sees exactly that view (scope, grouping, columns, no way into the app);
// revoking stops the link at once; export allowed and refused; "signed-in users only" goes through
// sign-in and back; expiry; tampered, truncated and unknown tokens; and the /shares page.
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import type { Tenant, TenantsResponse } from "../lib/tenants/types";
import { ExplorerPage } from "./pages/explorer-page";
import { ExportDialog } from "./pages/export-dialog";
import { ShareDialog } from "./pages/share-dialog";
import { SharedViewPage } from "./pages/shared-view-page";
import { SharesPage } from "./pages/shares-page";
import { TenantDetails } from "./pages/tenant-page";
import { E2E_IDP_USERS } from "./support/env";
import { expect, signInWithApi, test } from "./support/fixtures";
import { createLink, errorOf, waitForSnapshot } from "./support/shares";
import { IdpLoginPage } from "./pages/idp-login-page";
import { SignInPage } from "./pages/sign-in-page";

const VIEWER_NAME = "Demo viewer";

/** A browser context with no session, as a colleague who got the link would be. */
async function visitor(
  browser: Browser,
  headers?: Record<string, string>,
): Promise<BrowserContext> {
  return browser.newContext(headers ? { extraHTTPHeaders: headers } : {});
}

/** The two regions with the most active tenants (the simulator's data decides which). */
async function busiestRegions(api: APIRequestContext): Promise<[string, string]> {
  const res = await api.get("/api/tenants?status=active&limit=1");
  const body = (await res.json()) as TenantsResponse;
  const regions = [...body.facets.region].sort((a, b) => b.count - a.count).map((f) => f.value);
  return [regions[0]!, regions[1]!];
}

async function allRows(api: APIRequestContext, base: string): Promise<TenantsResponse> {
  const res = await api.get(`${base}${base.includes("?") ? "&" : "?"}limit=1000`);
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()) as TenantsResponse;
}

test.beforeEach(async ({ apiAs }) => {
  await waitForSnapshot(await apiAs("viewer"));
});

test("a viewer shares a filtered, grouped view; a visitor with no session sees exactly that view", async ({
  page,
  browser,
  signIn,
  apiAs,
}) => {
  test.setTimeout(120_000);
  const viewerApi = await apiAs("viewer");
  const [r1, r2] = await busiestRegions(viewerApi);
  const scopeQuery = `region=${r1},${r2}&status=active`;
  const expected = await allRows(viewerApi, `/api/tenants?${scopeQuery}`);
  expect(expected.total).toBeGreaterThan(0);

  await signIn("viewer");
  const explorer = new ExplorerPage(page);
  await explorer.goto(
    `${scopeQuery}&group=region&sort=-createdAt&cols=name,status,regionCode,createdAt,licenseEndsAt`,
  );

  const dialog = new ShareDialog(page);
  await dialog.open();
  await expect(dialog.name).not.toHaveValue("");
  await expect(dialog.scope).toContainText("Status: Active");
  await expect(dialog.scope).toContainText(`${expected.total} tenants match today`);
  // Viewers cannot make a link that never expires; 7 days is the default.
  expect(await dialog.expiryOptions()).toEqual([
    "1 hour",
    "1 day",
    "7 days",
    "30 days",
    "On a date…",
  ]);
  await expect(dialog.expiry).toHaveValue("7d");
  // The visible columns are preselected; id and name cannot be left out; sensitive ones are marked.
  expect(await dialog.checkedColumns()).toEqual([
    "Name",
    "Tenant ID",
    "Status",
    "Region code",
    "Region",
    "Created (UTC)",
    "License ends (UTC)",
  ]);
  await expect(dialog.column("Tenant ID")).toBeDisabled();
  expect(await dialog.sensitiveColumns()).toEqual(["License number", "Created by"]);
  await dialog.column("License ends").uncheck();

  // A name is required, in plain words.
  await dialog.name.fill("  ");
  await dialog.submit.click();
  await expect(dialog.dialog.getByText("Give the link a name")).toBeVisible();
  await expect(dialog.name).toBeFocused();
  await dialog.name.fill("E2E active in two regions");
  await dialog.allowExport.check();
  const url = await dialog.create();
  expect(url).toMatch(/^http:\/\/localhost:\d+\/s\/[A-Za-z0-9_-]{43}$/);
  await expect(dialog.copy).toBeVisible();
  const token = url.split("/s/")[1]!;

  // A colleague with no session opens it.
  const context = await visitor(browser);
  const shared = new SharedViewPage(await context.newPage());
  await shared.goto(url);
  // Where the sharer was: grouped by region, newest first; the scope is not in the URL (the server
  // applies it to every request).
  await expect(shared.page).toHaveURL(new RegExp(`/s/${token}\\?sort=-createdAt&group=region$`));
  await expect(shared.banner).toHaveText(
    new RegExp(`^Shared by ${VIEWER_NAME} · expires in (?:6|7) days · data as of .+$`), // whole days, counted down
  );
  await expect(shared.scope).toContainText("E2E active in two regions");
  await shared.explorer.expectCount(expected.total, expected.total);
  await expect(shared.explorer.groupRows.first()).toBeVisible();
  expect(await shared.explorer.columns()).toEqual([
    "name",
    "status",
    "regionCode",
    "id",
    "createdAt",
  ]);

  // Only the link's columns, filters and groupings; no app navigation, no share or admin controls.
  await shared.explorer.columnMenu.click();
  await expect(shared.page.getByRole("menuitemcheckbox")).toHaveText([
    "Name",
    "Status",
    "Region",
    "Tenant ID",
    "Created",
  ]);
  await shared.page.keyboard.press("Escape");
  await expect(shared.explorer.facetButton("subscription")).toHaveCount(0);
  await expect(shared.explorer.facetButton("country")).toHaveCount(0);
  expect(await shared.explorer.groupSelect.locator("option").allInnerTexts()).toEqual([
    "No grouping",
    "Region",
  ]);
  expect([...(await shared.explorer.facetCounts("region")).keys()].sort()).toEqual([r1, r2].sort());
  await expect(shared.page.getByRole("navigation")).toHaveCount(0);
  await expect(shared.shareButton).toHaveCount(0);
  await expect(shared.explorer.refreshNow).toHaveCount(0);
  expect(await shared.appLinks()).toEqual([]);

  // Every row is inside the scope, with the hidden columns blank.
  const rows = await allRows(context.request, `/api/s/${token}/tenants`);
  expect(rows.total).toBe(expected.total);
  expect(rows.rows.map((t) => t.id).sort()).toEqual(expected.rows.map((t) => t.id).sort());
  for (const t of rows.rows as Tenant[]) {
    expect(t.status).toBe("active");
    expect([r1, r2]).toContain(t.regionCode);
    expect(t.hostnames).toEqual([]);
    expect(t.subscriptionId).toBeNull();
    expect(t.licenseNumber).toBeNull();
    expect(t.licenseEndsAt).toBeNull();
  }
  // A parameter narrows, never widens.
  const widened = await allRows(context.request, `/api/s/${token}/tenants?status=deleted`);
  expect(widened.total).toBe(0);

  // The details panel: the link's fields only, no history, no way to the tenant's own page.
  await shared.explorer.rows.first().click();
  const details = new TenantDetails(shared.explorer.sheet);
  await expect(details.root).toBeVisible();
  await expect(details.root.getByText("Tenant ID", { exact: true })).toBeVisible();
  for (const hidden of ["License number", "Created by", "Subscription", "Change history"])
    await expect(details.root.getByText(hidden, { exact: false })).toHaveCount(0);
  await expect(shared.page.getByTestId("open-full-page")).toHaveCount(0);
  await shared.page.keyboard.press("Escape");

  // Export is allowed: the link's columns only, the link's rows.
  const exportDialog = new ExportDialog(shared.page);
  await exportDialog.open();
  const offered = await exportDialog.columnList.locator("[data-column-header]").allInnerTexts();
  expect(offered.sort()).toEqual(
    ["Name", "Tenant ID", "Status", "Region code", "Region", "Created (UTC)"].sort(),
  );
  const download = await exportDialog.downloadFile();
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(csv.trimEnd(), { newline: "\r\n" });
  const [header, ...data] = parsed.data;
  expect(header!.sort()).toEqual(offered.sort());
  expect(data).toHaveLength(expected.total);
  await context.close();
});

test("revoking a link stops it at once for the visitor", async ({
  page,
  browser,
  signIn,
  apiAs,
}) => {
  const link = await createLink(await apiAs("viewer"), {
    name: `E2E revoke ${Date.now()}`,
    view: "status=active",
  });
  const context = await visitor(browser);
  const shared = new SharedViewPage(await context.newPage());
  await shared.goto(link.url);
  await expect(shared.explorer.rows.first()).toBeVisible();

  await signIn("viewer");
  const shares = new SharesPage(page);
  await shares.goto();
  await expect(shares.row(link.share.id)).toContainText(link.share.name);
  await shares.revoke(link.share.id);
  await expect(shares.row(link.share.id).getByTestId("share-name")).toHaveText(link.share.name);
  await expect(shares.row(link.share.id)).toContainText("Revoked");

  // The open page's next request fails, and says why.
  await shared.explorer.search.fill("a");
  await expect(shared.page.getByTestId("error-state")).toContainText("This link has been revoked");
  expect(await errorOf(await context.request.get(`/api/s/${link.token}/tenants`))).toEqual({
    status: 410,
    code: "share_revoked",
  });
  await shared.page.reload();
  await expect(shared.unavailableHeading).toHaveText("This link has been revoked");
  await expect(shared.contact).toHaveText(VIEWER_NAME);
  await expect(shared.explorer.grid).toHaveCount(0);
  await context.close();
});

test("a link without export shows no export, and its export endpoint refuses", async ({
  browser,
  apiAs,
}) => {
  const link = await createLink(await apiAs("viewer"), { allowExport: false });
  const context = await visitor(browser);
  const shared = new SharedViewPage(await context.newPage());
  await shared.goto(link.url);
  await expect(shared.exportButton).toHaveCount(0);
  expect(
    await errorOf(await context.request.get(`/api/s/${link.token}/tenants/export?format=csv`)),
  ).toEqual({ status: 403, code: "export_not_allowed" });
  await context.close();
});

test("a 'signed-in users only' link sends the visitor to sign in, then back to the view", async ({
  browser,
  apiAs,
}) => {
  const link = await createLink(await apiAs("viewer"), {
    access: "signed-in",
    view: "status=active&group=region",
    columns: ["name", "status", "regionCode"],
  });
  const context = await visitor(browser);
  const page = await context.newPage();
  expect(await errorOf(await context.request.get(`/api/s/${link.token}`))).toEqual({
    status: 401,
    code: "unauthorized",
  });
  await page.goto(link.url);
  await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(`/s/${link.token}`)}`);
  // Someone who can sign in but has no role in Tenant Atlas may open it.
  await new SignInPage(page).continueWithIdp();
  await new IdpLoginPage(page).signIn(E2E_IDP_USERS.outsider.email);
  const shared = new SharedViewPage(page);
  await expect(page).toHaveURL(new RegExp(`/s/${link.token}\\?group=region$`));
  await expect(shared.banner).toBeVisible();
  await shared.explorer.ready();
  await expect(shared.explorer.rows.first()).toBeVisible();
  await context.close();
});

test("an expired link shows a plain page that says whom to ask", async ({ browser, apiAs }) => {
  const link = await createLink(await apiAs("viewer"), {
    expiresAt: new Date(Date.now() + 3_000).toISOString(),
  });
  const context = await visitor(browser);
  const page = await context.newPage();
  await expect
    .poll(async () => errorOf(await context.request.get(`/api/s/${link.token}/tenants`)), {
      timeout: 15_000,
    })
    .toEqual({ status: 410, code: "share_expired" });
  await page.goto(link.url);
  const shared = new SharedViewPage(page);
  await expect(shared.unavailableHeading).toHaveText("This link has expired");
  await expect(shared.contact).toHaveText(VIEWER_NAME);
  expect(await shared.appLinks()).toEqual([]);
  await context.close();
});

test("tampered, truncated and unknown tokens get the ordinary not-found page", async ({
  browser,
  apiAs,
}) => {
  const link = await createLink(await apiAs("viewer"));
  // Failed lookups count against the client's address: this test is its own client, so the rest
  // of the suite keeps its budget.
  const context = await visitor(browser, { "x-forwarded-for": "198.51.100.23" });
  await signInWithApi(context.request, "viewer");
  const page = await context.newPage();
  const missing = await page.goto("/no-such-page-anywhere");
  expect(missing?.status()).toBe(404);
  const notFoundText = await page.locator("body").innerText();

  const flip = (c: string) => (c === "A" ? "B" : "A");
  const bad = {
    tampered: `${link.token.slice(0, 10)}${flip(link.token[10]!)}${link.token.slice(11)}`,
    truncated: link.token.slice(0, -3),
    unknown: "x".repeat(43),
  };
  for (const [what, token] of Object.entries(bad)) {
    const response = await page.goto(`/s/${token}`);
    expect(response?.status(), what).toBe(404);
    expect(await page.locator("body").innerText(), what).toBe(notFoundText);
    expect(await errorOf(await context.request.get(`/api/s/${token}/tenants`)), what).toEqual({
      status: 404,
      code: "not_found",
    });
  }
  await context.close();
});

test.describe("/shares", () => {
  test("a viewer renames a link, changes its expiry, toggles export and opens it as a view", async ({
    page,
    signIn,
    apiAs,
  }) => {
    const link = await createLink(await apiAs("viewer"), {
      name: `E2E manage ${Date.now()}`,
      view: "status=disabled&group=subscription",
      columns: ["name", "status", "licenseNumber"],
      expiresIn: "1d",
    });
    await signIn("viewer");
    const shares = new SharesPage(page);
    await shares.goto();
    const row = shares.row(link.share.id);
    await expect(row).toContainText("Status disabled");
    await expect(row).toContainText("Includes sensitive: License number");
    await expect(row).toContainText("Active");
    await expect(row.getByTestId("share-opens")).toHaveText("0");

    await shares.action(link.share.id, "Rename…");
    const rename = page.getByRole("dialog", { name: "Rename link" });
    await rename.getByLabel("Name").fill(`${link.share.name} (renamed)`);
    await rename.getByRole("button", { name: "Save name" }).click();
    await expect(rename).toBeHidden();
    await expect(row.getByTestId("share-name")).toHaveText(`${link.share.name} (renamed)`);

    await expect(row.getByTestId("share-expires")).toHaveText(/in (23 hours|1 day)/);
    await shares.action(link.share.id, "Change expiry…");
    const expiry = page.getByRole("dialog", { name: "Change expiry" });
    await expect(expiry.getByRole("option", { name: "Never" })).toHaveCount(0);
    await expiry.getByLabel(/^Expires after/).selectOption("30d");
    await expiry.getByRole("button", { name: "Save expiry" }).click();
    await expect(expiry).toBeHidden();
    await expect(row.getByTestId("share-expires")).toHaveText(/in 4 weeks|in 30 days|next month/);

    await expect(row.getByTestId("share-exports")).toContainText("(export off)");
    await shares.action(link.share.id, "Allow export");
    await expect(row.getByTestId("share-exports")).not.toContainText("(export off)");

    await shares.action(link.share.id, "Open as view");
    await expect(page).toHaveURL("/?status=disabled&group=subscription");
    await new ExplorerPage(page).ready();
  });

  test("viewers see their own links, admins everyone's", async ({ page, signIn, apiAs }) => {
    const mine = await createLink(await apiAs("viewer"), { name: `E2E viewer's ${Date.now()}` });
    const admins = await createLink(await apiAs("admin"), { name: `E2E admin's ${Date.now()}` });
    await signIn("viewer");
    const shares = new SharesPage(page);
    await shares.goto();
    await expect(shares.row(mine.share.id)).toBeVisible();
    await expect(shares.row(admins.share.id)).toHaveCount(0);
    await expect(shares.show).toHaveCount(0);

    await signIn("admin");
    await shares.goto();
    await expect(shares.row(mine.share.id)).toBeVisible();
    await expect(shares.row(admins.share.id)).toBeVisible();
    await shares.show.selectOption("mine");
    await expect(shares.row(mine.share.id)).toHaveCount(0);
    await expect(shares.row(admins.share.id)).toBeVisible();
  });

  test("an admin may make a link that never expires", async ({ page, signIn }) => {
    await signIn("admin");
    await new ExplorerPage(page).goto("status=deleted");
    const dialog = new ShareDialog(page);
    await dialog.open();
    await dialog.expiry.selectOption("never");
    await dialog.name.fill(`E2E never ${Date.now()}`);
    await dialog.create();
    await page.goto("/shares");
    await expect(
      new SharesPage(page).rows
        .filter({ hasText: "E2E never" })
        .first()
        .getByTestId("share-expires"),
    ).toHaveText("Never");
  });

  test("the empty state explains how to make a link; a failed load offers a retry", async ({
    page,
    signIn,
  }) => {
    await signIn("viewer");
    const shares = new SharesPage(page);
    await page.route("**/api/shares", (route) => route.fulfill({ json: { shares: [] } }));
    await shares.goto();
    await expect(shares.empty).toContainText("Share view");
    await expect(shares.empty.getByRole("link", { name: "Go to Tenants" })).toBeVisible();

    await page.unroute("**/api/shares");
    await page.route("**/api/shares", (route) =>
      route.fulfill({
        status: 500,
        json: { error: { code: "internal", message: "The database is not reachable." } },
      }),
    );
    await shares.goto();
    await expect(shares.error).toContainText("The database is not reachable.");
    await expect(shares.error.getByRole("button", { name: "Try again" })).toBeVisible();
  });

  test("the dialog says in plain words why the server refused a link", async ({ page, signIn }) => {
    await signIn("viewer");
    await new ExplorerPage(page).goto("status=active");
    await page.route("**/api/shares", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({
            status: 400,
            json: {
              error: { code: "bad_request", message: '"name" must be at most 100 characters' },
            },
          })
        : route.continue(),
    );
    const dialog = new ShareDialog(page);
    await dialog.open();
    await dialog.submit.click();
    await expect(dialog.error).toHaveText(
      'Could not create the link. "name" must be at most 100 characters',
    );
    await expect(dialog.error).toHaveRole("alert");
  });
});
