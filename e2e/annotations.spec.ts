// The team's own words on Qlik's data, end to end: an admin names a subscription and sees the name in
// the subscription filter, the group header, the chart and a CSV export; selects three tenants (a
// click, a shift-click range, Space on the active row), tags them in bulk, filters by the tag (those
// three exactly), writes a note, and shares the filtered view without the Note column: a visitor
// sees the three tenants and no note. A viewer sees every annotation but no edit control, and the
// API refuses their writes (403). Everything changed is put back afterwards, so the other suites
// see the demo data as they expect.
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import type { APIRequestContext } from "@playwright/test";
import { ExplorerPage } from "./pages/explorer-page";
import { ExportDialog } from "./pages/export-dialog";
import { ShareDialog } from "./pages/share-dialog";
import { SharedViewPage } from "./pages/shared-view-page";
import { APP_URL } from "./support/env";
import { expect, signInWithApi, test } from "./support/fixtures";
import { errorOf, waitForSnapshot } from "./support/shares";

interface SubscriptionEntry {
  id: string;
  name: string | null;
  customerRef: string | null;
  tenants: number;
}

const stamp = Date.now().toString(36);
const SUBSCRIPTION_NAME = `E2E Acme OEM — production ${stamp}`;
const CUSTOMER_REF = `CRM-${stamp}`;
const TAG = `e2e-bulk-${stamp}`;
const OWNER = "platform-team@corp.atlas.test";
const NOTE = `Renewal talks with procurement (${stamp}); keep until Q3.`;

/** What this file changed, put back after the tests (subscription name, tags, owner, note). */
const cleanup: { subscriptionId: string | null; tenantIds: Set<string> } = {
  subscriptionId: null,
  tenantIds: new Set(),
};

async function firstSubscription(api: APIRequestContext): Promise<SubscriptionEntry> {
  const res = await api.get("/api/subscriptions");
  expect(res.ok(), await res.text()).toBe(true);
  const { subscriptions } = (await res.json()) as { subscriptions: SubscriptionEntry[] };
  const subscription = subscriptions.find((s) => s.tenants > 0 && s.name === null);
  expect(subscription, "an unnamed subscription with tenants").toBeDefined();
  return subscription!;
}

function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const body = text.replace(/^\uFEFF/, "").replace(/\r\n$/, "");
  const parsed = Papa.parse<string[]>(body, { delimiter: ",", newline: "\r\n" });
  expect(parsed.errors).toEqual([]);
  const [header, ...rows] = parsed.data;
  return { header: header!, rows };
}

test.beforeEach(async ({ apiAs }) => {
  await waitForSnapshot(await apiAs("viewer"));
});

test.afterAll(async ({ playwright }) => {
  const api = await playwright.request.newContext({
    baseURL: APP_URL,
    extraHTTPHeaders: { origin: APP_URL },
  });
  try {
    await signInWithApi(api, "admin");
    if (cleanup.subscriptionId)
      await api.put(`/api/subscriptions/${cleanup.subscriptionId}`, {
        data: { name: null, customerRef: null },
      });
    for (const id of cleanup.tenantIds)
      await api.patch(`/api/tenants/${id}/annotations`, {
        data: { owner: null, tags: [], note: null },
      });
  } finally {
    await api.dispose();
  }
});

