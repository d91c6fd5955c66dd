import { expect, test } from "./fixtures";

test("add a SQLite data source and browse its schema", async ({ dataSources, page, run }) => {
  const name = `e2e-sqlite-ui-${run.runId}`;
  await dataSources.open();
  await dataSources.addSqlite(name, run.sqlitePath);

  const result = await dataSources.testConnection();
  await expect(result).toHaveAttribute("data-ok", "true");

  await expect(dataSources.table("orders")).toBeVisible();
  await expect(dataSources.table("customers")).toBeVisible();

  await dataSources.expandTable("orders");
  await expect(dataSources.column("orders", "order_date").getByTestId("column-type")).toHaveText(/date/i);
  await expect(dataSources.column("orders", "id").getByTestId("pk-badge")).toBeVisible();
  await expect(dataSources.column("orders", "customer_id").getByTestId("fk-badge")).toContainText("customers");
  await expect(dataSources.column("orders", "status").getByTestId("sample-values")).toContainText("delivered");

  await dataSources.resync();
  await expect(dataSources.table("orders")).toBeVisible();

  // Credentials and settings never leak into the page as secret values; the list shows the new source.
  await expect(page.getByTestId("datasource-item").filter({ hasText: name })).toBeVisible();
});
