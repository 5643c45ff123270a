import { expect, type Locator, type Page } from "@playwright/test";

/** /no-access: signed in, but in neither ATLAS_ADMINS nor ATLAS_VIEWERS. */
export class NoAccessPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly contact: Locator;
  readonly switchAccount: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "No access to Tenant Atlas" });
    this.email = page.getByTestId("no-access-email");
    this.contact = page.getByTestId("no-access-contact");
    this.switchAccount = page.getByRole("button", { name: "Sign in with another account" });
  }

  async expectShown() {
    await expect(this.page).toHaveURL(/\/no-access$/);
    await expect(this.heading).toBeVisible();
  }
}