test("an admin names a subscription: the filter, the group header, the chart and the CSV say its name", async ({
  page,
  signIn,
  apiAs,
}) => {
  test.setTimeout(120_000);
  const subscription = await firstSubscription(await apiAs("admin"));
  cleanup.subscriptionId = subscription.id;
  await signIn("admin");
  const explorer = new ExplorerPage(page);
  await explorer.goto(`subscription=${subscription.id}`);
  await explorer.expectCount(subscription.tenants);

  // From a tenant's details: "Name subscription", a name and a customer reference.
  await explorer.rows.first().click();
  await expect(explorer.sheet.getByTestId("tenant-details")).toBeVisible();
  await explorer.sheet.getByTestId("name-subscription").click();
  const dialog = page.getByTestId("subscription-name-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Name").fill(SUBSCRIPTION_NAME);
  await dialog.getByLabel(/Customer reference/).fill(CUSTOMER_REF);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(explorer.sheet.getByTestId("subscription-name")).toHaveText(SUBSCRIPTION_NAME);
  await expect(explorer.sheet.getByTestId("customer-ref")).toContainText(CUSTOMER_REF);
  await expect(explorer.sheet.getByTestId("name-subscription")).toHaveText("Rename subscription");
  await page.keyboard.press("Escape");
  await expect(explorer.sheet).toBeHidden();

  // The filter lists it by name (the id stays its value), and so does the chart.
  await explorer.openFacet("subscription");
  await expect(
    page.getByTestId("facet-options-subscription").locator(`[data-value="${subscription.id}"]`),
  ).toContainText(SUBSCRIPTION_NAME);
  await explorer.closePopover();
  await expect(explorer.chart("subscription")).toContainText(SUBSCRIPTION_NAME);

  // "Share view" suggests a link name from the view: the subscription's name, not its id.
  const share = new ShareDialog(page);
  await share.open();
  await expect
    .poll(async () => share.name.inputValue(), { message: "the suggested link name" })
    .toContain(SUBSCRIPTION_NAME);
  await page.keyboard.press("Escape");
  await expect(share.dialog).toBeHidden();

  // Grouped by subscription, the group header says the name.
  await explorer.groupBy("subscription");
  await expect(explorer.groupRows.filter({ hasText: SUBSCRIPTION_NAME })).toHaveCount(1);

  // The CSV export has a "Subscription name" column holding it on every row of the view.
  const exportDialog = new ExportDialog(page);
  await exportDialog.open();
  await exportDialog.column("Subscription name").check();
  await exportDialog.column("Customer reference").check();
  const download = await exportDialog.downloadFile();
  const csv = parseCsv(await readFile((await download.path())!, "utf8"));
  const nameAt = csv.header.indexOf("Subscription name");
  const refAt = csv.header.indexOf("Customer reference");
  const idAt = csv.header.indexOf("Subscription ID");
  expect(nameAt).toBeGreaterThanOrEqual(0);
  expect(csv.rows).toHaveLength(subscription.tenants);
  for (const row of csv.rows) {
    expect(row[idAt]).toBe(subscription.id);
    expect(row[nameAt]).toBe(SUBSCRIPTION_NAME);
    expect(row[refAt]).toBe(CUSTOMER_REF);
  }
});

