// /annotations/import: an admin chooses a CSV file as Excel writes it in some locales (BOM, ";"),
// sees the dry run (changes, the unknown id and the invalid row with their line numbers), applies
// it, and dropping the same file again finds nothing to change. Viewers get the admins-only page
// and a 403 from the API. The annotations are cleared at the end, so other suites start clean.
import type { APIRequestContext, Page } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

type Row = { id: string; name: string };

async function someTenants(admin: APIRequestContext, count: number): Promise<Row[]> {
  const res = await admin.get(`/api/tenants?limit=${count}&sort=id`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { rows: Row[] }).rows;
}

async function clear(admin: APIRequestContext, ids: string[]) {
  for (const id of ids) {
    const res = await admin.patch(`/api/tenants/${id}/annotations`, {
      data: { owner: null, tags: [], note: null },
    });
    expect(res.ok(), `clear ${id}: ${res.status()}`).toBe(true);
  }
}

/** The file: BOM, ";"-separated, CRLF; three tenants, one unknown id (line 6), one bad tag (line 7). */
function csvFor(tenants: Row[]): string {
  const [a, b, c] = tenants;
  return (
    "\uFEFFTenant ID;Owner;Tags;Note\r\n" +
    `${a!.id};team-import@example.com;"e2e-import; billing";"First; with a semicolon"\r\n` +
    `${b!.id};team-import@example.com;e2e-import;\r\n` +
    `${c!.id};Ops Team;e2e-import, eu;"Two\r\nlines"\r\n` +
    "Tunknowne2etenant0000000000000000;x;;\r\n" +
    `${c!.id.slice(0, -1)}X;x;Not A Tag;\r\n`
  );
}

/** Drops `text` as a file on the drop zone, as a browser does with a dragged file. */
async function dropFile(page: Page, name: string, text: string) {
  const transfer = await page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: "text/csv" }));
      return dt;
    },
    [name, text] as const,
  );
  const zone = page.getByTestId("import-dropzone");
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
}

test("an admin previews, applies, and re-imports a CSV file (nothing changes the second time)", async ({
  page,
  signIn,
  apiAs,
}) => {
  const admin = await apiAs("admin");
  const tenants = await someTenants(admin, 3);
  const ids = tenants.map((t) => t.id);
  await clear(admin, ids);
  const csv = csvFor(tenants);
  try {
    await signIn("admin");
    await page.goto("/annotations/import");
    await expect(page.getByRole("heading", { name: "Import annotations" })).toBeVisible();

    await page.getByTestId("import-file-input").setInputFiles({
      name: "annotations.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    const preview = page.getByTestId("import-preview");
    await expect(preview).toBeVisible();
    await expect(page.getByTestId("import-counts")).toHaveAttribute("data-changed", "3");
    await expect(page.getByTestId("import-summary")).toContainText("semicolon-separated");
    await expect(page.getByTestId("import-change")).toHaveCount(3);
    await expect(page.getByTestId("import-unknown-id")).toContainText([
      "6Tunknowne2etenant0000000000000000",
    ]);
    const invalid = page.getByTestId("import-invalid-row");
    await expect(invalid).toHaveCount(1);
    await expect(invalid).toHaveAttribute("data-line", "7");
    await expect(invalid).toContainText('Tags: "Not A Tag"');
    await expectNoViolations(page, "the import preview");

    // Nothing is written by the preview; applying waits for "skip the invalid rows".
    const before = await admin.get(`/api/tenants/${ids[0]}/annotations`);
    expect(await before.json()).toMatchObject({ owner: null, tags: [] });
    const apply = page.getByRole("button", { name: "Apply import" });
    await expect(apply).toBeDisabled();
    await page.getByTestId("import-skip-invalid").focus();
    await page.keyboard.press("Space");
    await expect(apply).toBeEnabled();
    await apply.click();

    const result = page.getByTestId("import-result");
    await expect(result.getByRole("heading", { name: "Import applied" })).toBeVisible();
    await expect(result.getByTestId("import-counts")).toContainText("3 tenants");
    const stored = await (await admin.get(`/api/tenants/${ids[2]}/annotations`)).json();
    expect(stored).toEqual({
      tenantId: ids[2],
      owner: "Ops Team",
      tags: ["e2e-import", "eu"],
      note: "Two\nlines",
    });
    const rows = await admin.get(`/api/tenants?tag=e2e-import&limit=10`);
    expect(((await rows.json()) as { total: number }).total).toBe(3);

    // The same file again, dropped this time: nothing to change.
    await page.getByTestId("import-another").click();
    await dropFile(page, "annotations.csv", csv);
    await expect(page.getByTestId("import-counts")).toHaveAttribute("data-changed", "0");
    await expect(page.getByTestId("import-counts")).toContainText("Nothing to change");
    await expect(page.getByRole("button", { name: "Apply import" })).toBeDisabled();
  } finally {
    await clear(admin, ids);
  }
});

test("a file the server cannot read says why", async ({ page, signIn }) => {
  await signIn("admin");
  await page.goto("/annotations/import");
  await page.getByTestId("import-file-input").setInputFiles({
    name: "people.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Owner,Tags\nsomeone,x\n"),
  });
  const error = page.getByTestId("import-error");
  await expect(error).toHaveAttribute("role", "alert");
  await expect(error).toContainText("The file cannot be imported");
  await expect(error).toContainText("needs a tenant id column");
});

test("viewers get the admins-only page, and the API refuses their import (403)", async ({
  page,
  signIn,
  apiAs,
}) => {
  await signIn("viewer");
  await page.goto("/annotations/import");
  await expect(page.getByTestId("admins-only")).toContainText("for admins");
  await expect(page.getByTestId("import-file-input")).toHaveCount(0);
  const viewer = await apiAs("viewer");
  const res = await viewer.post("/api/annotations/import?dryRun=true", {
    headers: { "content-type": "text/csv" },
    data: "id,owner\nx,y\n",
  });
  expect(res.status()).toBe(403);
});
