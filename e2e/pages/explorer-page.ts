import { expect, type Locator, type Page } from "@playwright/test";

export type FacetDimension = "region" | "country" | "subscription" | "status" | "owner" | "tag";
export type GroupMode =
  | "none"
  | "region"
  | "subscription"
  | "region,subscription"
  | "subscription,region"
  | "owner"
  | "tag";

/** `/`, the tenant explorer: toolbar, summary charts, the virtualized grid and the details panel. */
export class ExplorerPage {
  readonly search: Locator;
  readonly count: Locator;
  readonly grid: Locator;
  readonly rows: Locator;
  readonly groupRows: Locator;
  readonly groupSelect: Locator;
  readonly clearFilters: Locator;
  readonly expandAll: Locator;
  readonly collapseAll: Locator;
  readonly columnMenu: Locator;
  readonly sheet: Locator;
  readonly freshness: Locator;
  readonly dataAsOf: Locator;
  readonly refreshNow: Locator;
  readonly syncErrorBanner: Locator;
  readonly emptyState: Locator;
  readonly charts: Locator;
  /** Phones: the list of tenant cards, the Filters button and its bottom sheet. */
  readonly cards: Locator;
  readonly cardButtons: Locator;
  readonly openFilters: Locator;
  readonly filterSheet: Locator;
  /** The summary charts' wrapper and its toggles (one for phones, one for wider screens). */
  readonly summaryPanel: Locator;
  readonly summaryToggle: Locator;
  readonly phoneSummaryToggle: Locator;
  /** A link's unusable parts, and the loading cues of a new view. */
  readonly notice: Locator;
  readonly loadingBar: Locator;
  readonly skeleton: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole("searchbox", { name: "Search tenants by name, hostname or ID" });
    this.count = page.getByTestId("tenant-count");
    this.grid = page.getByTestId("tenant-grid");
    this.rows = this.grid.locator("[role=row][data-tenant-id]");
    this.groupRows = this.grid.locator("[role=row][data-group]");
    this.groupSelect = page.getByLabel("Group by");
    this.clearFilters = page.getByTestId("clear-filters");
    this.expandAll = page.getByTestId("expand-all");
    this.collapseAll = page.getByTestId("collapse-all");
    this.columnMenu = page.getByTestId("column-menu");
    this.sheet = page.getByTestId("tenant-sheet");
    this.freshness = page.getByTestId("freshness");
    this.dataAsOf = page.getByTestId("data-as-of");
    this.refreshNow = page.getByTestId("refresh-now");
    this.syncErrorBanner = page.getByTestId("sync-error-banner");
    this.emptyState = page.getByTestId("empty-state");
    this.charts = page.getByTestId("summary-charts");
    this.cards = page.getByTestId("tenant-cards");
    this.cardButtons = this.cards.locator("button[data-tenant-id]");
    this.openFilters = page.getByTestId("open-filters");
    this.filterSheet = page.getByTestId("filter-sheet");
    this.summaryPanel = page.getByTestId("summary-panel");
    this.summaryToggle = page.getByTestId("summary-toggle-wide");
    this.phoneSummaryToggle = page.getByTestId("summary-toggle-phone");
    this.notice = page.getByTestId("view-notice");
    this.loadingBar = page.getByTestId("loading-bar");
    this.skeleton = page.getByTestId("explorer-skeleton");
  }

  async goto(query = "") {
    await this.page.goto(query ? `/?${query.replace(/^\?/, "")}` : "/");
    await this.ready();
  }

  /** Settled: the grid (cards on a phone) shows its view's data (nothing loading), or the empty state. */
  async ready() {
    // Server-rendered rows show before the page's scripts run; a click or a select before then
    // would reach no handler.
    await expect(this.page.locator("[data-testid=tenant-explorer][data-hydrated]")).toBeAttached();
    await expect
      .poll(async () => {
        if (await this.emptyState.isVisible()) return "empty";
        const list = (await this.grid.isVisible())
          ? this.grid
          : (await this.cards.isVisible())
            ? this.cards
            : null;
        if (!list) return "none";
        return (await list.getAttribute("data-loading")) === null ? "ready" : "loading";
      })
      .toMatch(/^(ready|empty)$/);
  }

  /** The empty state's one-click removal of what narrows the view, by its label ("Status: Active"). */
  narrowing(label: string): Locator {
    return this.emptyState.getByRole("button", { name: `Remove ${label}`, exact: true });
  }

  /** "N of M tenants" as numbers. */
  async counts(): Promise<{ shown: number; total: number }> {
    const text = (await this.count.textContent()) ?? "";
    const match = /([\d,]+)\s+of\s+([\d,]+)\s+tenants/.exec(text);
    if (!match) throw new Error(`unexpected count text: ${text}`);
    return {
      shown: Number(match[1]!.replace(/,/g, "")),
      total: Number(match[2]!.replace(/,/g, "")),
    };
  }

  async expectCount(shown: number, total?: number) {
    const n = (x: number) => x.toLocaleString("en-US");
    await expect(this.count).toHaveText(
      new RegExp(`^${n(shown)} of ${total === undefined ? "[\\d,]+" : n(total)} tenants`),
    );
  }

  /** Types a search the way a person does (the box is debounced). */
  async searchFor(text: string) {
    await this.search.fill(text);
    await expect(this.page).toHaveURL((url) => url.searchParams.get("q") === (text.trim() || null));
    await this.ready();
  }

  facetButton(dimension: FacetDimension): Locator {
    return this.page.getByTestId(`facet-${dimension}`);
  }

  facetOptions(dimension: FacetDimension): Locator {
    return this.page.getByTestId(`facet-options-${dimension}`).locator("label[data-value]");
  }

  async openFacet(dimension: FacetDimension) {
    const options = this.page.getByTestId(`facet-options-${dimension}`);
    if (!(await options.isVisible())) await this.facetButton(dimension).click();
    await expect(options).toBeVisible();
  }

  async closePopover() {
    await this.page.keyboard.press("Escape");
  }

  /** The facet's values and counts as the popover shows them. */
  async facetCounts(dimension: FacetDimension): Promise<Map<string, number>> {
    await this.openFacet(dimension);
    const out = new Map<string, number>();
    for (const option of await this.facetOptions(dimension).all()) {
      const value = (await option.getAttribute("data-value")) ?? "";
      const count = Number(
        ((await option.locator("[data-count]").textContent()) ?? "0").replace(/,/g, ""),
      );
      out.set(value, count);
    }
    await this.closePopover();
    return out;
  }

  async toggleFacet(dimension: FacetDimension, value: string) {
    await this.openFacet(dimension);
    await this.facetOptions(dimension)
      .and(this.page.locator(`[data-value="${value}"]`))
      .locator("input")
      .click();
    await this.closePopover();
    await this.ready();
  }

  async groupBy(mode: GroupMode) {
    await this.groupSelect.selectOption(mode);
    await this.ready();
  }

  /** A column header by column id (name, status, regionCode, createdAt, …). */
  columnHeader(column: string): Locator {
    return this.grid.locator(`[role=columnheader][data-column="${column}"]`);
  }

  async sortBy(column: string, options: { add?: boolean } = {}) {
    await this.columnHeader(column)
      .getByRole("button")
      .click({ modifiers: options.add ? ["Shift"] : [] });
    await this.ready();
  }

  /** Ids of the visible columns, in order. */
  async columns(): Promise<string[]> {
    return this.grid
      .locator("[role=columnheader]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-column") ?? ""));
  }

  async setColumn(label: string, visible: boolean) {
    await this.columnMenu.click();
    const item = this.page.getByRole("menuitemcheckbox", { name: label });
    const checked = (await item.getAttribute("aria-checked")) === "true";
    if (checked !== visible) await item.click();
    await this.page.keyboard.press("Escape");
  }

  /** Names shown in the first rows, as plain text (without a "Matched ID" label). */
  async rowNames(n = 10): Promise<string[]> {
    const names = this.rows.locator("[data-column=name] [data-name]");
    const count = Math.min(n, await names.count());
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push((await names.nth(i).textContent()) ?? "");
    return out;
  }

  rowNamed(name: string): Locator {
    return this.rows.filter({ has: this.page.locator("[data-column=name]", { hasText: name }) });
  }

  async openTenant(name: string) {
    await this.rowNamed(name).first().click();
    await expect(this.sheet).toBeVisible();
    await expect(this.sheet.getByTestId("tenant-details")).toBeVisible();
  }

  chart(dimension: "region" | "status" | "subscription"): Locator {
    return this.page.getByTestId(`chart-${dimension}`);
  }

  /** A chart's bars (toggle buttons), as shown. */
  chartBars(dimension: "region" | "status" | "subscription"): Locator {
    return this.chart(dimension).locator("li button");
  }

  /** A chart's "+N more" / "Show top 5" toggle. */
  chartMore(dimension: "region" | "status" | "subscription"): Locator {
    return this.page.getByTestId(`chart-more-${dimension}`);
  }

  /** "Skip the charts": first in the charts' tab order, visible once focused. */
  get skipCharts(): Locator {
    return this.page.getByTestId("skip-charts");
  }

  rowById(id: string): Locator {
    return this.grid.locator(`[role=row][data-tenant-id="${id}"]`);
  }

  /** The "Matched ID" / "Matched hostname" label of a row a search found by more than its name. */
  searchMatch(row: Locator): Locator {
    return row.getByTestId("search-match");
  }

  /** The license-end cell's marker of a row: data-license is "ended", "soon" or absent. */
  licenseMarker(row: Locator): Locator {
    return row.locator("[data-column=licenseEndsAt] [data-license]");
  }
}
