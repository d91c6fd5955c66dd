import { expect, test } from "./fixtures";
import { TREND_QUESTION } from "./support/env";

test("the plan card shows the checks before Confirm, the answer its trust label, and instructions travel with a question", async ({
  chat,
  page,
  run,
}) => {
  await chat.startChat(run.dataSourceName, TREND_QUESTION);
  const turn = await chat.waitForPlanOrAnswer();
  await expect(turn.root).toHaveAttribute("data-state", "AWAITING_CONFIRMATION");
  const checks = turn.root.getByTestId("checks-before-confirm");
  await expect(checks, "the validator ran on the SQL the plan will run, before anything ran").toBeVisible();
  await expect(checks.getByTestId("back-translation")).toContainText("This SQL means");
  await expect(turn.root.getByTestId("answer")).toHaveCount(0);

  await turn.plan.confirm();
  await chat.waitForAnswer(turn);
  await expect(turn.root.getByTestId("trusted").or(turn.root.getByTestId("needs-review"))).toBeVisible();

  await page.getByTestId("toggle-instructions").click();
  await page.getByTestId("instructions-input").fill("Only count orders that were not cancelled");
  await chat.ask("How many orders are there?");
  const next = chat.lastTurn();
  await expect(next.root.getByTestId("user-question")).toHaveText("How many orders are there?");
  await expect(next.root.getByTestId("turn-instructions")).toContainText("Only count orders that were not cancelled");
  await chat.waitForPlanOrAnswer();
  // Read back from the server (a reload), the turn still carries its instructions.
  await page.reload();
  await expect(chat.lastTurn().root.getByTestId("turn-instructions")).toContainText("not cancelled", { timeout: 30_000 });
});
