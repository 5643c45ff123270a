// Alert rules end to end: an admin creates a rule in the UI with a webhook channel pointing at a
// receiver this test runs on localhost, presses "Send test", the receiver gets one signed request,
// and the rule's delivery log shows it as sent; a receiver that fails shows as failed with the
// reason; a rule is deleted after a confirmation. A viewer can neither open /alerts nor use the API.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AlertsPage } from "./pages/alerts-page";
import { expectNoViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { errorOf, waitForSnapshot } from "./support/shares";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1: /ok answers 204, /fail answers 500. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      if (req.url === "/fail") {
        res.writeHead(500, { "content-type": "text/plain" }).end("receiver is down");
        return;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, server };
}

const SECRET = "e2e-alert-signing-secret-7f3a9c";

let receiver: Awaited<ReturnType<typeof startReceiver>>;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await new Promise((resolve) => receiver.server.close(resolve));
});

test.beforeEach(async ({ apiAs }) => {
  await waitForSnapshot(await apiAs("admin"));
});

test("an admin creates a webhook rule, sends a test, and sees it sent in the delivery log", async ({
  page,
  signIn,
}) => {
  test.setTimeout(120_000);
  await signIn("admin");
  const alerts = new AlertsPage(page);
  await alerts.goto();
  await expect(
    page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Alerts" }),
  ).toHaveAttribute("aria-current", "page");

  const name = `E2E webhook ${Date.now()}`;
  await alerts.openNewRule();
  await expect(alerts.dialog.getByRole("heading", { name: "New alert rule" })).toBeVisible();

  // Saving an empty form names what is missing, next to each field.
  await alerts.dialog.getByTestId("rule-save").click();
  await expect(alerts.dialog.getByText("Name must not be empty.")).toBeVisible();
  await expect(alerts.dialog.getByTestId("rule-name")).toBeFocused();
  await expectNoViolations(page, "/alerts with the new rule dialog and its errors");

  await alerts.dialog.getByTestId("rule-name").fill(name);
  await alerts.dialog.getByTestId("rule-scope").fill("status=active");
  const summary = alerts.dialog.getByTestId("rule-scope-summary");
  await expect(summary).toContainText("Status: Active");
  await expect(summary).toContainText(/[\d,]+ tenants match today/);
  await alerts.dialog.getByTestId("rule-trigger").selectOption("tenantAdded");
  await alerts.dialog.getByTestId("channel-url").fill(`${receiver.url}/ok`);
  await alerts.dialog.getByTestId("channel-format").selectOption("json");
  await alerts.dialog.getByTestId("channel-secret").fill(SECRET);
  await alerts.dialog.getByTestId("rule-save").click();
  await expect(alerts.dialog).toBeHidden();

  const row = alerts.row(name);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("rule-row-trigger")).toHaveText("Tenant added");
  await expect(row.getByTestId("rule-row-enabled")).toHaveText("On");
  await expect(row.getByTestId("rule-row-last-delivery")).toContainText("None yet");

  // "Send test": the receiver gets one request, signed with the channel's secret.
  const before = receiver.received.length;
  await row.getByRole("button", { name: `Send test for ${name}` }).click();
  await expect(page.getByText(/^Test sent to /)).toBeVisible();
  await expect.poll(() => receiver.received.length).toBe(before + 1);
  const hit = receiver.received.at(-1)!;
  expect(hit.path).toBe("/ok");
  const timestamp = String(hit.headers["x-atlas-timestamp"]);
  const expected = `sha256=${createHmac("sha256", SECRET).update(`${timestamp}.${hit.body}`).digest("hex")}`;
  expect(hit.headers["x-atlas-signature"]).toBe(expected);
  expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(120);

  // The delivery log shows it as sent (and the list's last delivery follows).
  const log = await alerts.openLog(name);
  const sent = log
    .getByTestId("delivery-row")
    .filter({ has: page.locator('[data-status="sent"]') });
  await expect(sent).toHaveCount(1);
  await expect(sent).toHaveAttribute("data-kind", "test");
  await expect(sent.getByTestId("delivery-status")).toHaveText("Sent");
  await expectNoViolations(page, "/alerts with a delivery log");
  await page.keyboard.press("Escape");
  await expect(log).toBeHidden();
  await expect(row.getByTestId("rule-row-last-delivery")).toContainText("Sent", {
    timeout: 20_000,
  });
  await expectNoViolations(page, "/alerts with a rule");

  // Delete asks first; the rule then leaves the list.
  await alerts.action(name, "Delete…");
  const confirm = page.getByRole("alertdialog", { name: `Delete “${name}”?` });
  await confirm.getByTestId("confirm-delete-rule").click();
  await expect(row).toHaveCount(0);
});

