import { expect, type Locator, type Page } from "@playwright/test";

/** /changes: the change feed with kind and date filters and "Load more". */
export class ChangesPage {
  readonly rows: Locator;
  readonly loadMore: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly clearFilters: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId("change-row");
    this.loadMore = page.getByTestId("load-more");
    this.from = page.getByTestId("change-from");
    this.to = page.getByTestId("change-to");
    this.clearFilters = page.getByTestId("clear-change-filters");
    this.empty = page.getByTestId("empty-state");
  }

  async goto(query = "") {
    await this.page.goto(query ? `/changes?${query}` : "/changes");
    await this.ready();
  }

  /** The page is shown and hydrated (its buttons answer). */
  async ready() {
    await expect(this.page.getByRole("heading", { name: "Changes", level: 1 })).toBeVisible();
    await expect(this.page.locator("html[data-hydrated]")).toBeAttached();
  }

  kind(label: string): Locator {
    return this.page.getByTestId("change-kinds").getByRole("button", { name: label, exact: true });
  }
}