test("an admin tags three tenants in bulk, filters by the tag and shares the view without the note", async ({
  page,
  browser,
  signIn,
}) => {
  test.setTimeout(120_000);
  await signIn("admin");
  const explorer = new ExplorerPage(page);
  await explorer.goto("status=active");
  const selected = explorer.grid.locator("[role=row][aria-selected=true]");

  // A click, then a shift-click two rows further: three rows, none of them opened.
  await explorer.rows.nth(0).locator("[data-column=select]").click();
  await explorer.rows
    .nth(2)
    .locator("[data-column=select]")
    .click({ modifiers: ["Shift"] });
  await expect(selected).toHaveCount(3);
  await expect(explorer.sheet).toBeHidden();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar.getByTestId("bulk-target")).toHaveText("3 selected");

  // Space on the active row toggles its selection (the grid keeps its keyboard model).
  await explorer.grid.focus();
  await expect(explorer.grid.locator("[data-active]")).toHaveAttribute(
    "data-tenant-id",
    (await explorer.rows.nth(0).getAttribute("data-tenant-id"))!,
  );
  await page.keyboard.press("Space");
  await expect(selected).toHaveCount(2);
  await page.keyboard.press("Space");
  await expect(selected).toHaveCount(3);
  await expect(explorer.sheet).toBeHidden();
  const ids = (await selected.evaluateAll((rows) =>
    rows.map((r) => r.getAttribute("data-tenant-id")),
  )) as string[];
  for (const id of ids) cleanup.tenantIds.add(id);

  // Add a tag to the three.
  await bar.getByTestId("bulk-addTag").click();
  const form = page.getByTestId("bulk-form-addTag");
  await form.getByLabel("Tag to add").fill(TAG);
  await form.getByTestId("bulk-apply").click();
  // Said in a toast, and to screen readers.
  await expect(
    page.getByRole("region", { name: /^Notifications/ }).getByText("Changed 3 tenants"),
  ).toBeVisible();
  await expect(page.getByTestId("bulk-result")).toHaveText("Changed 3 tenants");
  await expect(bar).toBeHidden();
  await expect(selected).toHaveCount(0);

  // Filter by the tag: exactly those three.
  await page.getByTestId("facet-annotations").click();
  await page
    .getByTestId("facet-options-tag")
    .locator(`label[data-value="${TAG}"]`)
    .locator("input")
    .click();
  await explorer.closePopover();
  await explorer.ready();
  await expect(page).toHaveURL((url) => url.searchParams.get("tag") === TAG);
  await explorer.expectCount(3);
  const tagged = await explorer.rows.evaluateAll((rows) =>
    rows.map((r) => r.getAttribute("data-tenant-id")),
  );
  expect(new Set(tagged)).toEqual(new Set(ids));

  // A note and an owner on one of them, from the details panel.
  await explorer.rows.first().click();
  const editor = explorer.sheet.getByTestId("annotation-editor");
  await expect(editor).toBeVisible();
  await expect(editor.getByTestId("tag-chips")).toContainText(TAG);
  await editor.getByTestId("owner-input").fill(OWNER);
  await editor.getByTestId("note-input").fill(NOTE);
  await expect(editor.getByTestId("note-counter")).toHaveText(`${NOTE.length} / 2,000`);
  await editor.getByTestId("save-annotations").click();
  await expect(editor.getByTestId("annotation-status")).toHaveText("Saved");
  await page.keyboard.press("Escape");
  await expect(explorer.sheet).toBeHidden();

  // The optional columns show them in the rows.
  await explorer.setColumn("Tags", true);
  await explorer.setColumn("Owner", true);
  await explorer.setColumn("Note", true);
  await expect(explorer.rows.locator(`[data-column=tags] [data-tag="${TAG}"]`)).toHaveCount(3);
  await expect(explorer.rows.locator("[data-column=note]").filter({ hasText: NOTE })).toHaveCount(
    1,
  );
  await expect(explorer.rows.locator("[data-column=owner]").filter({ hasText: OWNER })).toHaveCount(
    1,
  );

  // Share the filtered view, leaving the Note column out.
  const share = new ShareDialog(page);
  await share.open();
  await expect(share.scope).toContainText(TAG);
  await expect(share.column("Note")).toBeChecked();
  await share.column("Note").uncheck();
  await share.name.fill(`E2E tagged ${stamp}`);
  const url = await share.create();

  // A visitor with no session: the three tenants, their tags, and no note anywhere.
  const context = await browser.newContext();
  try {
    const shared = new SharedViewPage(await context.newPage());
    await shared.goto(url);
    await shared.explorer.expectCount(3, 3);
    const sharedIds = await shared.explorer.rows.evaluateAll((rows) =>
      rows.map((r) => r.getAttribute("data-tenant-id")),
    );
    expect(new Set(sharedIds)).toEqual(new Set(ids));
    const columns = await shared.explorer.columns();
    expect(columns).toContain("tags");
    expect(columns).not.toContain("note");
    expect(columns).not.toContain("select");
    await expect(shared.page.getByText(NOTE)).toHaveCount(0);
    await shared.explorer.rows.first().click();
    await expect(shared.explorer.sheet.getByTestId("tenant-details")).toBeVisible();
    await expect(shared.explorer.sheet.getByTestId("annotation-tags")).toContainText(TAG);
    await expect(shared.explorer.sheet.getByTestId("annotation-note")).toHaveCount(0);
    await expect(shared.explorer.sheet.getByTestId("annotation-editor")).toHaveCount(0);
    expect(await shared.page.content()).not.toContain(NOTE);
  } finally {
    await context.close();
  }
});

