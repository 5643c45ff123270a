import { expect, type Locator, type Page } from "@playwright/test";

/** /alerts (admins): the rules table, the rule dialog, each rule's actions and delivery log. */
export class AlertsPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly newRule: Locator;
  readonly dialog: Locator;
  readonly adminsOnly: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Alerts", level: 1 });
    this.table = page.getByTestId("alert-rules");
    this.rows = this.table.getByTestId("alert-rule-row");
    this.empty = page.getByTestId("alerts-empty");
    this.newRule = page.getByTestId("new-rule");
    this.dialog = page.getByRole("dialog");
    this.adminsOnly = page.getByTestId("admins-only");
  }

  async goto(query = "") {
    await this.page.goto(`/alerts${query}`);
    await expect(this.heading).toBeVisible();
  }

  row(name: string): Locator {
    return this.rows.filter({
      has: this.page.getByTestId("rule-row-name").getByText(name, { exact: true }),
    });
  }

  /** Opens "New rule" (pressing again until the page has hydrated). */
  async openNewRule() {
    await expect(async () => {
      if (!(await this.dialog.isVisible())) await this.newRule.click();
      await expect(this.dialog).toBeVisible({ timeout: 1_000 });
    }).toPass();
  }

  field(label: string | RegExp): Locator {
    return this.dialog.getByLabel(label);
  }

  /** Opens a row's actions menu and picks an item. */
  async action(name: string, item: string | RegExp) {
    const menu = this.page.getByRole("menu");
    await expect(async () => {
      if (!(await menu.isVisible())) await this.row(name).getByTestId("rule-actions").click();
      await expect(menu).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await menu.getByRole("menuitem", { name: item }).click();
  }

  /** Opens the row's delivery log and answers the dialog. */
  async openLog(name: string): Promise<Locator> {
    await this.row(name)
      .getByRole("button", { name: `Delivery log of ${name}` })
      .click();
    const log = this.page.getByRole("dialog", { name: `Delivery log: ${name}` });
    await expect(log).toBeVisible();
    return log;
  }
}
