import { expect, test } from "./fixtures";

/**
 * An ambiguous question on the shop fixture: "top 3 customers" names no measure to rank by, so the
 * planner asks instead of guessing; clicking a chip plans the question with that measure.
 */
const AMBIGUOUS_QUESTION = process.env.E2E_QUESTION_AMBIGUOUS ?? "Who are the top 3 customers?";

test.describe("clarifying questions", () => {
  test("an ambiguous question → choice chips → click → the plan uses the choice → rows", async ({ chat, run }) => {
    await chat.startChat(run.dataSourceName, AMBIGUOUS_QUESTION);
    const turn = chat.lastTurn();
    await expect(turn.root, "the planner asks before it plans").toHaveAttribute("data-state", "AWAITING_CLARIFICATION", {
      timeout: 60_000,
    });
    const card = turn.root.getByTestId("clarification");
    await expect(card.getByTestId("clarification-question")).toHaveText("Rank customers by what?");
    const chips = card.getByTestId("clarification-choice");
    await expect(chips).toHaveText(["number of orders", "total orders.amount"]);
    await expect(turn.root.getByTestId("plan-card"), "no plan before the answer").toHaveCount(0);

    await chips.filter({ hasText: "total orders.amount" }).click();
    await expect(turn.root).toHaveAttribute("data-state", "AWAITING_CONFIRMATION", { timeout: 60_000 });
    await expect(turn.root.getByTestId("clarification-answers")).toContainText("total orders.amount");
    const plan = turn.plan;
    await expect(plan.root.getByTestId("plan-measures")).toContainText(/SUM\((main\.)?orders\.amount\)/i);
    await expect(plan.root.getByTestId("plan-order")).toBeVisible();
    await expect(plan.limit).toHaveValue("3");

    await plan.confirm();
    const answer = await chat.waitForAnswer(turn);
    await expect(answer.rows).toHaveCount(3);
  });

  test("a clarifying question can be answered in words", async ({ chat, run }) => {
    await chat.startChat(run.dataSourceName, AMBIGUOUS_QUESTION);
    const turn = chat.lastTurn();
    await expect(turn.root).toHaveAttribute("data-state", "AWAITING_CLARIFICATION", { timeout: 60_000 });
    await turn.root.getByTestId("clarification-text").fill("by number of orders");
    await turn.root.getByTestId("clarification-text").press("Enter");
    await expect(turn.root).toHaveAttribute("data-state", "AWAITING_CONFIRMATION", { timeout: 60_000 });
    await expect(turn.root.getByTestId("clarification-answers")).toContainText("by number of orders");
    await expect(turn.plan.root.getByTestId("plan-measures")).toContainText(/COUNT/i);
  });
});
