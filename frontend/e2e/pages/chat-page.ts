import { expect, type Locator, type Page } from "@playwright/test";

/** The plan confirmation card of one turn. */
export class PlanCard {
  constructor(readonly root: Locator) {}

  get summary() {
    return this.root.getByTestId("plan-summary");
  }
  get limit() {
    return this.root.getByTestId("plan-limit");
  }
  get dirtyBadge() {
    return this.root.getByTestId("plan-dirty");
  }
  filter(i: number) {
    return this.root.getByTestId(`filter-${i}`);
  }
  filterCount() {
    return this.root.locator("[data-testid^=filter-op-]").count();
  }
  grain(i = 0) {
    return this.root.getByTestId(`grain-select-${i}`);
  }
  orderToggle(i = 0) {
    return this.root.getByTestId(`order-direction-${i}`);
  }

  async setLimit(n: number) {
    await this.limit.fill(String(n));
  }

  /** Adds a filter on the first column whose name contains `columnPart`, with `op` and `value`. */
  async addFilter(columnPart: string, op: string, value: string): Promise<number> {
    const before = await this.root.locator("[data-testid^=filter-op-]").count();
    await this.root.getByTestId("add-filter").click();
    const i = before;
    const column = this.root.getByTestId(`filter-column-${i}`);
    const tag = await column.evaluate((el) => el.tagName);
    if (tag === "SELECT") {
      const value = await column.evaluate(
        (el, part) => [...(el as HTMLSelectElement).options].find((o) => o.text.toLowerCase().includes(part))?.value ?? null,
        columnPart.toLowerCase(),
      );
      if (!value) throw new Error(`No column containing "${columnPart}" among the plan's columns`);
      await column.selectOption(value);
    } else {
      await column.fill(columnPart);
    }
    await this.root.getByTestId(`filter-op-${i}`).selectOption(op);
    await this.root.getByTestId(`filter-value-${i}-0`).fill(value);
    return i;
  }

  async saveEdit() {
    await this.root.getByTestId("save-plan").click();
  }
  async confirm() {
    await this.root.getByTestId("confirm-plan").click();
  }
  async reject(reason?: string) {
    await this.root.getByTestId("reject-plan").click();
    if (reason) await this.root.getByTestId("reject-reason").fill(reason);
    await this.root.getByTestId("confirm-reject").click();
  }
}

/** The answer of one turn: badges, SQL, back-translation, rows, chart, feedback. */
export class Answer {
  constructor(readonly root: Locator) {}

  get source() {
    return this.root.getByTestId("source-badge");
  }
  get confidence() {
    return this.root.getByTestId("confidence-badge");
  }
  get sql() {
    return this.root.getByTestId("sql-code");
  }
  get backTranslation() {
    return this.root.getByTestId("back-translation");
  }
  get table() {
    return this.root.getByTestId("result-table");
  }
  get rows() {
    return this.root.getByTestId("result-row");
  }
  get chart() {
    return this.root.getByTestId("result-chart");
  }

  async thumbsUp() {
    await this.root.getByTestId("thumbs-up").click();
    await expect(this.root.getByTestId("feedback-sent")).toBeVisible();
  }

  async thumbsDown(reason: string) {
    await this.root.getByTestId("thumbs-down").click();
    await this.root.getByTestId("feedback-reason").fill(reason);
    await this.root.getByTestId("send-feedback").click();
    await expect(this.root.getByTestId("feedback-sent")).toBeVisible();
  }

  async correctSql(sql: string, note = "Count per status") {
    await this.root.getByTestId("correct-sql").click();
    await this.root.getByTestId("sql-editor").fill(sql);
    await this.root.getByTestId("correction-note").fill(note);
    await this.root.getByTestId("send-correction").click();
    await expect(this.root.getByTestId("correction-sent")).toBeVisible();
  }
}

/** One question and its answer in the message list. */
export class TurnItem {
  constructor(readonly root: Locator) {}

  get plan() {
    return new PlanCard(this.root.getByTestId("plan-card"));
  }
  get answer() {
    return new Answer(this.root.getByTestId("answer"));
  }
  state() {
    return this.root.getAttribute("data-state");
  }
}

/** The chat screen: new-chat form, conversation list, message list and composer. */
export class ChatPage {
  constructor(readonly page: Page) {}

  async open(chatId?: string) {
    await this.page.goto(chatId ? `/chat/?id=${encodeURIComponent(chatId)}` : "/chat/");
  }

  get input() {
    return this.page.getByTestId("question-input");
  }

  /** Starts a new chat on the named data source and asks `question` (Enter sends). */
  async startChat(dataSourceName: string, question: string) {
    await this.open();
    const select = this.page.getByTestId("chat-datasource-select");
    await expect(select).toBeVisible();
    const value = await select.evaluate(
      (el, name) => [...(el as HTMLSelectElement).options].find((o) => o.text.startsWith(name))?.value ?? null,
      dataSourceName,
    );
    if (!value) throw new Error(`Data source ${dataSourceName} is not offered`);
    await select.selectOption(value);
    await this.input.fill(question);
    await this.input.press("Enter");
    await expect(this.page).toHaveURL(/\/chat\/\?id=/);
    await expect(this.page.getByTestId("chat-view")).toBeVisible();
  }

  async ask(question: string) {
    await this.input.fill(question);
    await this.input.press("Enter");
  }

  chatId(): string {
    return new URL(this.page.url()).searchParams.get("id") ?? "";
  }

  turns() {
    return this.page.getByTestId("turn");
  }

  lastTurn(): TurnItem {
    return new TurnItem(this.turns().last());
  }

  /** Waits until the last turn asks for confirmation or is answered, and returns it. */
  async waitForPlanOrAnswer(): Promise<TurnItem> {
    const turn = this.lastTurn();
    await expect(turn.root).toHaveAttribute("data-state", /AWAITING_CONFIRMATION|ANSWERED|FAILED|CANNOT_ANSWER/, {
      timeout: 60_000,
    });
    return turn;
  }

  async waitForAnswer(turn: TurnItem = this.lastTurn()): Promise<Answer> {
    await expect(turn.root).toHaveAttribute("data-state", /ANSWERED|FAILED|CANNOT_ANSWER/, { timeout: 90_000 });
    await expect(turn.root, "the question should be answered").toHaveAttribute("data-state", "ANSWERED");
    return turn.answer;
  }

  conversationItems() {
    return this.page.getByTestId("chat-item");
  }
}
