import { expect, type Page } from "@playwright/test";

/** The knowledge base admin. */
export class KnowledgePage {
  constructor(readonly page: Page) {}

  async open(dataSourceId?: string) {
    await this.page.goto("/knowledge/");
    await expect(this.page.getByTestId("knowledge-screen")).toBeVisible();
    if (dataSourceId) await this.page.getByTestId("kb-datasource").selectOption(dataSourceId);
  }

  async showPatterns() {
    await this.page.getByTestId("tab-patterns").click();
    await expect(this.page.getByTestId("patterns-panel")).toBeVisible();
  }

  async search(text: string) {
    await this.page.getByTestId("pattern-search").fill(text);
  }

  pattern(question: string) {
    return this.page.getByTestId("pattern-item").filter({ has: this.page.getByTestId("pattern-question").getByText(question, { exact: true }) });
  }
}
