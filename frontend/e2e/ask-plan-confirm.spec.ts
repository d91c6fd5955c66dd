import { expect, test } from "./fixtures";
import { TREND_QUESTION } from "./support/env";

test.describe("asking a question", () => {
  test("ask → plan → edit plan → confirm → rows → chart → feedback", async ({ chat, page, run }) => {
    await chat.startChat(run.dataSourceName, TREND_QUESTION);
    await expect(chat.lastTurn().root.getByTestId("user-question")).toHaveText(TREND_QUESTION);

    const turn = await chat.waitForPlanOrAnswer();
    await expect(turn.root, "a plan is proposed before anything runs").toHaveAttribute("data-state", "AWAITING_CONFIRMATION");
    const plan = turn.plan;
    await expect(plan.summary).not.toBeEmpty();
    await expect(plan.root.getByTestId("plan-tables")).toContainText("orders");
    await expect(turn.root.getByTestId("answer"), "nothing is executed before Confirm").toHaveCount(0);

    // Edit: a tighter limit, a filter excluding cancelled orders, a coarser grain if grouped by time.
    await plan.setLimit(6);
    await expect(plan.dirtyBadge).toBeVisible();
    await plan.addFilter("status", "NE", "cancelled");
    if (await plan.grain(0).isVisible()) await plan.grain(0).selectOption("QUARTER");
    if (await plan.orderToggle(0).isVisible()) await plan.orderToggle(0).click();

    // Save edit: the server re-summarises the edited plan, which comes back still awaiting confirmation.
    const summaryBefore = await plan.summary.textContent();
    await plan.saveEdit();
    await expect(plan.dirtyBadge).toHaveCount(0, { timeout: 30_000 });
    await expect(plan.limit).toHaveValue("6");
    await expect(plan.root.getByTestId("filter-op-0")).toBeVisible();
    expect(await plan.summary.textContent()).not.toBe(summaryBefore);

    await plan.confirm();
    const answer = await chat.waitForAnswer(turn);
    await expect(answer.source).toBeVisible();
    await expect(answer.sql).toContainText(/select/i);
    await expect(answer.rows.first()).toBeVisible();
    const rowCount = await answer.rows.count();
    expect(rowCount).toBeGreaterThan(0);
    expect(rowCount).toBeLessThanOrEqual(6);
    await expect(answer.chart).toBeVisible();
    await expect(answer.chart).toHaveAttribute("data-chart-kind", /line|bar|pie/);

    // CSV export happens in the browser.
    const [download] = await Promise.all([page.waitForEvent("download"), answer.table.getByTestId("download-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);

    await answer.thumbsUp();
  });

  test("a ratio shows what each side counts, takes a filter for both, and answers with one value", async ({ chat, run }) => {
    await chat.startChat(run.dataSourceName, "What is the ratio of delivered orders to cancelled orders?");
    const turn = await chat.waitForPlanOrAnswer();
    await expect(turn.root).toHaveAttribute("data-state", "AWAITING_CONFIRMATION");
    const plan = turn.plan;
    const ratio = plan.root.getByTestId("plan-ratio");
    await expect(ratio).toContainText("'delivered'");
    await expect(ratio).toContainText("'cancelled'");

    // A filter added on the plan card restricts both sides.
    await plan.addFilter("amount", "GT", "200");
    await plan.saveEdit();
    await expect(plan.dirtyBadge).toHaveCount(0, { timeout: 30_000 });
    await plan.confirm();
    const answer = await chat.waitForAnswer(turn);
    // e2e/fixtures/shop.sql: of the orders over 200, 42 delivered and 16 cancelled
    await expect(answer.rows).toHaveCount(1);
    await expect(answer.rows.first()).toHaveText(/^\s*2\.625\s*$/);
  });

  test("conditions joined by 'or' show as alternatives and keep rows meeting either", async ({ chat, run }) => {
    await chat.startChat(run.dataSourceName, "How many orders were cancelled or had an amount above 400?");
    const turn = await chat.waitForPlanOrAnswer();
    await expect(turn.root).toHaveAttribute("data-state", "AWAITING_CONFIRMATION");
    const alternatives = turn.plan.root.getByTestId("plan-filter-any-of");
    await expect(alternatives).toContainText("cancelled");
    await expect(alternatives).toContainText(" or ");
    await turn.plan.confirm();
    const answer = await chat.waitForAnswer(turn);
    // e2e/fixtures/shop.sql: 24 cancelled orders and 3 others over 400
    await expect(answer.rows).toHaveCount(1);
    await expect(answer.rows.first()).toHaveText(/^\s*27\s*$/);
  });

  test("a percentage of rows says so on the plan and answers times 100", async ({ chat, run }) => {
    await chat.startChat(run.dataSourceName, "What percentage of orders were delivered?");
    const turn = await chat.waitForPlanOrAnswer();
    await expect(turn.root).toHaveAttribute("data-state", "AWAITING_CONFIRMATION");
    await expect(turn.plan.root.getByTestId("plan-ratio")).toContainText("as a percentage");
    await turn.plan.confirm();
    const answer = await chat.waitForAnswer(turn);
    // e2e/fixtures/shop.sql: 72 of 120 orders delivered
    await expect(answer.rows).toHaveCount(1);
    await expect(answer.rows.first()).toHaveText(/^\s*60(\.0+)?\s*$/);
  });

  test("rejecting a plan runs nothing", async ({ chat, run }) => {
    await chat.startChat(run.dataSourceName, TREND_QUESTION);
    const turn = await chat.waitForPlanOrAnswer();
    await expect(turn.root).toHaveAttribute("data-state", "AWAITING_CONFIRMATION");
    await turn.plan.reject("Not what I meant");
    await expect(turn.root).toHaveAttribute("data-state", "REJECTED", { timeout: 30_000 });
    await expect(turn.root.getByTestId("answer")).toHaveCount(0);
  });

  test("works over plain HTTP when the WebSocket is unavailable", async ({ chat, shell, page, run }) => {
    await shell.useRestOnly();
    await chat.startChat(run.dataSourceName, TREND_QUESTION);
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "rest");
    const turn = await chat.waitForPlanOrAnswer();
    await expect(turn.root).toHaveAttribute("data-state", "AWAITING_CONFIRMATION");
    await turn.plan.confirm();
    const answer = await chat.waitForAnswer(turn);
    await expect(answer.rows.first()).toBeVisible();
  });

  test("a chat survives a reload: turns come back from the server", async ({ chat, page, run }) => {
    await chat.startChat(run.dataSourceName, TREND_QUESTION);
    const turn = await chat.waitForPlanOrAnswer();
    await turn.plan.confirm();
    await chat.waitForAnswer(turn);
    const id = chat.chatId();
    await page.reload();
    await expect(chat.turns()).toHaveCount(1);
    await expect(chat.lastTurn().root).toHaveAttribute("data-state", "ANSWERED");
    await expect(chat.lastTurn().answer.rows.first()).toBeVisible();
    await expect(page.locator(`[data-testid="chat-item"][href*="${id}"]`)).toBeVisible();
  });
});
