import { expect, test } from "./fixtures";

test.describe("phone width", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the sidebar collapses into a menu", async ({ page, shell }) => {
    await page.goto("/chat/");
    await expect(page.getByTestId("sidebar")).toBeHidden();
    await expect(page.getByTestId("question-input").or(page.getByTestId("no-datasources"))).toBeVisible();
    await shell.goTo("review");
    await expect(page.getByTestId("review-screen")).toBeVisible();
    await shell.goTo("settings");
    await expect(page.getByTestId("llm-status")).toBeVisible();
  });
});

test("every screen loads and is reachable from the sidebar", async ({ page, shell }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/chat\//);
  for (const screen of ["data-sources", "review", "knowledge", "settings", "admin", "chat"] as const) {
    await shell.goTo(screen);
    await expect(page.getByTestId("error-state")).toHaveCount(0);
  }
});

test("keyboard: Enter sends, Esc clears the question", async ({ page, run }) => {
  await page.goto("/chat/");
  const input = page.getByTestId("question-input");
  await input.fill("draft");
  await input.press("Escape");
  await expect(input).toHaveValue("");
  await expect(page.getByTestId("chat-datasource-select")).toContainText(run.dataSourceName);
});
