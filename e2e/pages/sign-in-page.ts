import { expect, type Locator, type Page } from "@playwright/test";

/** /signin: the configured sign-in methods and the error line. */
export class SignInPage {
  readonly heading: Locator;
  readonly idpButton: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly demoAdmin: Locator;
  readonly demoViewer: Locator;
  readonly error: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Sign in to Tenant Atlas" });
    this.idpButton = page.getByRole("button", { name: /^Continue with / });
    this.email = page.getByLabel("Email");
    this.password = page.getByLabel("Password");
    this.submit = page.getByRole("button", { name: "Sign in", exact: true });
    this.demoAdmin = page.getByRole("button", { name: "Continue as demo admin" });
    this.demoViewer = page.getByRole("button", { name: "Continue as demo viewer" });
    // Scoped to the page content: Next.js adds its own (empty) route-announcer alert.
    this.error = page.getByRole("main").getByRole("alert");
  }

  async goto(callbackUrl?: string) {
    await this.page.goto(
      callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signin",
    );
    await expect(this.heading).toBeVisible();
  }

  async signInLocal(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Starts the OpenID Connect flow; the browser ends up on the identity provider's login form. */
  async continueWithIdp() {
    await this.idpButton.click();
  }
}
