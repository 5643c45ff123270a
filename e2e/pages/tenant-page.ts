import { expect, type Locator, type Page } from "@playwright/test";

/** The tenant details (side panel or /tenants/{id}): one component, the same locators. */
export class TenantDetails {
  readonly root: Locator;
  readonly title: Locator;
  readonly openHub: Locator;
  readonly openConsole: Locator;
  readonly hubLinks: Locator;
  readonly consoleLinks: Locator;
  readonly copyId: Locator;
  readonly copySubscription: Locator;
  readonly licenseWarning: Locator;
  readonly deletionNotice: Locator;
  readonly history: Locator;

  constructor(scope: Page | Locator) {
    this.root = scope.getByTestId("tenant-details");
    this.title = this.root.getByTestId("tenant-title");
    this.openHub = this.root.getByTestId("open-hub");
    this.openConsole = this.root.getByTestId("open-console");
    this.hubLinks = this.root.getByTestId("hub-link");
    this.consoleLinks = this.root.getByTestId("console-link");
    this.copyId = this.root.getByRole("button", { name: "Copy tenant ID" });
    this.copySubscription = this.root.getByRole("button", { name: "Copy subscription ID" });
    this.licenseWarning = this.root.getByTestId("license-warning");
    this.deletionNotice = this.root.getByTestId("deletion-notice");
    this.history = this.root.getByTestId("change-history");
  }

  async tenantId(): Promise<string> {
    return (await this.root.getAttribute("data-tenant-id")) ?? "";
  }

  async hostnames(): Promise<string[]> {
    return this.root
      .locator("[data-hostname]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-hostname") ?? ""));
  }
}

/** /tenants/{id}: a tenant on its own page. */
export class TenantPage {
  readonly details: TenantDetails;

  constructor(readonly page: Page) {
    this.details = new TenantDetails(page);
  }

  async goto(id: string) {
    await this.page.goto(`/tenants/${encodeURIComponent(id)}`);
    await expect(this.details.root).toBeVisible();
  }
}
