// `npm test`: every test — unit and integration (Vitest, against the simulator over real HTTP),
// then the browser tests (Playwright on Debian's Chromium against the built app). Ends with one
// line "N passed, N failed, N skipped" over both.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { run } from "./support/run";
import { runE2e } from "./e2e";

const REPORT_DIR = path.resolve("data/test-reports");

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function vitestCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
}

async function main() {
  rmSync(REPORT_DIR, { recursive: true, force: true });
  mkdirSync(REPORT_DIR, { recursive: true });
  const vitestReport = path.join(REPORT_DIR, "vitest.json");
  const playwrightReport = path.join(REPORT_DIR, "playwright.json");

  console.log("\n== Unit and integration tests (Vitest) ==\n");
  const unitCode = await run(process.execPath, [
    path.resolve("node_modules/vitest/vitest.mjs"),
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${vitestReport}`,
  ]);

  console.log("\n== Browser tests (Playwright) ==\n");
  const e2eCode = await runE2e([], playwrightReport);

  const parts = [vitestCounts(vitestReport), playwrightCounts(playwrightReport)];
  const total = parts.reduce<Counts>(
    (acc, c) =>
      c
        ? {
            passed: acc.passed + c.passed,
            failed: acc.failed + c.failed,
            skipped: acc.skipped + c.skipped,
          }
        : acc,
    { passed: 0, failed: 0, skipped: 0 },
  );
  // A suite that crashed before reporting counts as a failure even with no failed test recorded.
  if (unitCode !== 0 && (parts[0]?.failed ?? 0) === 0) total.failed += 1;
  if (e2eCode !== 0 && (parts[1]?.failed ?? 0) === 0) total.failed += 1;
  console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(unitCode === 0 && e2eCode === 0 ? 0 : 1);
}

void main();
