import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, test } from "../fixtures";
import { api, idOf } from "../support/api";
import { CORRECTED_SQL, LEARN_QUESTION, TREND_QUESTION } from "../support/env";

const OUT = resolve(process.env.SCREENSHOTS_DIR ?? join(__dirname, "..", "..", "..", "docs", "screenshots"));

interface TurnJson {
  id: unknown;
  state: string;
  plan?: unknown;
}

/**
 * Stages a realistic workspace through the REST API (a chat with a plan, an answered chat, a
 * queued thumbs-down, a pattern, a glossary term), then photographs every main screen.
 */
test("screenshots of the main screens", async ({ page, run }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });
  const shot = (name: string) => page.screenshot({ path: join(OUT, name), fullPage: false });

  const ds = run.dataSourceId;
  const planChat = await api<{ id: unknown }>("/api/chats", { method: "POST", body: { title: "Revenue trend", dataSourceId: ds } });
  await api<TurnJson>(`/api/chats/${idOf(planChat.id)}/messages`, { method: "POST", body: { question: TREND_QUESTION } });

  const answerChat = await api<{ id: unknown }>("/api/chats", { method: "POST", body: { title: "Orders by status", dataSourceId: ds } });
  const asked = await api<TurnJson>(`/api/chats/${idOf(answerChat.id)}/messages`, {
    method: "POST",
    body: { question: LEARN_QUESTION },
  });
  const turnId = idOf(asked.id);
  if (asked.state === "AWAITING_CONFIRMATION") await api(`/api/turns/${turnId}/confirm`, { method: "POST", body: {} });
  await api(`/api/turns/${turnId}/feedback`, {
    method: "POST",
    body: { rating: "DOWN", reason: "Cancelled orders should not count", correctedSql: CORRECTED_SQL },
  }).catch(() => undefined);
  await api("/api/knowledge/patterns", {
    method: "POST",
    body: { dataSourceId: ds, question: "How many customers are there per country?", sql: "SELECT country, COUNT(*) AS customers FROM customers GROUP BY country" },
  }).catch(() => undefined);
  await api("/api/knowledge/glossary", {
    method: "POST",
    body: { dataSourceId: ds, term: "revenue", definition: "Sum of orders.amount for orders that were not cancelled" },
  }).catch(() => undefined);

  await page.goto(`/chat/?id=${encodeURIComponent(idOf(planChat.id))}`);
  await expect(page.getByTestId("plan-card")).toBeVisible({ timeout: 60_000 });
  await shot("chat-plan.png");

  await page.goto(`/chat/?id=${encodeURIComponent(idOf(answerChat.id))}`);
  await expect(page.getByTestId("answer")).toBeVisible({ timeout: 60_000 });
  // Show the answer from its top (badges, SQL, back-translation) rather than the end of the list.
  await page.waitForTimeout(800);
  await page.getByTestId("answer").evaluate((el) => el.scrollIntoView({ block: "start" }));
  await shot("chat-answer.png");

  await page.goto("/chat/");
  await expect(page.getByTestId("new-chat-view")).toBeVisible();
  await shot("chat-new.png");

  await page.goto(`/data-sources/?id=${encodeURIComponent(ds)}`);
  await expect(page.getByTestId("schema-browser")).toBeVisible({ timeout: 30_000 });
  await page.locator('[data-testid="schema-table"][data-table="orders"] button').first().click();
  await shot("data-sources.png");

  await page.goto("/review/");
  await page.getByTestId("reviewer-name").fill("Ada");
  await page.getByTestId("review-status").selectOption("PENDING");
  await expect(page.getByTestId("review-item").first().or(page.getByTestId("review-empty"))).toBeVisible();
  await shot("review-queue.png");

  await page.goto("/knowledge/");
  await page.getByTestId("kb-datasource").selectOption(ds);
  await page.getByTestId("tab-patterns").click();
  await expect(page.getByTestId("patterns-panel")).toBeVisible();
  await shot("knowledge-patterns.png");
  await page.getByTestId("tab-glossary").click();
  await shot("knowledge-glossary.png");
  await page.getByTestId("tab-retrieval").click();
  await page.getByTestId("retrieval-question").fill("What is the revenue per customer country?");
  await page.getByTestId("retrieval-question").press("Enter");
  await expect(page.getByTestId("retrieval-result")).toBeVisible({ timeout: 30_000 });
  await shot("knowledge-retrieval.png");

  await page.goto("/settings/");
  await expect(page.getByTestId("llm-status")).toBeVisible();
  await shot("settings.png");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/chat/?id=${encodeURIComponent(idOf(answerChat.id))}`);
  await expect(page.getByTestId("answer")).toBeVisible({ timeout: 60_000 });
  await shot("phone-chat.png");
  await page.getByTestId("open-sidebar").click();
  await expect(page.getByTestId("sidebar-sheet")).toBeVisible();
  await shot("phone-menu.png");
});
