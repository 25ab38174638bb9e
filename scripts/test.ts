// `npm test`: the whole suite — typecheck, lint, content check, unit and engine tests, a
// production build, and end-to-end tests in a real Chromium. Stops at the first failing step.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureChromium } from "./lib/chromium";
import { ensurePrismaClient, log, root } from "./lib/prepare";

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const chromium = ensureChromium();
ensurePrismaClient();

const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", NEXT_TELEMETRY_DISABLED: "1" };
const steps: Array<{ name: string; command: string; args: string[]; env?: NodeJS.ProcessEnv }> = [
  { name: "typecheck", command: bin("tsc"), args: ["--noEmit"] },
  { name: "lint", command: bin("eslint"), args: [".", "--max-warnings", "0"] },
  { name: "content", command: bin("tsx"), args: ["scripts/check-content.ts"] },
  { name: "unit and engine tests", command: bin("vitest"), args: ["run", "--reporter=default", "--reporter=json", "--outputFile.json=reports/vitest.json"] },
  { name: "production build", command: bin("next"), args: ["build"], env: { NODE_ENV: "production" } },
  { name: "end-to-end tests (Chromium)", command: bin("playwright"), args: ["test"] },
];

const timings: string[] = [];
for (const step of steps) {
  log(`▶ ${step.name}`);
  const started = Date.now();
  const result = spawnSync(step.command, step.args, { cwd: root, stdio: "inherit", env: { ...env, ...step.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${step.name}: ${seconds}s`);
  if (result.status !== 0) {
    log(`✖ ${step.name} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
}
log(`✔ all steps passed — ${timings.join(", ")}`);
console.log(countLine());

/** One "N passed, N failed, N skipped" line over both runners, read from their JSON reports. */
function countLine(): string {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, "reports", file), "utf8")) as Record<string, unknown>;
  const vitest = read("vitest.json") as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  const pw = read("playwright.json") as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  const passed = vitest.numPassedTests + pw.stats.expected + pw.stats.flaky;
  const failed = vitest.numFailedTests + pw.stats.unexpected;
  const skipped = vitest.numPendingTests + vitest.numTodoTests + pw.stats.skipped;
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}
