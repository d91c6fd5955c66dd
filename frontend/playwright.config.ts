import { defineConfig } from "@playwright/test";
import { BASE_URL, CHROMIUM_ARGS, CHROMIUM_PATH, MODEL_BASE_URL } from "./e2e/support/env";
import { storageStatePath } from "./e2e/support/users";

/**
 * End-to-end tests in real Chromium against the real backend (which serves the exported UI).
 * Browsers are not downloaded: Debian's Chromium is driven through its executable path.
 * Every test runs signed in as the administrator (the state global-setup saves) unless it asks
 * for another user's state or none.
 *
 * Two projects, one per backend scripts/e2e.sh starts: "chromium" against BASE_URL (no model), and
 * "model" (e2e/model-*.spec.ts) against E2E_MODEL_BASE_URL, a backend whose model is the test-only
 * stand-in (e2e/support/stand-in-model.mjs). Without E2E_MODEL_BASE_URL the model specs skip.
 */
const MODEL_SPECS = /(^|[/\\])model-[^/\\]*\.spec\.ts$/;

export default defineConfig({
  testDir: "./e2e",
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: BASE_URL,
    storageState: storageStatePath("admin"),
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    acceptDownloads: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "chromium", testIgnore: MODEL_SPECS },
    {
      name: "model",
      testMatch: MODEL_SPECS,
      use: { baseURL: MODEL_BASE_URL ?? BASE_URL, storageState: storageStatePath("admin", "model") },
    },
  ],
});
