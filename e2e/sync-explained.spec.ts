// When the data is refreshed, said where people look: the explorer tells everyone when the next
// automatic update is due and a viewer that admins can refresh now; /changes explains what appears
// there and when, shows the last and next check, lets admins refresh, and after a check that found
// nothing says so ("Checked just now: no changes since …").
import type { APIRequestContext } from "@playwright/test";
import { ChangesPage } from "./pages/changes-page";
import { ExplorerPage } from "./pages/explorer-page";
import { SIM_URL } from "./support/env";
import { expect, test } from "./support/fixtures";
import { setSimulatorFaults } from "./support/simulator";

type SimTenant = { id: string; name?: string; status?: string };

async function waitForRun(admin: APIRequestContext, before: number | null) {
  await expect(async () => {
    const body = (await (await admin.get("/api/sync")).json()) as {
      snapshot: { syncing: boolean; lastRun: { id: number; outcome: string } | null };
    };
    expect(body.snapshot.syncing).toBe(false);
    expect(body.snapshot.lastRun?.id).not.toBe(before);
    expect(body.snapshot.lastRun?.outcome).toBe("success");
  }).toPass({ timeout: 120_000 });
}

async function lastRunId(admin: APIRequestContext): Promise<number | null> {
  const body = (await (await admin.get("/api/sync")).json()) as {
    snapshot: { lastRun: { id: number } | null };
  };
  return body.snapshot.lastRun?.id ?? null;
}

async function refresh(admin: APIRequestContext) {
  const before = await lastRunId(admin);
  expect((await admin.post("/api/sync")).status()).toBe(202);
  await waitForRun(admin, before);
}

test.describe.configure({ mode: "serial" });

test("a viewer sees when the data updates and that admins can refresh now", async ({
  page,
  signIn,
}) => {
  await signIn("viewer");
  const explorer = new ExplorerPage(page);
  await explorer.goto();
  await expect(explorer.refreshNow).toHaveCount(0);
  const schedule = page.getByTestId("refresh-schedule");
  await expect(schedule).toContainText(/Auto-update (in \d+ (min|h)|any moment now)/);
  await expect(schedule).toHaveAttribute("title", /next automatic update is due/);
  await expect(schedule.getByTestId("refresh-admin-note")).toHaveText("admins can refresh now");
});

test("an admin sees the next automatic update and Refresh now", async ({ page, signIn }) => {
  await signIn("admin");
  const explorer = new ExplorerPage(page);
  await explorer.goto();
  await expect(explorer.refreshNow).toBeVisible();
  await expect(page.getByTestId("refresh-schedule")).toContainText("Auto-update");
  await expect(page.getByTestId("refresh-admin-note")).toHaveCount(0);
});

test("/changes explains itself to a viewer: what appears, when, last and next check", async ({
  page,
  signIn,
}) => {
  await signIn("viewer");
  const changes = new ChangesPage(page);
  await changes.goto();
  const explainer = page.getByTestId("sync-explainer");
  await expect(explainer).toContainText(/Every \d+ minutes, Tenant Atlas reads every tenant/);
  await expect(explainer).toContainText("appears in the list below as soon as that check finishes");
  await expect(explainer.getByTestId("last-check")).toHaveText(/ago|just now/);
  await expect(explainer.getByTestId("next-check")).toHaveText(/^in \d+ minutes?$|any moment now/);
  await expect(explainer.getByTestId("refresh-admin-note")).toContainText("Admins can refresh now");
  await expect(explainer.getByTestId("changes-refresh-now")).toHaveCount(0);
});

test("an admin refreshes from /changes: a check that finds nothing says so", async ({
  page,
  signIn,
  apiAs,
  playwright,
}) => {
  const admin = await apiAs("admin");
  const sim = await playwright.request.newContext();
  // One change, undone (a status, so the renames /changes' own test counts stay as they are): the
  // newest change is the undo, stamped with that check's time.
  const list = (await (await sim.get(`${SIM_URL}/__sim/tenants`)).json()) as { data: SimTenant[] };
  const target = list.data.find(
    (t) => t.status === "active" && t.name && /^[A-Za-z ]+$/.test(t.name),
  )!;
  const setStatus = (status: string) =>
    sim.post(`${SIM_URL}/__sim/tenants`, { data: { op: "set-status", id: target.id, status } });
  try {
    expect((await setStatus("disabled")).ok()).toBe(true);
    await refresh(admin);

    await signIn("admin");
    const changes = new ChangesPage(page);
    await changes.goto();
    const explainer = page.getByTestId("sync-explainer");
    const result = explainer.getByTestId("last-check-result");
    await expect(result).toHaveAttribute("data-found", "true");
    await expect(result).toContainText("it found the changes at the top of the list below");
    await expect(changes.rows.first()).toHaveAttribute("data-kind", "status_changed");
    await expect(changes.rows.first()).toContainText(target.name!);

    expect((await setStatus("active")).ok()).toBe(true);
    await refresh(admin);
    await page.reload();
    await changes.ready();
    await expect(result).toHaveAttribute("data-found", "true");
    const undoneAt = await changes.rows.first().locator("time").getAttribute("datetime");

    // Nothing changed upstream since: the check says so. Qlik Cloud answers slowly during this
    // check (simulator latency), so the check lasts long enough for "Checking…" to be seen: a
    // check with nothing to do can otherwise finish between two polls of the assertion.
    const checkedAt = result.locator("time").first();
    const before = await checkedAt.getAttribute("datetime");
    await setSimulatorFaults(sim, { latencyMs: 1500, onlyPaths: ["/api/core/tenants"] });
    const button = explainer.getByTestId("changes-refresh-now");
    await button.click();
    await expect(button).toHaveText("Checking…");
    await expect(button).toHaveText("Refresh now", { timeout: 120_000 });
    await expect(checkedAt).not.toHaveAttribute("datetime", before ?? "?");
    await expect(result).not.toHaveAttribute("data-found", /.*/);
    await expect(result).toContainText(/^Checked (just now|\d+ minutes? ago): no changes since /);
    await expect(result.locator("time").last()).toHaveAttribute("datetime", undoneAt ?? "?");
  } finally {
    await setSimulatorFaults(sim, null);
    await setStatus("active");
    await refresh(admin);
    await sim.dispose();
  }
});
