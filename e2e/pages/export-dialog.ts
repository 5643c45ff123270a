import { expect, type Download, type Locator, type Page } from "@playwright/test";

/** The explorer toolbar's Export button and its dialog (components/export/export-menu.tsx). */
export class ExportDialog {
  readonly button: Locator;
  readonly dialog: Locator;
  readonly thisView: Locator;
  readonly allTenants: Locator;
  readonly csv: Locator;
  readonly json: Locator;
  readonly bom: Locator;
  readonly download: Locator;
  readonly cancel: Locator;
  readonly progress: Locator;
  readonly done: Locator;
  readonly columnList: Locator;

  constructor(private readonly page: Page) {
    this.button = page.getByRole("button", { name: "Export", exact: true });
    this.dialog = page.getByRole("dialog", { name: "Export tenants" });
    this.thisView = this.dialog.getByRole("radio", { name: /^This view \(/ });
    this.allTenants = this.dialog.getByRole("radio", { name: /^All tenants \(/ });
    this.csv = this.dialog.getByRole("radio", { name: "CSV", exact: true });
    this.json = this.dialog.getByRole("radio", { name: "JSON", exact: true });
    this.bom = this.dialog.getByRole("checkbox", { name: /byte-order mark/ });
    this.download = this.dialog.getByRole("button", { name: /^Download / });
    this.cancel = this.dialog.getByRole("button", { name: "Cancel export" });
    this.progress = this.dialog.getByTestId("export-progress");
    this.done = this.dialog.getByTestId("export-done");
    this.columnList = this.dialog.getByTestId("export-columns");
  }

  async open() {
    await this.button.click();
    await expect(this.dialog).toBeVisible();
  }

  /** The header names of the checked columns, in export order. */
  async checkedColumns(): Promise<string[]> {
    const items = this.columnList.getByRole("listitem");
    const out: string[] = [];
    for (const item of await items.all()) {
      const box = item.getByRole("checkbox");
      if (await box.isChecked()) out.push(await item.locator("[data-column-header]").innerText());
    }
    return out;
  }

  column(header: string): Locator {
    return this.columnList.getByRole("checkbox", { name: header, exact: true });
  }

  async moveUp(header: string) {
    await this.columnList.getByRole("button", { name: `Move ${header} up` }).click();
  }

  /** Clicks Download and returns the saved file. */
  async downloadFile(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.download.click(),
    ]);
    return download;
  }
}
