import type { Locator, Page } from "@playwright/test";

/** The app's "not found" answer (any unknown address, or a tenant that does not exist). */
export class NotFoundPage {
  readonly root: Locator;
  readonly heading: Locator;
  /** The app header, with its home link and (for a signed-in user) the sections. */
  readonly header: Locator;
  readonly homeLink: Locator;
  readonly sections: Locator;
  readonly backLink: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("not-found");
    this.heading = page.getByRole("heading", { level: 1 });
    this.header = page.getByRole("banner");
    this.homeLink = this.header.getByRole("link", { name: "Tenant Atlas" });
    this.sections = this.header.getByRole("navigation", { name: "Sections" });
    this.backLink = this.root.getByRole("link", { name: "Back to all tenants" });
  }

  async goto(path: string) {
    return this.page.goto(path);
  }
}
