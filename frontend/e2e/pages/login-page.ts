import { expect, type Locator, type Page } from "@playwright/test";

/** The sign-in form at /login/ (outside the workspace shell). */
export class LoginPage {
  constructor(readonly page: Page) {}

  async open(next?: string) {
    await this.page.goto(next ? `/login/?next=${encodeURIComponent(next)}` : "/login/");
    await expect(this.page.getByTestId("login-screen")).toBeVisible();
  }

  /** Found by their accessible labels, as a screen-reader user would. */
  get username(): Locator {
    return this.page.getByLabel("Username", { exact: true });
  }
  get password(): Locator {
    return this.page.getByLabel("Password", { exact: true });
  }
  get submit(): Locator {
    return this.page.getByRole("button", { name: "Sign in" });
  }
  get error(): Locator {
    return this.page.getByTestId("login-error");
  }

  async signIn(username: string, password: string) {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
