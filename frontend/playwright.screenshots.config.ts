import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/** `npm run screenshots`: PNGs of each main screen into ../docs/screenshots/. */
export default defineConfig({
  ...base,
  testMatch: /.*\.shot\.ts$/,
  reporter: [["list"]],
  use: { ...base.use, trace: "off", screenshot: "off" },
});
