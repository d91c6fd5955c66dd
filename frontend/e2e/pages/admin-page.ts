import { expect, type Locator, type Page } from "@playwright/test";
import type { Role } from "../support/users";

type Tab = "users" | "projects" | "api-keys" | "audit";

/** /admin/: users, projects, API keys and the audit log. */
export class AdminPage {
  constructor(readonly page: Page) {}

  async open(tab: Tab = "users") {
    await this.page.goto(`/admin/?tab=${tab}`);
    await expect(this.page.getByTestId("admin-screen")).toBeVisible();
  }

  async showTab(tab: Tab) {
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

  // Projects

  projectItem(name: string): Locator {
    return this.page.locator(`[data-testid="project-item"][data-name="${name}"]`);
  }

  /** Types a name and submits; does not wait for the outcome (see createProject). */
  async submitProjectName(name: string) {
    await this.page.getByTestId("create-project-form").getByLabel("New project", { exact: true }).fill(name);
    await this.page.getByTestId("create-project").click();
  }

  /** Creates a project; it appears in the list, selected. Returns its id. */
  async createProject(name: string): Promise<string> {
    await this.submitProjectName(name);
    await expect(this.page.getByTestId("toast").filter({ hasText: `Project ${name} created` })).toBeVisible();
    const item = this.projectItem(name);
    await expect(item).toHaveAttribute("aria-pressed", "true");
    return (await item.getAttribute("data-project-id")) ?? "";
  }

  async selectProject(name: string) {
    await this.projectItem(name).click();
    await expect(this.page.getByTestId("project-members")).toHaveAttribute("data-name", name);
  }

  /** A member row of the selected project. */
  memberRow(username: string): Locator {
    return this.page.getByTestId("project-members").locator(`[data-testid="member-row"][data-username="${username}"]`);
  }

  async addMember(username: string, role: Role) {
    const form = this.page.getByTestId("add-member-form");
    await form.getByTestId("add-member-user").selectOption({ label: username });
    await form.getByTestId("add-member-role").selectOption(role);
    await form.getByTestId("add-member").click();
    await expect(this.memberRow(username)).toHaveAttribute("data-role", role);
  }

  async setMemberRole(username: string, role: Role) {
    await this.memberRow(username).getByTestId("member-role").selectOption(role);
    await expect(this.memberRow(username)).toHaveAttribute("data-role", role);
  }

  async removeMember(username: string) {
    await this.memberRow(username).getByTestId("remove-member").click();
    await expect(this.memberRow(username)).toHaveCount(0);
  }

  dataSourceRow(name: string): Locator {
    return this.page.locator(`[data-testid="datasource-project-row"][data-name="${name}"]`);
  }

  async moveDataSource(dataSourceName: string, projectName: string) {
    const row = this.dataSourceRow(dataSourceName);
    await row.getByTestId("move-datasource-project").selectOption({ label: projectName });
    await row.getByTestId("move-datasource").click();
    await expect(row.getByTestId("datasource-moved-to")).toHaveText(`now in ${projectName}`);
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
