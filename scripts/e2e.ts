// `npm run test:e2e`: builds the app when needed and runs the Playwright suite on Debian's Chromium.
// Extra arguments go to Playwright (e.g. `npm run test:e2e -- e2e/auth.spec.ts`).
import { rmSync } from "node:fs";
import path from "node:path";
import { buildIsStale } from "./support/build-state";
import { chromiumOrExplain } from "./support/chromium";
import { run } from "./support/run";
import { E2E_DATA_DIR, appEnv } from "../e2e/support/env";

export async function runE2e(extraArgs: string[], reportFile?: string): Promise<number> {
  const chromium = chromiumOrExplain();
  if (!chromium) return 1;
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHROMIUM_PATH: chromium };
  if (buildIsStale(process.cwd())) {
    console.log("tenant-atlas: building the app for the browser tests…");
    const code = await run(
      process.execPath,
      [path.resolve("node_modules/next/dist/bin/next"), "build"],
      // Built with the e2e settings (the client secret included) so the secret-fencing test
      // proves the build output does not carry them.
      { ...env, ...appEnv() },
    );
    if (code !== 0) return code;
  }
  // Every run starts from an empty database, so the first sync happens under test.
  rmSync(E2E_DATA_DIR, { recursive: true, force: true });
  const reporter = reportFile ? ["--reporter=list,json"] : [];
  return run(
    process.execPath,
    [path.resolve("node_modules/@playwright/test/cli.js"), "test", ...reporter, ...extraArgs],
    reportFile ? { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile } : env,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  runE2e(process.argv.slice(2)).then((code) => process.exit(code));
}
