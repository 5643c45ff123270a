// Search finds what people mean, on the e2e organization (800 tenants, seed 7): a word typed for a
// name no longer finds tenants whose random id happens to contain it; ids, subscription ids and
// license numbers are found whole or by their first 4 or more characters; a row found by more than
// its name says which field matched; the export of the view holds the same tenants.
import type { APIRequestContext } from "@playwright/test";
import { ExplorerPage } from "./pages/explorer-page";
import { expectNoViolations } from "./support/axe";
import { E2E_TENANTS } from "./support/env";
import { expect, test } from "./support/fixtures";

interface Row {
  id: string;
  name: string;
  hostnames: string[];
  subscriptionId: string | null;
  licenseNumber: string | null;
  match?: string[];
}

const fold = (s: string) => s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");

async function tenants(api: APIRequestContext, q = ""): Promise<Row[]> {
  const res = await api.get(`/api/tenants?limit=1000${q ? `&q=${encodeURIComponent(q)}` : ""}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { rows: Row[] }).rows;
}

/** Found by its name or a hostname holding `word` anywhere. */
const inText = (t: Row, word: string) =>
  fold(t.name).includes(word) || t.hostnames.some((h) => fold(h).includes(word));

let all: Row[];

test.beforeEach(async ({ signIn, apiAs }) => {
  const api = await apiAs("viewer");
  await expect(async () => expect((await tenants(api)).length).toBe(E2E_TENANTS)).toPass({
    timeout: 60_000,
  });
  all = await tenants(api);
  await signIn("viewer");
});

test.use({ viewport: { width: 1440, height: 900 } });

test("a short word finds names and hostnames, not tenants whose id merely contains it", async ({
  page,
  apiAs,
}) => {
  const word = "dr";
  const expected = all.filter((t) => inText(t, word));
  const strangers = all.filter((t) => !inText(t, word) && fold(t.id).includes(word));
  expect(strangers.length, "ids that contain the word (found before, wrongly)").toBeGreaterThan(10);

  const explorer = new ExplorerPage(page);
  await explorer.goto();
  await explorer.searchFor(word);
  await explorer.expectCount(expected.length, E2E_TENANTS);
  for (const t of strangers.slice(0, 20)) await expect(explorer.rowById(t.id)).toHaveCount(0);
  await expect(explorer.grid.getByTestId("search-match").filter({ hasText: "ID" })).toHaveCount(0);

  // "This view" exports the same tenants, no strangers.
  const api = await apiAs("viewer");
  const res = await api.get(`/api/tenants/export?q=${word}&columns=id&format=json`);
  expect(res.ok()).toBe(true);
  const exported = ((await res.json()) as { id: string }[]).map((r) => r.id).sort();
  expect(exported).toEqual(expected.map((t) => t.id).sort());
});

test("an id is found by its first characters and says so; a part from its middle finds nothing", async ({
  page,
}) => {
  // A tenant whose id start is in no name or hostname, so only the id can find it.
  const target = all.find((t) => all.every((o) => !inText(o, fold(t.id.slice(0, 6)))))!;
  const explorer = new ExplorerPage(page);
  await explorer.goto();

  await explorer.searchFor(target.id.slice(0, 6));
  const row = explorer.rowById(target.id);
  await expect(row).toBeVisible();
  await expect(explorer.searchMatch(row)).toHaveText("Matched ID");
  await expect(explorer.searchMatch(row)).toHaveAttribute("data-match", "id");
  await expect(row.locator("[data-name]")).toHaveText(
    target.name.trim() ? target.name : "(no name)",
  );

  await explorer.searchFor(target.id.slice(0, 4).toLowerCase());
  await expect(explorer.searchMatch(explorer.rowById(target.id))).toHaveText("Matched ID");

  const middle = target.id.slice(9, 17);
  await explorer.searchFor(middle);
  await expect(explorer.rowById(target.id)).toHaveCount(0);

  await expectNoViolations(page, "/ with a middle-of-id search");
});

test("a whole license number finds its tenants, labelled; a part from its middle does not", async ({
  page,
}) => {
  const license = all.find((t) => t.licenseNumber !== null)!.licenseNumber!;
  const holders = all.filter((t) => t.licenseNumber === license);
  const explorer = new ExplorerPage(page);
  await explorer.goto("sort=name");

  await explorer.searchFor(license);
  await explorer.expectCount(holders.length, E2E_TENANTS);
  const first = explorer.rows.first();
  // In the simulator a subscription's license number is its id: both fields matched.
  await expect(explorer.searchMatch(first)).toHaveText("Matched subscription, license number");

  await explorer.searchFor(license.slice(3, 12));
  await expect(explorer.rows).toHaveCount(0);
});

test("names keep the accent-insensitive match, without a label", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await explorer.goto();
  await explorer.searchFor("muller sohne");
  const row = explorer.rowNamed("Müller & Söhne");
  await expect(row).toHaveCount(1);
  await expect(explorer.searchMatch(row)).toHaveCount(0);
  await explorer.searchFor("ZURICH");
  await expect(explorer.rowNamed("Müller & Söhne")).toHaveCount(1);
});

for (const colorScheme of ["light", "dark"] as const)
  test(`rows found by a hostname or an id pass axe (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const explorer = new ExplorerPage(page);
    await explorer.goto("q=qlikcloud");
    await expect(explorer.grid.getByTestId("search-match").first()).toHaveText("Matched hostname");
    await expectNoViolations(page, `/?q=qlikcloud (${colorScheme})`);
    const id = all[3]!.id;
    await explorer.searchFor(`${id.slice(0, 8)}`);
    await expect(explorer.searchMatch(explorer.rowById(id))).toBeVisible();
    await page.locator(`[data-tenant-id="${id}"]`).click();
    await expectNoViolations(page, `/ with an id match and its details (${colorScheme})`);
  });
