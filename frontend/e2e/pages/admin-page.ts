import { expect, type Locator, type Page } from "@playwright/test";
import type { Role } from "../support/users";

/** /admin/: users, API keys and the audit log. */
export class AdminPage {
  constructor(readonly page: Page) {}

  async open(tab: "users" | "api-keys" | "audit" = "users") {
    await this.page.goto(`/admin/?tab=${tab}`);
    await expect(this.page.getByTestId("admin-screen")).toBeVisible();
  }

  async showTab(tab: "users" | "api-keys" | "audit") {
    await this.page.getByTestId(`tab-${tab}`).click();
    await expect(this.page).toHaveURL(new RegExp(`tab=${tab}`));
  }

  // Users

  userRow(username: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  }

  async createUser(u: { username: string; password: string; role: Role; displayName?: string; attributes?: Record<string, string> }) {
    await this.page.getByTestId("new-user").click();
    const form = this.page.getByTestId("create-user-form");
    await form.getByLabel("Username", { exact: true }).fill(u.username);
    if (u.displayName) await form.getByLabel("Display name (optional)").fill(u.displayName);
    await form.getByLabel("Password", { exact: true }).fill(u.password);
    await form.getByLabel("Role", { exact: true }).selectOption(u.role);
    for (const [i, [k, v]] of Object.entries(u.attributes ?? {}).entries()) {
      await form.getByTestId("add-attribute").click();
      await form.getByTestId(`attribute-key-${i}`).fill(k);
      await form.getByTestId(`attribute-value-${i}`).fill(v);
    }
    await form.getByTestId("create-user").click();
    await expect(form).toHaveCount(0);
    await expect(this.userRow(u.username)).toBeVisible();
  }

  async setRole(username: string, role: Role) {
    const select = this.userRow(username).getByTestId("user-role");
    await select.selectOption(role);
    await expect(this.page.getByTestId("toast").filter({ hasText: `${username} is now` })).toBeVisible();
    await expect(select).toHaveValue(role);
  }

  async toggleDisabled(username: string) {
    await this.userRow(username).getByTestId("user-toggle-disabled").click();
  }

  async resetPassword(username: string, password: string) {
    await this.userRow(username).getByTestId("user-reset-password").click();
    const dialog = this.page.getByTestId("reset-password-dialog");
    await dialog.getByLabel("New password", { exact: true }).fill(password);
    await dialog.getByTestId("reset-password-save").click();
    await expect(dialog).toHaveCount(0);
  }

  // API keys

  keyRow(name: string, table: "own-keys" | "all-keys" = "own-keys"): Locator {
    return this.page.getByTestId(table).locator(`[data-testid="api-key-row"][data-name="${name}"]`);
  }

  /** Creates a key and returns its secret, read from the one-time display. */
  async createKey(name: string, opts: { role?: Role; expiry?: string } = {}): Promise<string> {
    await this.page.getByLabel("Name", { exact: true }).fill(name);
    if (opts.role) await this.page.getByTestId("api-key-role").selectOption(opts.role);
    if (opts.expiry !== undefined) await this.page.getByTestId("api-key-expiry").selectOption({ label: opts.expiry });
    await this.page.getByTestId("create-api-key").click();
    const secret = this.page.getByTestId("api-key-secret");
    await expect(secret).toBeVisible();
    return secret.inputValue();
  }

  async revokeKey(name: string, table: "own-keys" | "all-keys" = "own-keys") {
    this.page.once("dialog", (d) => void d.accept());
    await this.keyRow(name, table).getByTestId("revoke-api-key").click();
    await expect(this.keyRow(name, table)).toHaveAttribute("data-status", "revoked");
  }

  // Audit

  async filterAudit(f: { actor?: string; action?: string }) {
    if (f.actor !== undefined) await this.page.getByTestId("audit-actor").fill(f.actor);
    if (f.action !== undefined) await this.page.getByTestId("audit-action").fill(f.action);
    await this.page.getByTestId("audit-apply").click();
  }

  auditRows(): Locator {
    return this.page.getByTestId("audit-row");
  }
}
