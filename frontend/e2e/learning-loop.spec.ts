import { expect, test } from "./fixtures";
import { CORRECTED_ROWS, CORRECTED_SQL, LEARN_QUESTION } from "./support/env";

test("a corrected answer, once approved, is answered from the knowledge base", async ({
  chat,
  review,
  knowledge,
  page,
  run,
}) => {
  test.setTimeout(240_000);

  await test.step("ask and get an answer", async () => {
    await chat.startChat(run.dataSourceName, LEARN_QUESTION);
    const turn = await chat.waitForPlanOrAnswer();
    if ((await turn.state()) === "AWAITING_CONFIRMATION") await turn.plan.confirm();
    await chat.waitForAnswer(turn);
  });

  await test.step("correct the SQL", async () => {
    await chat.lastTurn().answer.correctSql(CORRECTED_SQL);
  });

  await test.step("the correction waits in the validation queue; approve it", async () => {
    await review.open();
    await expect(review.reviewerSession).toContainText(/admin/i);
    await review.filter({ status: "PENDING", reason: "CORRECTED_SQL", dataSourceId: run.dataSourceId });
    const item = review.item(LEARN_QUESTION).first();
    await expect(item).toBeVisible({ timeout: 30_000 });
    await expect(item.getByTestId("sql-code")).toContainText("GROUP BY status");
    await review.approve(LEARN_QUESTION);
    await expect(review.item(LEARN_QUESTION)).toHaveCount(0);

    await review.filter({ status: "APPROVED" });
    const approved = review.item(LEARN_QUESTION).first();
    await expect(approved).toHaveAttribute("data-status", "APPROVED");
    await approved.locator("summary", { hasText: "History" }).click();
    // The reviewer is the signed-in administrator, whatever the request body says.
    await expect(approved.getByTestId("review-history")).toContainText(/admin/i);
  });

  await test.step("the knowledge base now holds a verified pattern", async () => {
    await knowledge.open(run.dataSourceId);
    await knowledge.showPatterns();
    await knowledge.search("per status");
    const pattern = knowledge.pattern(LEARN_QUESTION).first();
    await expect(pattern).toBeVisible({ timeout: 30_000 });
    await expect(pattern).toHaveAttribute("data-status", "VERIFIED");
    await expect(pattern.getByTestId("sql-code")).toContainText("GROUP BY status");
  });

  await test.step("asking again is answered from the pattern", async () => {
    await chat.startChat(run.dataSourceName, LEARN_QUESTION);
    const turn = await chat.waitForPlanOrAnswer();
    if ((await turn.state()) === "AWAITING_CONFIRMATION") {
      await expect(turn.plan.root.getByTestId("source-badge")).toHaveAttribute("data-source", "PATTERN");
      await turn.plan.confirm();
    }
    const answer = await chat.waitForAnswer(turn);
    await expect(answer.source).toHaveAttribute("data-source", "PATTERN");
    await expect(answer.rows).toHaveCount(CORRECTED_ROWS);
    await expect(page.getByTestId("turn")).toHaveCount(1);
  });
});
