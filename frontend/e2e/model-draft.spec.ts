import { request } from "@playwright/test";
import modelAnswers from "./fixtures/model-answers.json";
import { expect, test } from "./fixtures";
import { MODEL_BASE_URL, STAND_IN_URL } from "./support/env";

/**
 * A model-drafted turn in the browser, against the backend scripts/e2e.sh starts with a model whose
 * base URL is the test-only stand-in (e2e/support/stand-in-model.mjs): the model is replaced only at
 * the wire, so prompt, streaming, SQL extraction, validation, the plan read from the SQL, the edit
 * through the SQL's syntax tree and the run are the product's own.
 *
 * The question is about the demo warehouse (the backend's default data source) and needs a computed
 * measure (quantity × unit price), which the offline rules cannot write: the plan comes from the
 * model's SQL (one join chain, a filter, an aggregate, a grouping).
 */
const QUESTION = "What is the line revenue, quantity times unit price, of each city for customers in Germany?";
/** A question the stand-in has no SQL for: it replies as a model that cannot answer does. */
const UNKNOWN_QUESTION = "What share of line revenue, quantity times unit price, comes from each customer segment?";
const DEMO_WAREHOUSE = "Demo warehouse";
const answers: Record<string, string> = modelAnswers.answers;

interface StandInCall {
  question: string | null;
  stream: boolean;
}

async function standInCalls(question: string): Promise<StandInCall[]> {
  const ctx = await request.newContext({ baseURL: STAND_IN_URL ?? undefined });
  try {
    const res = await ctx.get("/calls");
    expect(res.ok(), `GET ${STAND_IN_URL}/calls`).toBe(true);
    return ((await res.json()) as StandInCall[]).filter((c) => c.question === question);
  } finally {
    await ctx.dispose();
  }
}

test.describe("a model-drafted turn", () => {
  test.skip(!MODEL_BASE_URL || !STAND_IN_URL, "needs the model backend and its stand-in (scripts/e2e.sh starts both)");

  test("model question → plan card from the SQL → edit a filter → SQL rewritten → confirm → rows of the edit", async ({
    chat,
  }) => {
    expect(answers[QUESTION], "the stand-in knows the question").toContain("c.country = 'Germany'");
    const callsBefore = await standInCalls(QUESTION);

    await chat.startChat(DEMO_WAREHOUSE, QUESTION);
    const turn = await chat.waitForPlanOrAnswer();
    await expect(turn.root, "a model draft is proposed, not run").toHaveAttribute("data-state", "AWAITING_CONFIRMATION");
    const plan = turn.plan;
    await expect(plan.root.getByTestId("source-badge"), "the plan is the model's").toHaveAttribute("data-source", "LLM");

    // The card shows the model's SQL and the plan read from it.
    const draftSql = plan.root.getByTestId("plan-draft-sql");
    await expect(draftSql).toContainText("c.country = 'Germany'");
    await expect(draftSql).toContainText("SUM(oi.quantity * oi.unit_price)");
    const tables = plan.root.getByTestId("plan-tables");
    for (const t of ["order_items", "orders", "customers"]) await expect(tables).toContainText(t);
    await expect(plan.root.getByTestId("plan-joins").locator("li")).toHaveCount(2);
    await expect(plan.root.getByTestId("plan-measures")).toContainText(
      /SUM\((ecommerce\.)?order_items\.quantity \* (ecommerce\.)?order_items\.unit_price\)/i,
    );
    await expect(plan.root.getByTestId("plan-group-by")).toContainText("city");
    await expect(plan.filter(0)).toBeVisible();
    await expect(plan.root.getByTestId("filter-column-0").locator("option:checked")).toContainText("country");
    await expect(plan.root.getByTestId("filter-op-0")).toHaveValue("EQ");
    await expect(plan.root.getByTestId("filter-value-0-0")).toHaveValue("Germany");
    const checks = turn.root.getByTestId("checks-before-confirm");
    await expect(checks, "the draft's checks show before Confirm").toBeVisible();
    await expect(checks).toContainText("Germany");
    await expect(turn.root.getByTestId("answer"), "nothing is executed before Confirm").toHaveCount(0);

    // Edit the filter's value: the server rewrites the model's SQL through its syntax tree.
    await plan.root.getByTestId("filter-value-0-0").fill("France");
    await expect(plan.dirtyBadge).toBeVisible();
    await plan.saveEdit();
    await expect(plan.dirtyBadge).toHaveCount(0, { timeout: 30_000 });
    await expect(plan.root.getByTestId("source-badge")).toHaveAttribute("data-source", "LLM");
    await expect(plan.root.getByTestId("filter-value-0-0")).toHaveValue("France");
    await expect(draftSql).toContainText(/country\s*=\s*'France'/);
    await expect(draftSql).not.toContainText("Germany");
    await expect(draftSql, "the rest of the model's SQL is kept").toContainText("SUM(oi.quantity * oi.unit_price)");
    await expect(checks, "the checks are of the rewritten SQL").toContainText("France");
    await expect(checks).not.toContainText("Germany");

    await plan.confirm();
    const answer = await chat.waitForAnswer(turn);
    await expect(answer.source).toHaveAttribute("data-source", "LLM");
    await expect(answer.sql).toContainText(/country\s*=\s*'France'/);
    // French cities only: Paris and Lyon are the demo's French customers' cities, Berlin and Munich the German.
    await expect(answer.rows).toHaveCount(2);
    await expect(answer.table).toContainText("Paris");
    await expect(answer.table).toContainText("Lyon");
    await expect(answer.table).not.toContainText("Berlin");
    await expect(answer.table).not.toContainText("Munich");

    // The model was asked once, streaming, when the question was asked: the edit and Confirm ran its SQL.
    expect(await standInCalls(QUESTION)).toEqual([...callsBefore, { question: QUESTION, stream: true }]);
  });

  test("a model reply without SQL fails the turn, retryably, and runs nothing", async ({ chat }) => {
    expect(answers[UNKNOWN_QUESTION], "the stand-in has no SQL for it").toBeUndefined();
    const callsBefore = await standInCalls(UNKNOWN_QUESTION);

    await chat.startChat(DEMO_WAREHOUSE, UNKNOWN_QUESTION);
    const turn = chat.lastTurn();
    await expect(turn.root).toHaveAttribute("data-state", "FAILED", { timeout: 60_000 });
    const failed = turn.root.getByTestId("turn-failed");
    await expect(failed).toContainText("The language model answered without any SQL.");
    await expect(failed).toContainText("LLM_BAD_OUTPUT");
    await expect(failed.getByTestId("retry-button"), "a model's bad reply may be asked again").toBeVisible();
    await expect(turn.root.getByTestId("plan-card"), "no plan without SQL").toHaveCount(0);
    await expect(turn.root.getByTestId("answer")).toHaveCount(0);
    expect(await standInCalls(UNKNOWN_QUESTION)).toEqual([...callsBefore, { question: UNKNOWN_QUESTION, stream: true }]);
  });
});
