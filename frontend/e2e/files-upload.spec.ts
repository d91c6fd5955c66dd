import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "./fixtures";

const FIXTURES = resolve(__dirname, "fixtures");
const CUSTOMERS = join(FIXTURES, "customers.csv");
/** One sheet "Orders": order id, customer id, amount (written with Apache POI). */
const ORDERS = join(FIXTURES, "orders.xlsx");

/** Per customer: the sum of their orders in orders.xlsx. */
const TOTALS: Record<string, number> = { "Ada Lovelace": 200.5, "Alan Turing": 42.25, "Grace Hopper": 315.75 };

test("upload a CSV and an Excel file, adjust a type, ask a question joining them, re-upload a version", async ({
  chat,
  dataSources,
  run,
}) => {
  const name = `e2e-files-${run.runId}`;
  await dataSources.open();
  await dataSources.addFiles(name);

  // One file through the picker, the workbook dropped on the drop zone.
  await dataSources.pickFiles(CUSTOMERS);
  await dataSources.dropFiles(ORDERS);
  // Each upload re-syncs the schema and infers join keys before it answers; on a busy machine that
  // takes longer than the default wait.
  await expect(dataSources.fileTable("customers")).toContainText("customers.csv", { timeout: 60_000 });
  await expect(dataSources.fileTable("orders")).toContainText("sheet Orders", { timeout: 60_000 });
  await expect(dataSources.columnType("orders", "amount")).toHaveValue("DOUBLE");
  await expect(dataSources.columnType("customers", "customer_id")).toHaveValue("BIGINT");

  // The inferred type adjusted: a cast that works, then one that cannot and is refused.
  await dataSources.columnType("orders", "amount").selectOption("DECIMAL(18,2)");
  await expect(dataSources.columnType("orders", "amount")).toHaveValue("DECIMAL(18,2)", { timeout: 30_000 });
  await dataSources.columnType("customers", "name").selectOption("DATE");
  await expect(dataSources.page.getByTestId("toast").filter({ hasText: "Type not changed" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(dataSources.columnType("customers", "name")).toHaveValue("VARCHAR");

  // A question the offline generator answers by joining the two files (the join key is inferred).
  await chat.startChat(name, "What is the total amount of orders per customer name?");
  const turn = await chat.waitForPlanOrAnswer();
  if ((await turn.state()) === "AWAITING_CONFIRMATION") await turn.plan.confirm();
  const answer = await chat.waitForAnswer(turn);
  await expect(answer.sql).toContainText(/join/i);
  await expect(answer.rows).toHaveCount(3);
  const got: Record<string, number> = {};
  for (const row of await answer.rows.all()) {
    const cells = await row.locator("td").allTextContents();
    const label = cells.find((c) => c in TOTALS);
    const value = cells.map((c) => Number(c.replace(/[^\d.-]/g, ""))).find((n, i) => cells[i] !== label && !Number.isNaN(n));
    if (label && value != null) got[label] = value;
  }
  expect(got).toEqual(TOTALS);

  // Re-upload under the same name: a new version with its drift.
  await dataSources.open();
  await dataSources.page.getByTestId("datasource-item").filter({ hasText: name }).click();
  const dir = join(tmpdir(), `customers-${run.runId}`);
  mkdirSync(dir, { recursive: true });
  const v2 = join(dir, "customers.csv");
  writeFileSync(v2, "Customer ID,Name,Country,Segment\n1,Ada Lovelace,UK,gold\n2,Alan Turing,UK,silver\n3,Grace Hopper,US,gold\n");
  await dataSources.pickFiles(v2);
  await expect(dataSources.fileTable("customers").getByTestId("file-version")).toHaveText("v2");
  await expect(dataSources.page.getByTestId("toast").filter({ hasText: "+1 column" })).toBeVisible();
});
