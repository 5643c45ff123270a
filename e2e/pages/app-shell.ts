import { expect, type Locator, type Page } from "@playwright/test";

/** The header every signed-in page shows (components/layout/app-header.tsx) and its user menu. */
export class AppShell {
  readonly menuButton: Locator;

  constructor(private readonly page: Page) {
    this.menuButton = page.getByRole("button", { name: /^Account: / });
  }

  async expectSignedInAs(name: string, role: "admin" | "viewer") {
    await expect(this.menuButton).toHaveAccessibleName(`Account: ${name} (${role})`);
  }

  /** Opens the menu with the keyboard and returns what it shows. */
  async openMenu() {
    const menu = this.page.getByRole("menu");
    // Until the page has hydrated, the button does not react yet: press again until it opens.
    await expect(async () => {
      if (!(await menu.isVisible())) {
        await this.menuButton.focus();
        await this.page.keyboard.press("Enter");
      }
      await expect(menu).toBeVisible({ timeout: 1_000 });
    }).toPass();
    return {
      name: menu.getByTestId("user-name"),
      email: menu.getByTestId("user-email"),
      role: menu.getByTestId("role-badge"),
      signOut: menu.getByRole("menuitem", { name: "Sign out" }),
    };
  }

  async signOut() {
    const menu = await this.openMenu();
    await menu.signOut.click();
    await expect(this.page).toHaveURL(/\/signin/);
  }
}
