import { expect, test } from "./fixtures";
import { SIGNED_OUT, USERS } from "./support/users";

/** Signing in and out through the UI, starting from a browser with no session. */
test.describe("signing in", () => {
  test.use({ storageState: SIGNED_OUT });

  test("a signed-out visitor is sent to the login page and comes back after signing in", async ({ page, login, shell }) => {
    await page.goto("/settings/");
    await expect(page).toHaveURL(/\/login\/\?next=%2Fsettings%2F$/);
    await expect(login.username).toBeVisible();

    await login.signIn(USERS.admin.username, USERS.admin.password);
    await expect(page).toHaveURL(/\/settings\/$/);
    await expect(page.getByTestId("settings-screen")).toBeVisible();
    await expect(shell.currentUser).toHaveAttribute("data-username", USERS.admin.username);
    await expect(shell.currentRole).toHaveAttribute("data-role", "ADMIN");
    await expect(shell.nav("admin")).toBeVisible();

    await shell.signOut();
    // The session is gone: any screen leads back to the login page.
    await page.goto("/chat/");
    await expect(page).toHaveURL(/\/login\/\?next=%2Fchat%2F$/);
  });

  test("a wrong password shows an error and stays on the login page", async ({ page, login }) => {
    await login.open("/chat/");
    await login.signIn(USERS.analystA.username, "certainly-not-the-password");
    await expect(login.error).toHaveText("Wrong username or password.");
    await expect(login.error).toHaveAttribute("role", "alert");
    await expect(login.password).toHaveValue("");
    await expect(page).toHaveURL(/\/login\/\?next=%2Fchat%2F$/);
    await expect(page.getByTestId("sidebar")).toHaveCount(0);
  });

  test("an analyst signs in and sees their role, without the admin and review entries", async ({ page, login, shell }) => {
    await login.open();
    await login.signIn(USERS.analystA.username, USERS.analystA.password);
    await expect(page).toHaveURL(/\/chat\/$/);
    await expect(shell.currentUser).toHaveAttribute("data-username", USERS.analystA.username);
    await expect(shell.currentRole).toHaveAttribute("data-role", "ANALYST");
    await expect(page.getByTestId("question-input")).toBeVisible();
    await expect(shell.nav("admin")).toHaveCount(0);
    await expect(shell.nav("review")).toHaveCount(0);
  });
});
