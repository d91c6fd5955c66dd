import { expect, test } from "./fixtures";
import { KnowledgeRetrievalPage } from "./pages/knowledge-retrieval-page";
import { api, idOf } from "./support/api";

const QUESTION = "How many prescriptions did each doctor write?";

/** The demo warehouse the backend creates on first start: the default data source. */
async function demoWarehouseId(): Promise<string> {
  const settings = await api<{ defaultDataSourceId?: unknown }>("/api/settings");
  if (settings.defaultDataSourceId != null) return idOf(settings.defaultDataSourceId);
  const sources = await api<{ id: unknown; name: string }[]>("/api/datasources");
  const demo = sources.find((s) => /demo/i.test(s.name));
  if (!demo) throw new Error(`No default data source and no demo warehouse (${sources.map((s) => s.name).join(", ")})`);
  return idOf(demo.id);
}

test("the Retrieval tab previews the tables and patterns a prompt would get", async ({ page }) => {
  const retrieval = new KnowledgeRetrievalPage(page);
  await retrieval.open(await demoWarehouseId());
  await expect(retrieval.panel.getByTestId("retrieval-idle")).toBeVisible();

  await retrieval.preview(QUESTION);
  const names = retrieval.tableNames();
  await expect(names).toContainText(["healthcare.prescriptions"]);
  await expect(names).toContainText(["healthcare.doctors"]);
  await expect(names.first()).toHaveText(/^healthcare\./);
  await expect(retrieval.result.getByTestId("retrieval-table").first()).toHaveAttribute("data-rank", "1");
  await expect(retrieval.tokens).toHaveText(/\d.*prompt tokens/);

  // Either nearby verified patterns with a percentage, or the empty state saying there are none.
  await expect(retrieval.patterns.first().or(retrieval.noPatterns)).toBeVisible();
  if ((await retrieval.patterns.count()) > 0) {
    await expect(retrieval.patterns.first().getByTestId("retrieval-pattern-score")).toHaveText(/\d+%/);
  } else {
    await expect(retrieval.noPatterns).toContainText("No verified pattern is close to this question yet");
  }
  await expect(page.getByTestId("error-state")).toHaveCount(0);
});

test.describe("phone width", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the preview fits the screen", async ({ page }) => {
    const retrieval = new KnowledgeRetrievalPage(page);
    await retrieval.open(await demoWarehouseId());
    await retrieval.preview(QUESTION);
    await expect(retrieval.tableNames()).toContainText(["healthcare.prescriptions"]);
    const overflow = await retrieval.panel.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });
});