test("a receiver that fails shows as failed in the log, with the reason", async ({
  page,
  signIn,
  apiAs,
}) => {
  const admin = await apiAs("admin");
  const name = `E2E failing ${Date.now()}`;
  const created = await admin.post("/api/alerts/rules", {
    data: {
      name,
      trigger: { kind: "deletionScheduled" },
      channels: [{ type: "webhook", url: `${receiver.url}/fail`, format: "slack", secret: SECRET }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { rule } = (await created.json()) as { rule: { id: string } };

  await signIn("admin");
  const alerts = new AlertsPage(page);
  await alerts.goto();
  await alerts
    .row(name)
    .getByRole("button", { name: `Send test for ${name}` })
    .click();
  await expect(
    page.getByText(new RegExp(`^Test of “${name}” failed for .*HTTP 500`)),
  ).toBeVisible();
  const log = await alerts.openLog(name);
  const row = log.getByTestId("delivery-row").first();
  await expect(row).toHaveAttribute("data-status", "failed");
  await expect(row.getByTestId("delivery-error")).toContainText("HTTP 500");
  await page.keyboard.press("Escape");

  expect((await admin.delete(`/api/alerts/rules/${rule.id}`)).status()).toBe(204);
});

test("arriving from the explorer: 'Alert on this view' fills the scope and the trigger", async ({
  page,
  signIn,
}) => {
  await signIn("admin");
  await page.goto("/?status=active");
  const menu = page.getByRole("menu");
  const openMenu = () =>
    expect(async () => {
      if (!(await menu.isVisible())) await page.getByTestId("quick-views").click();
      await expect(menu).toBeVisible({ timeout: 1_000 });
    }).toPass();
  await openMenu();
  await menu.getByRole("menuitemcheckbox", { name: "License ends within 60 days" }).click();
  await expect(page).toHaveURL(/licenseEndsTo=/);
  await openMenu();
  await menu.getByRole("menuitem", { name: "Alert on this view…" }).click();
  const alerts = new AlertsPage(page);
  await expect(page).toHaveURL(/\/alerts\?new=1&/);
  // The dialog is modal: the page behind it is hidden from the accessibility tree until it closes.
  await expect(alerts.dialog.getByRole("heading", { name: "New alert rule" })).toBeVisible();
  // The quick view's dates became the trigger (which moves with time); the rest is the scope.
  await expect(alerts.dialog.getByTestId("rule-scope")).toHaveValue("status=active");
  await expect(alerts.dialog.getByTestId("rule-trigger")).toHaveValue("licenseEndsWithin");
  await expect(alerts.dialog.getByTestId("rule-days")).toHaveValue("60");
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(alerts.heading).toBeVisible();
});

test("a viewer cannot reach /alerts, and the API answers 403", async ({ page, signIn, apiAs }) => {
  await signIn("viewer");
  const alerts = new AlertsPage(page);
  await page.goto("/alerts");
  await expect(alerts.adminsOnly).toBeVisible();
  await expect(
    alerts.adminsOnly.getByRole("heading", { name: "Alerts are for admins" }),
  ).toBeVisible();
  await expect(alerts.table).toHaveCount(0);
  await expect(
    page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Alerts" }),
  ).toHaveCount(0);
  // No "Alert on this view" in the explorer either.
  await page.goto("/");
  await page.getByTestId("quick-views").click();
  await expect(page.getByRole("menuitemcheckbox", { name: "Deletion scheduled" })).toBeVisible();
  await expect(page.getByTestId("alert-on-view")).toHaveCount(0);

  const viewer = await apiAs("viewer");
  for (const response of [
    await viewer.get("/api/alerts/rules"),
    await viewer.get("/api/alerts/deliveries"),
    await viewer.post("/api/alerts/rules", {
      data: { name: "x", trigger: { kind: "tenantAdded" }, channels: [] },
    }),
  ])
    expect(await errorOf(response)).toEqual({ status: 403, code: "forbidden" });
});
