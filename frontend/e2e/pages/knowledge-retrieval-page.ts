import { expect, type Locator, type Page } from "@playwright/test";
import { KnowledgePage } from "./knowledge-page";

/** The knowledge base's Retrieval tab: previews what a model prompt would get for a question. */
export class KnowledgeRetrievalPage {
  readonly knowledge: KnowledgePage;

  constructor(readonly page: Page) {
    this.knowledge = new KnowledgePage(page);
  }

  get panel(): Locator {
    return this.page.getByTestId("retrieval-panel");
  }

  /** Opens the knowledge base on `dataSourceId` (else the screen's default) and shows the Retrieval tab. */
  async open(dataSourceId?: string) {
    await this.knowledge.open(dataSourceId);
    await this.page.getByTestId("tab-retrieval").click();
    await expect(this.panel).toBeVisible();
  }

  /** Types the question and submits it with Enter, as a keyboard user would. */
  async preview(question: string) {
    const input = this.page.getByTestId("retrieval-question");
    await input.fill(question);
    await input.press("Enter");
    await expect(this.result.getByTestId("retrieval-for")).toHaveText(question);
  }

  get result(): Locator {
    return this.page.getByTestId("retrieval-result");
  }

  /** The retrieved table names, best first. */
  tableNames(): Locator {
    return this.result.getByTestId("retrieval-table-name");
  }

  get tokens(): Locator {
    return this.result.getByTestId("retrieval-tokens");
  }

  get patterns(): Locator {
    return this.result.getByTestId("retrieval-pattern");
  }

  get noPatterns(): Locator {
    return this.result.getByTestId("retrieval-patterns-empty");
  }
}
