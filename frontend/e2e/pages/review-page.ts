import { expect, type Page } from "@playwright/test";

/** The validation queue. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/review/");
    await expect(this.page.getByTestId("review-screen")).toBeVisible();
  }

  /** Signed in, decisions are recorded under the session's user; the screen says whom. */
  get reviewerSession() {
    return this.page.getByTestId("reviewer-session");
  }

  async filter(opts: { status?: string; reason?: string; dataSourceId?: string }) {
    if (opts.status !== undefined) await this.page.getByTestId("review-status").selectOption(opts.status);
    if (opts.reason !== undefined) await this.page.getByTestId("review-reason").selectOption(opts.reason);
    if (opts.dataSourceId !== undefined) await this.page.getByTestId("review-datasource").selectOption(opts.dataSourceId);
  }

  item(question: string) {
    return this.page.getByTestId("review-item").filter({ has: this.page.getByTestId("review-question").getByText(question, { exact: true }) });
  }

  async approve(question: string) {
    const item = this.item(question).first();
    await item.getByTestId("approve").click();
    await expect(this.page.getByTestId("toast").filter({ hasText: "Approved" })).toBeVisible();
  }

  async editAndApprove(question: string, sql: string) {
    const item = this.item(question).first();
    await item.getByTestId("edit-approve").click();
    await item.getByTestId("review-sql-editor").fill(sql);
    await item.getByTestId("approve-edited").click();
    await expect(this.page.getByTestId("toast").filter({ hasText: "Approved" })).toBeVisible();
  }
}
