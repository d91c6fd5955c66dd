import { expect, test } from "./fixtures";
import { api, apiResponse, idOf } from "./support/api";
import { TREND_QUESTION } from "./support/env";
import { storageStatePath } from "./support/users";

interface TurnJson {
  id: unknown;
  state: string;
}

test.describe("a viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("reads a shared chat's plan but has no confirm button, and the API refuses the confirm", async ({ page, chat, run }) => {
    // analyst-a asks; the plan waits for confirmation; the chat is shared.
    const title = `viewer-reads-${run.runId}-${Date.now()}`;
    const c = await api<{ id: unknown }>("/api/chats", { method: "POST", body: { title, dataSourceId: run.dataSourceId } }, "analystA");
    const chatId = idOf(c.id);
    const asked = await api<TurnJson>(
      `/api/chats/${encodeURIComponent(chatId)}/messages`,
      { method: "POST", body: { question: TREND_QUESTION } },
      "analystA",
    );
    const turnId = idOf(asked.id);
    await expect
      .poll(async () => (await api<TurnJson>(`/api/turns/${encodeURIComponent(turnId)}`, {}, "analystA")).state, { timeout: 60_000 })
      .toBe("AWAITING_CONFIRMATION");
    await api(`/api/chats/${encodeURIComponent(chatId)}/sharing`, { method: "PUT", body: { shared: true } }, "analystA");

    await chat.open(chatId);
    const turn = chat.lastTurn();
    await expect(turn.root).toHaveAttribute("data-state", "AWAITING_CONFIRMATION");
    await expect(turn.plan.summary).not.toBeEmpty();
    await expect(turn.plan.root.getByTestId("confirm-plan")).toHaveCount(0);
    await expect(turn.plan.root.getByTestId("reject-plan")).toHaveCount(0);
    await expect(turn.plan.root.getByTestId("add-filter")).toHaveCount(0);
    await expect(chat.input).toHaveCount(0);
    await expect(page.getByTestId("read-only-note")).toContainText("Viewer");

    const refused = await apiResponse(`/api/turns/${encodeURIComponent(turnId)}/confirm`, { method: "POST", body: {} }, "viewer");
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("FORBIDDEN");
    expect((await api<TurnJson>(`/api/turns/${encodeURIComponent(turnId)}`, {}, "analystA")).state, "nothing ran").toBe(
      "AWAITING_CONFIRMATION",
    );
  });

  test("has no composer, no new-chat button and no admin or review entries", async ({ page, shell }) => {
    await page.goto("/chat/");
    await expect(shell.currentRole).toHaveAttribute("data-role", "VIEWER");
    await expect(page.getByTestId("read-only-note")).toBeVisible();
    await expect(page.getByTestId("question-input")).toHaveCount(0);
    await expect(page.getByTestId("new-chat")).toHaveCount(0);
    await expect(shell.nav("admin")).toHaveCount(0);
    await expect(shell.nav("review")).toHaveCount(0);
    expect((await apiResponse("/api/chats", { method: "POST", body: { title: "nope" } }, "viewer")).status).toBe(403);
  });
});

test.describe("an analyst", () => {
  test.use({ storageState: storageStatePath("analystA") });

  test("cannot change settings or data sources, and the admin screen offers only their API keys", async ({ page, shell }) => {
    await page.goto("/settings/");
    await expect(page.getByTestId("settings-read-only")).toBeVisible();
    await expect(page.getByTestId("settings-save")).toHaveCount(0);
    await page.goto("/data-sources/");
    await expect(page.getByTestId("datasources-screen")).toBeVisible();
    await expect(page.getByTestId("add-datasource")).toHaveCount(0);
    await expect(shell.nav("admin")).toHaveCount(0);

    await page.goto("/admin/?tab=users");
    await expect(page.getByTestId("admin-forbidden")).toBeVisible();
    await expect(page.getByTestId("tab-users")).toHaveCount(0);
    await expect(page.getByTestId("tab-audit")).toHaveCount(0);
    await expect(page.getByTestId("api-keys-panel")).toBeVisible();
    expect((await apiResponse("/api/admin/users", {}, "analystA")).status).toBe(403);
  });
});
