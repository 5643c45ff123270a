// The change feed: tenants renamed upstream show up after a refresh, filterable by kind and date,
// 50 at a time with "Load more". The renames are undone at the end, so other suites see the
// organization as generated.
import type { APIRequestContext } from "@playwright/test";
import { ChangesPage } from "./pages/changes-page";
import { APP_URL, SIM_URL } from "./support/env";
import { expect, test } from "./support/fixtures";

const RENAMES = 55;

type SimTenant = { id: string; name?: string };

async function simTenants(sim: APIRequestContext): Promise<SimTenant[]> {
  const res = await sim.get(`${SIM_URL}/__sim/tenants`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { data: SimTenant[] }).data;
}

async function rename(sim: APIRequestContext, id: string, name: string) {
  const res = await sim.post(`${SIM_URL}/__sim/tenants`, { data: { op: "rename", id, name } });
  expect(res.ok(), `rename ${id}: ${res.status()}`).toBe(true);
}

/** POST /api/sync as an admin and wait until a newer run has finished. */
async function refresh(admin: APIRequestContext) {
  const before = (await (await admin.get("/api/sync")).json()) as {
    snapshot: { lastRun: { id: number } | null };
  };
  const started = await admin.post("/api/sync", { headers: { origin: APP_URL } });
  expect(started.status()).toBe(202);
  await expect(async () => {
    const body = (await (await admin.get("/api/sync")).json()) as {
      snapshot: { syncing: boolean; lastRun: { id: number; outcome: string } | null };
    };
    expect(body.snapshot.syncing).toBe(false);
    expect(body.snapshot.lastRun?.id).not.toBe(before.snapshot.lastRun?.id);
    expect(body.snapshot.lastRun?.outcome).toBe("success");
  }).toPass({ timeout: 120_000 });
}

test.describe.configure({ mode: "serial" });

test("renamed tenants appear in the feed; kind and date filters; load more", async ({
  page,
  signIn,
  apiAs,
  playwright,
}) => {
  const sim = await playwright.request.newContext();
  const admin = await apiAs("admin");
  // Plain generated names only (the hostile ones stay as they are for the explorer's tests).
  const targets = (await simTenants(sim))
    .filter((t) => t.name && /^[A-Za-z][A-Za-z ]+$/.test(t.name))
    .slice(0, RENAMES) as Required<SimTenant>[];
  expect(targets).toHaveLength(RENAMES);
  try {
    for (const t of targets) await rename(sim, t.id, `${t.name} (renamed)`);
    await refresh(admin);

    await signIn("viewer");
    const changes = new ChangesPage(page);
    await changes.goto("kind=renamed");
    await expect(changes.kind("Renamed")).toHaveAttribute("aria-pressed", "true");
    await expect(changes.rows).toHaveCount(50);
    const first = changes.rows.first();
    await expect(first).toHaveAttribute("data-kind", "renamed");
    await expect(first).toContainText("(renamed)");
    await expect(first.getByRole("link")).toHaveAttribute("href", /^\/tenants\//);

    await changes.loadMore.click();
    await expect(changes.rows).toHaveCount(RENAMES);
    await expect(changes.loadMore).toBeHidden();

    // Another kind: none of those.
    await changes.kind("Renamed").click();
    await changes.kind("Removed").click();
    await expect(page).toHaveURL(/kind=removed/);
    await expect(changes.empty).toBeVisible();

    // A date range that ends before today: nothing; clearing brings the renames back.
    await changes.kind("Removed").click();
    await changes.to.fill("2020-01-01");
    await expect(page).toHaveURL(/to=2020-01-01/);
    await expect(changes.empty).toBeVisible();
    await changes.empty.getByRole("button", { name: "Clear filters" }).click();
    await expect(changes.rows.first()).toBeVisible();
    const today = new Date().toISOString().slice(0, 10);
    await changes.from.fill(today);
    await expect(changes.rows.first()).toBeVisible();

    // The tenant's own page lists the change too.
    await changes.rows.first().getByRole("link").click();
    await expect(page).toHaveURL(/\/tenants\//);
    await expect(page.getByTestId("change-history")).toContainText("Renamed");
  } finally {
    for (const t of targets) await rename(sim, t.id, t.name);
    await refresh(admin);
    await sim.dispose();
  }
});