test("a viewer reads the annotations with no edit control, and the API refuses their writes", async ({
  page,
  signIn,
  apiAs,
}) => {
  const admin = await apiAs("admin");
  const listed = (await (await admin.get("/api/tenants?limit=1")).json()) as {
    rows: { id: string; subscriptionId: string | null }[];
  };
  const id = listed.rows[0]!.id;
  const subscriptionId = listed.rows[0]!.subscriptionId ?? "1";
  cleanup.tenantIds.add(id);
  const set = await admin.patch(`/api/tenants/${id}/annotations`, {
    data: { owner: OWNER, tags: [TAG], note: NOTE },
  });
  expect(set.status(), await set.text()).toBe(200);

  await signIn("viewer");
  const explorer = new ExplorerPage(page);
  await explorer.goto(`tag=${TAG}`);
  await expect(explorer.rowById(id)).toBeVisible();
  await expect(explorer.grid.locator("[data-column=select]")).toHaveCount(0);
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
  await explorer.rowById(id).click();
  const details = explorer.sheet.getByTestId("tenant-details");
  await expect(details).toBeVisible();
  await expect(details.getByTestId("annotation-owner")).toContainText(OWNER);
  await expect(details.getByTestId("annotation-tags")).toContainText(TAG);
  await expect(details.getByTestId("annotation-note")).toContainText(NOTE);
  await expect(details.getByTestId("annotation-editor")).toHaveCount(0);
  await expect(details.getByTestId("name-subscription")).toHaveCount(0);
  await expect(details.getByRole("textbox")).toHaveCount(0);

  const viewer = await apiAs("viewer");
  const patch = await viewer.patch(`/api/tenants/${id}/annotations`, { data: { note: "mine" } });
  expect(await errorOf(patch)).toEqual({ status: 403, code: "forbidden" });
  const bulk = await viewer.post("/api/tenants/annotations", {
    data: { ids: [id], addTags: ["viewer-tag"] },
  });
  expect(bulk.status()).toBe(403);
  const named = await viewer.put(`/api/subscriptions/${subscriptionId}`, {
    data: { name: "Viewer's name" },
  });
  expect(named.status()).toBe(403);
  // Nothing changed.
  const after = (await (await viewer.get(`/api/tenants/${id}/annotations`)).json()) as {
    note: string | null;
    tags: string[];
  };
  expect(after.note).toBe(NOTE);
  expect(after.tags).toEqual([TAG]);
});

test('"none" cannot be a tag or an owner (it is the filter for "without"): the editor says why', async ({
  page,
  signIn,
}) => {
  await signIn("admin");
  const explorer = new ExplorerPage(page);
  await explorer.goto();
  await explorer.rows.first().click();
  const editor = explorer.sheet.getByTestId("annotation-editor");
  await expect(editor).toBeVisible();

  // The tag box refuses it at once, in any case, and adds no chip.
  const tagInput = editor.getByTestId("tag-input");
  await tagInput.fill("None");
  await tagInput.press("Enter");
  await expect(editor.getByRole("alert")).toHaveText(
    'A tag cannot be "none": that word finds tenants without tags.',
  );
  await expect(editor.locator('[data-tag="none"]')).toHaveCount(0);
  await tagInput.fill("");

  // As an owner too, in any case: said under the field, and Save stays off.
  await editor.getByTestId("owner-input").fill("NONE");
  await expect(editor.getByRole("alert")).toHaveText(
    'An owner cannot be "none": that word finds tenants without an owner. Leave it empty.',
  );
  await expect(editor.getByTestId("owner-input")).toHaveAttribute("aria-invalid", "true");
  await expect(editor.getByTestId("save-annotations")).toBeDisabled();
});
