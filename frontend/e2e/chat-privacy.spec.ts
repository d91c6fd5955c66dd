import { expect, test } from "./fixtures";
import { api, apiResponse, idOf } from "./support/api";
import { storageStatePath } from "./support/users";

/** Chats are private to their owner; sharing makes one readable, never writable, by others. */
test.use({ storageState: storageStatePath("analystA") });

test("analyst-a cannot open analyst-b's chat until it is shared, and then only reads it", async ({ page, chat, pageAs, run }) => {
  const stamp = `${run.runId}-${Date.now()}`;
  const mineTitle = `a-own-${stamp}`;
  const theirsTitle = `b-private-${stamp}`;
  await api("/api/chats", { method: "POST", body: { title: mineTitle, dataSourceId: run.dataSourceId } }, "analystA");
  const theirs = await api<{ id: unknown }>(
    "/api/chats",
    { method: "POST", body: { title: theirsTitle, dataSourceId: run.dataSourceId } },
    "analystB",
  );
  const id = idOf(theirs.id);

  await test.step("the API answers 404 for another user's private chat", async () => {
    expect((await apiResponse(`/api/chats/${encodeURIComponent(id)}`, {}, "analystA")).status).toBe(404);
  });

  await test.step("the direct URL shows a not-found message and the list does not offer it", async () => {
    await chat.open(id);
    const error = page.getByTestId("error-state");
    await expect(error).toContainText("This chat does not exist or is not shared with you");
    await expect(error).toContainText("NOT_FOUND");
    await expect(page.getByTestId("chat-view")).toHaveCount(0);
    // The list has loaded (analyst-a's own chat is there) and holds nothing of analyst-b's.
    await expect(chat.conversationItems().filter({ hasText: mineTitle })).toHaveCount(1);
    await expect(chat.conversationItems().filter({ hasText: theirsTitle })).toHaveCount(0);
  });

  await test.step("analyst-b shares it with the Share toggle", async () => {
    const bPage = await pageAs("analystB");
    await bPage.goto(`/chat/?id=${encodeURIComponent(id)}`);
    const toggle = bPage.getByTestId("share-toggle");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
  });

  await test.step("now analyst-a can read it but not ask, confirm or share", async () => {
    await chat.open(id);
    await expect(page.getByTestId("chat-title")).toHaveText(theirsTitle);
    await expect(page.getByTestId("chat-owner")).toContainText("analyst-b");
    await expect(page.getByTestId("read-only-note")).toBeVisible();
    await expect(chat.input).toHaveCount(0);
    await expect(page.getByTestId("share-toggle")).toHaveCount(0);
    const ask = await apiResponse(
      `/api/chats/${encodeURIComponent(id)}/messages`,
      { method: "POST", body: { question: "How many orders are there?" } },
      "analystA",
    );
    expect(ask.status, "a shared chat is not writable by others").toBeGreaterThanOrEqual(400);
  });
});
