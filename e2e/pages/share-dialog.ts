import { expect, type Locator, type Page } from "@playwright/test";

export type ExpiryOption = "1 hour" | "1 day" | "7 days" | "30 days" | "On a date…" | "Never";

/** The explorer toolbar's "Share view" button and its dialog (components/shares/share-view-button.tsx). */
export class ShareDialog {
  readonly button: Locator;
  readonly dialog: Locator;
  readonly name: Locator;
  readonly expiry: Locator;
  readonly expiryDate: Locator;
  readonly anyone: Locator;
  readonly signedIn: Locator;
  readonly allowExport: Locator;
  readonly columnList: Locator;
  readonly scope: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly link: Locator;
  readonly copy: Locator;
  readonly onceNote: Locator;

  constructor(private readonly page: Page) {
    this.button = page.getByRole("button", { name: "Share view", exact: true });
    this.dialog = page.getByTestId("share-dialog");
    this.name = this.dialog.getByLabel("Name", { exact: true });
    this.expiry = this.dialog.getByLabel("Expires after");
    this.expiryDate = this.dialog.getByLabel("Expiry date");
    this.anyone = this.dialog.getByRole("radio", { name: /^Anyone with the link/ });
    this.signedIn = this.dialog.getByRole("radio", { name: /^Signed-in users only/ });
    this.allowExport = this.dialog.getByRole("checkbox", { name: /^Allow CSV export/ });
    this.columnList = this.dialog.getByTestId("share-columns");
    this.scope = this.dialog.getByTestId("share-scope");
    this.submit = this.dialog.getByRole("button", { name: "Create link" });
    this.error = this.dialog.getByTestId("form-error");
    this.link = this.dialog.getByRole("textbox", { name: "Share link" });
    this.copy = this.dialog.getByRole("button", { name: "Copy link" });
    this.onceNote = this.dialog.getByText("You will not see this link again.");
  }

  async open() {
    // Until the page has hydrated the button does nothing: click until the dialog is there.
    await expect(async () => {
      if (!(await this.dialog.isVisible())) await this.button.click();
      await expect(this.dialog).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await expect(this.page.getByRole("dialog", { name: "Share this view" })).toBeVisible();
  }

  column(header: string): Locator {
    return this.columnList.getByRole("checkbox", { name: new RegExp(`^${header}\\b`) });
  }

  /** Header names of the checked columns, in list order. */
  async checkedColumns(): Promise<string[]> {
    const out: string[] = [];
    for (const item of await this.columnList.getByRole("listitem").all())
      if (await item.getByRole("checkbox").isChecked())
        out.push((await item.locator("label").innerText()).replace(/ \(always included\)$/, ""));
    return out;
  }

  /** Header names marked sensitive. */
  async sensitiveColumns(): Promise<string[]> {
    const out: string[] = [];
    for (const item of await this.columnList.getByRole("listitem").all())
      if ((await item.locator("[data-sensitive]").count()) > 0)
        out.push(await item.locator("label").innerText());
    return out;
  }

  async expiryOptions(): Promise<string[]> {
    return this.expiry.locator("option").allInnerTexts();
  }

  /** Creates the link and returns its URL (shown once). */
  async create(): Promise<string> {
    await this.submit.click();
    await expect(this.page.getByRole("dialog", { name: "Link created" })).toBeVisible();
    await expect(this.onceNote).toBeVisible();
    return this.link.inputValue();
  }
}
