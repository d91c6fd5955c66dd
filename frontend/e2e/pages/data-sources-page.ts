import { expect, type Page } from "@playwright/test";
import { sqliteFieldValue } from "../support/api";

/** Data sources: list, add form, detail with test/re-sync and the schema browser. */
export class DataSourcesPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/data-sources/");
    await expect(this.page.getByTestId("datasources-screen")).toBeVisible();
  }

  /** Fills the add form for a SQLite file, using the fields the connector declares. */
  async addSqlite(name: string, path: string) {
    await this.page.getByTestId("add-datasource").click();
    const form = this.page.getByTestId("datasource-form");
    await expect(form).toBeVisible();
    const type = this.page.getByTestId("ds-type");
    const value = await type.evaluate(
      (el) => [...(el as HTMLSelectElement).options].find((o) => /sqlite/i.test(o.text))?.value ?? null,
    );
    if (!value) throw new Error("No SQLite connector offered");
    await type.selectOption(value);
    await this.page.getByTestId("ds-name").fill(name);
    for (const input of await form.locator("[data-field-key]").all()) {
      const key = (await input.getAttribute("data-field-key")) ?? "";
      const secret = (await input.getAttribute("type")) === "password";
      const v = sqliteFieldValue({ key, secret, defaultValue: (await input.inputValue()) || null }, path);
      if (v != null) await input.fill(v);
    }
    await this.page.getByTestId("ds-save").click();
    await expect(this.page.getByTestId("datasource-detail")).toBeVisible();
    await expect(this.page.getByTestId("datasource-name")).toHaveText(name);
  }

  async testConnection() {
    await this.page.getByTestId("ds-test").click();
    const result = this.page.getByTestId("ds-test-result");
    await expect(result).toBeVisible({ timeout: 30_000 });
    return result;
  }

  async resync() {
    await this.page.getByTestId("ds-sync").click();
    await expect(this.page.getByTestId("toast").filter({ hasText: "Schema re-read" })).toBeVisible({ timeout: 30_000 });
  }

  table(name: string) {
    return this.page.locator(`[data-testid="schema-table"][data-table="${name}"]`);
  }

  async expandTable(name: string) {
    const t = this.table(name);
    await t.getByRole("button").first().click();
    await expect(t.getByTestId("schema-column").first()).toBeVisible();
    return t;
  }

  column(table: string, column: string) {
    return this.table(table).locator(`[data-testid="schema-column"][data-column="${column}"]`);
  }
}
