import { expect, type Locator, type Page } from "@playwright/test";

/** /shares: the share links table and each link's actions. */
export class SharesPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly error: Locator;
  readonly show: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Share links", level: 1 });
    this.table = page.getByTestId("shares-table");
    this.rows = this.table.getByTestId("share-row");
    this.empty = page.getByTestId("shares-empty");
    this.error = page.getByTestId("error-state");
    this.show = page.getByLabel("Show");
  }

  async goto() {
    await this.page.goto("/shares");
    await expect(this.heading).toBeVisible();
  }

  row(id: string): Locator {
    return this.table.locator(`[data-share-id="${id}"]`);
  }

  /** Opens the row's actions menu and picks an item; the menu needs hydration first. */
  async action(id: string, item: string | RegExp) {
    const menu = this.page.getByRole("menu");
    await expect(async () => {
      if (!(await menu.isVisible())) await this.row(id).getByTestId("share-actions").click();
      await expect(menu).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await menu.getByRole("menuitem", { name: item }).click();
  }

  async revoke(id: string) {
    await this.action(id, "Revoke…");
    const confirm = this.page.getByRole("alertdialog");
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Revoke link" }).click();
    await expect(confirm).toBeHidden();
    await expect(this.row(id)).toHaveAttribute("data-status", "revoked");
  }
}
