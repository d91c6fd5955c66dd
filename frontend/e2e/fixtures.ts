import { test as base, type Page } from "@playwright/test";
import { AdminPage } from "./pages/admin-page";
import { AppShell } from "./pages/app-shell";
import { ChatPage } from "./pages/chat-page";
import { DataSourcesPage } from "./pages/data-sources-page";
import { KnowledgePage } from "./pages/knowledge-page";
import { LoginPage } from "./pages/login-page";
import { ReviewPage } from "./pages/review-page";
import { ApiSession } from "./support/api";
import { runInfo } from "./support/env";
import { storageStatePath, type E2eUser, type UserKey } from "./support/users";

type Fixtures = {
  shell: AppShell;
  chat: ChatPage;
  dataSources: DataSourcesPage;
  review: ReviewPage;
  knowledge: KnowledgePage;
  login: LoginPage;
  admin: AdminPage;
  run: ReturnType<typeof runInfo>;
  /**
   * A page in a separate browser context signed in as another user (closed after the test): one of
   * the run's users (their saved state), or a user the test made itself (signed in now).
   */
  pageAs: (user: UserKey | E2eUser) => Promise<Page>;
};

/**
 * Page objects as fixtures, plus `run`: the data source global-setup registered for this run, and
 * `pageAs`: a second signed-in user in the same test. `page` itself is the administrator's.
 */
export const test = base.extend<Fixtures>({
  shell: async ({ page }, use) => use(new AppShell(page)),
  chat: async ({ page }, use) => use(new ChatPage(page)),
  dataSources: async ({ page }, use) => use(new DataSourcesPage(page)),
  review: async ({ page }, use) => use(new ReviewPage(page)),
  knowledge: async ({ page }, use) => use(new KnowledgePage(page)),
  login: async ({ page }, use) => use(new LoginPage(page)),
  admin: async ({ page }, use) => use(new AdminPage(page)),
  run: async ({}, use) => use(runInfo()),
  pageAs: async ({ browser }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (user) => {
      const context = await browser.newContext({ storageState: await signedInState(user) });
      contexts.push(context);
      return context.newPage();
    });
    for (const c of contexts) await c.close();
  },
});

async function signedInState(user: UserKey | E2eUser) {
  if (typeof user === "string") return storageStatePath(user);
  const session = await ApiSession.signIn(user);
  try {
    return await session.ctx.storageState();
  } finally {
    await session.dispose();
  }
}

export { expect } from "@playwright/test";
