// Prints one closing line for the whole test run: "tests: N passed, N failed, N skipped",
// summed over Surefire (Java), Vitest (frontend unit) and Playwright (browser) reports.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let passed = 0, failed = 0, skipped = 0;
const parts = [];

let java = { tests: 0, failures: 0, skipped: 0 };
for (const module of readdirSync(root)) {
  const dir = join(root, module, "target", "surefire-reports");
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).filter((n) => n.startsWith("TEST-") && n.endsWith(".xml"))) {
    const head = readFileSync(join(dir, f), "utf8").match(/<testsuite [^>]*>/)?.[0] ?? "";
    const num = (a) => Number(head.match(new RegExp(` ${a}="(\\d+)"`))?.[1] ?? 0);
    java.tests += num("tests");
    java.failures += num("failures") + num("errors");
    java.skipped += num("skipped");
  }
}
parts.push(`java ${java.tests - java.failures - java.skipped}/${java.tests}`);
passed += java.tests - java.failures - java.skipped; failed += java.failures; skipped += java.skipped;

const vitest = join(root, "frontend", "reports", "vitest.json");
if (existsSync(vitest)) {
  const v = JSON.parse(readFileSync(vitest, "utf8"));
  parts.push(`unit ${v.numPassedTests}/${v.numTotalTests}`);
  passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + (v.numTodoTests ?? 0);
}
const e2e = join(root, "frontend", "reports", "e2e.json");
if (existsSync(e2e)) {
  const s = JSON.parse(readFileSync(e2e, "utf8")).stats;
  parts.push(`browser ${s.expected + s.flaky}/${s.expected + s.flaky + s.unexpected + s.skipped}`);
  passed += s.expected + s.flaky; failed += s.unexpected; skipped += s.skipped;
}
console.log(`(${parts.join(", ")})`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
