import { test as base } from "@playwright/test";
import { AppShell } from "./pages/app-shell";
import { ChatPage } from "./pages/chat-page";
import { DataSourcesPage } from "./pages/data-sources-page";
import { KnowledgePage } from "./pages/knowledge-page";
import { ReviewPage } from "./pages/review-page";
import { runInfo } from "./support/env";

type Fixtures = {
  shell: AppShell;
  chat: ChatPage;
  dataSources: DataSourcesPage;
  review: ReviewPage;
  knowledge: KnowledgePage;
  run: ReturnType<typeof runInfo>;
};

/** Page objects as fixtures, plus `run`: the data source global-setup registered for this run. */
export const test = base.extend<Fixtures>({
  shell: async ({ page }, use) => use(new AppShell(page)),
  chat: async ({ page }, use) => use(new ChatPage(page)),
  dataSources: async ({ page }, use) => use(new DataSourcesPage(page)),
  review: async ({ page }, use) => use(new ReviewPage(page)),
  knowledge: async ({ page }, use) => use(new KnowledgePage(page)),
  run: async ({}, use) => use(runInfo()),
});

export { expect } from "@playwright/test";
