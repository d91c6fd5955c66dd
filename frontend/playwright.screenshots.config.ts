import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/** `npm run screenshots`: PNGs of each main screen into ../docs/screenshots/. */
export default defineConfig({
  ...base,
  testMatch: /.*\.shot\.ts$/,
  // the screenshots are of the main backend; the model project's own testMatch would run its specs
  projects: base.projects?.filter((p) => p.name === "chromium"),
  reporter: [["list"]],
  use: { ...base.use, trace: "off", screenshot: "off" },
});
