import { expect, type Locator, type Page } from "@playwright/test";

export type Screen = "chat" | "data-sources" | "review" | "knowledge" | "settings" | "admin";

/** The frame around every screen: sidebar navigation (a sheet on phones), and the signed-in user. */
export class AppShell {
  constructor(readonly page: Page) {}

  /** The signed-in user's name (display name, with the username in `data-username`). */
  get currentUser(): Locator {
    return this.page.getByTestId("current-user");
  }

  get currentRole(): Locator {
    return this.page.getByTestId("current-role");
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId("sign-out").click();
    await expect(this.page).toHaveURL(/\/login\/$/);
  }

  nav(screen: Screen): Locator {
    return this.page.getByTestId(`nav-${screen}`);
  }

  async goTo(screen: Screen): Promise<void> {
    const menu = this.page.getByTestId("open-sidebar");
    if (await menu.isVisible()) {
      await menu.click();
      await this.page.getByTestId("sidebar-sheet").getByTestId(`nav-${screen}`).click();
    } else {
      await this.nav(screen).click();
    }
    await expect(this.page).toHaveURL(new RegExp(`/${screen}/`));
  }

  /** Turns the chat WebSocket off for this browser, so the UI falls back to REST. */
  async useRestOnly(): Promise<void> {
    await this.page.addInitScript(() => window.localStorage.setItem("querent.transport", "rest"));
  }
}
