import { readFileSync } from "node:fs";
import { basename } from "node:path";
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

  /** Adds a data source of type `files` with no folder: its tables come from uploads. */
  async addFiles(name: string) {
    await this.page.getByTestId("add-datasource").click();
    await expect(this.page.getByTestId("datasource-form")).toBeVisible();
    await this.page.getByTestId("ds-type").selectOption("files");
    await this.page.getByTestId("ds-name").fill(name);
    await this.page.getByTestId("ds-save").click();
    await expect(this.page.getByTestId("datasource-detail")).toBeVisible();
    await expect(this.page.getByTestId("datasource-name")).toHaveText(name);
    await expect(this.page.getByTestId("files-panel")).toBeVisible();
  }

  /** Uploads through the file picker. */
  async pickFiles(...paths: string[]) {
    await this.page.getByTestId("files-input").setInputFiles(paths);
    await this.uploaded();
  }

  /** Uploads by dropping the files on the drop zone, as a person drags them from their desktop. */
  async dropFiles(...paths: string[]) {
    const files = paths.map((p) => ({ name: basename(p), base64: readFileSync(p).toString("base64") }));
    const transfer = await this.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name));
      }
      return dt;
    }, files);
    await this.page.getByTestId("files-dropzone").dispatchEvent("drop", { dataTransfer: transfer });
    await this.uploaded();
  }

  private async uploaded() {
    const toast = this.page.getByTestId("toast").filter({ hasText: /Files loaded|Upload refused/ }).last();
    await expect(toast).toBeVisible({ timeout: 60_000 });
    await expect(toast).toContainText("Files loaded");
  }

  fileTable(name: string) {
    return this.page.locator(`[data-testid="file-table"][data-table="${name}"]`);
  }

  columnType(table: string, column: string) {
    return this.fileTable(table).locator(`[data-testid="file-column"][data-column="${column}"]`).getByTestId("column-type-select");
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
