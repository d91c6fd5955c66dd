import type { WebSocketRoute } from "@playwright/test";
import { expect, test } from "./fixtures";
import { api } from "./support/api";
import { LEARN_QUESTION } from "./support/env";

/**
 * A dropped connection loses nothing: while the link is "down" the server's frames are swallowed,
 * then the page's socket is closed; the client reconnects and resumes from the last seq it saw,
 * and the server replays what was missed.
 */
test("no event is lost when the WebSocket drops mid-answer", async ({ chat, page, run }) => {
  let current: WebSocketRoute | null = null;
  let linkDown = false;
  let connections = 0;
  await page.routeWebSocket(/\/ws\/chat$/, (ws) => {
    connections += 1;
    current = ws;
    const server = ws.connectToServer();
    server.onMessage((frame) => {
      if (!linkDown) ws.send(frame);
    });
  });

  await chat.startChat(run.dataSourceName, LEARN_QUESTION);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "open");
  const turn = await chat.waitForPlanOrAnswer();
  test.skip((await turn.state()) !== "AWAITING_CONFIRMATION", "the backend answered without a plan step");
  const turnId = (await turn.root.getAttribute("data-turn-id"))!;

  // Only the socket may deliver the answer: the UI's REST safety net (re-reading a turn that stays
  // busy) is blocked for the rest of the test.
  await page.route(/\/api\/turns\/[^/?]+(\?.*)?$/, (route) =>
    route.request().method() === "GET" ? route.abort() : route.continue(),
  );
  linkDown = true;
  await turn.plan.confirm();
  await expect
    .poll(async () => (await api<{ state: string }>(`/api/turns/${encodeURIComponent(turnId)}`)).state, { timeout: 60_000 })
    .toMatch(/ANSWERED|FAILED/);
  await expect(turn.root, "the answer's frames were swallowed").not.toHaveAttribute("data-state", "ANSWERED");

  linkDown = false;
  await current!.close();
  await expect(turn.root).toHaveAttribute("data-state", "ANSWERED", { timeout: 30_000 });
  await expect(turn.answer.rows.first()).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "open");
  expect(connections).toBeGreaterThanOrEqual(2);
  await expect(chat.turns()).toHaveCount(1);
});
