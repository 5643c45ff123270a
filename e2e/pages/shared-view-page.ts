import { expect, type Locator, type Page } from "@playwright/test";
import { ExplorerPage } from "./explorer-page";

/** /s/<token>: a shared view (the read-only explorer), or the page of an expired or revoked link. */
export class SharedViewPage {
  readonly explorer: ExplorerPage;
  readonly banner: Locator;
  readonly scope: Locator;
  readonly unavailable: Locator;
  readonly unavailableHeading: Locator;
  readonly contact: Locator;
  readonly exportButton: Locator;
  readonly shareButton: Locator;

  constructor(readonly page: Page) {
    this.explorer = new ExplorerPage(page);
    this.banner = page.getByTestId("share-banner");
    this.scope = page.getByTestId("explorer-scope");
    this.unavailable = page.getByTestId("share-unavailable");
    this.unavailableHeading = this.unavailable.getByRole("heading", { level: 1 });
    this.contact = page.getByTestId("share-contact");
    this.exportButton = page.getByRole("button", { name: "Export", exact: true });
    this.shareButton = page.getByRole("button", { name: "Share view", exact: true });
  }

  /** Opens a link and waits for its rows. */
  async goto(url: string) {
    await this.page.goto(url);
    await expect(this.banner).toBeVisible();
    await this.explorer.ready();
  }

  /** Links on the page that lead into the app (same origin). */
  async appLinks(): Promise<string[]> {
    return this.page
      .locator("a[href]")
      .evaluateAll((links) =>
        links
          .map((a) => (a as HTMLAnchorElement).href)
          .filter((href) => new URL(href).origin === window.location.origin),
      );
  }
}
