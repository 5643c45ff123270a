import { expect, type Page } from "@playwright/test";
import { E2E_IDP_PASSWORD, OIDC_URL } from "../support/env";

/** The test OpenID provider's login form (e2e/support/oidc-server.ts). */
export class IdpLoginPage {
  constructor(private readonly page: Page) {}

  async signIn(email: string, password = E2E_IDP_PASSWORD) {
    await expect(this.page).toHaveURL(new RegExp(`^${OIDC_URL}/interaction/`));
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in to the test IdP" }).click();
  }
}
