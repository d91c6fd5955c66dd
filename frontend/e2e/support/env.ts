/** Everything the suite can be told from outside, with the defaults used against a local backend. */
export const BASE_URL = process.env.BASE_URL ?? "http://localhost:8080";
/**
 * The second backend, configured with a model whose base URL is the stand-in (scripts/e2e.sh starts
 * both); the specs of the "model" project run against it and are skipped when it is not set.
 */
export const MODEL_BASE_URL = process.env.E2E_MODEL_BASE_URL ?? null;
/** The stand-in model the model backend talks to (e2e/support/stand-in-model.mjs), for its GET /calls. */
export const STAND_IN_URL = process.env.E2E_STAND_IN_URL ?? null;
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags for Debian's Chromium in a container without a GPU, sandbox or network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

/** A question the offline planner turns into a grouped, time-based plan. */
export const TREND_QUESTION = process.env.E2E_QUESTION_TREND ?? "What is the total amount of orders per month?";
/** A question whose answer a user corrects, so that it becomes a verified pattern. */
export const LEARN_QUESTION = process.env.E2E_QUESTION_LEARN ?? "How many orders are there per status?";
export const CORRECTED_SQL =
  process.env.E2E_CORRECTED_SQL ??
  "SELECT status, COUNT(*) AS order_count FROM orders GROUP BY status ORDER BY order_count DESC";
/** Rows the corrected SQL returns on e2e/fixtures/shop.sql (delivered, shipped, cancelled). */
export const CORRECTED_ROWS = 3;

/** Set by global-setup: the run's SQLite file and the data source registered for it. */
export function runInfo() {
  const id = process.env.E2E_DATASOURCE_ID;
  const name = process.env.E2E_DATASOURCE_NAME;
  const sqlitePath = process.env.E2E_SQLITE_PATH;
  const runId = process.env.E2E_RUN_ID;
  if (!id || !name || !sqlitePath || !runId) throw new Error("global-setup did not run (E2E_* variables missing)");
  return { dataSourceId: id, dataSourceName: name, sqlitePath, runId };
}
