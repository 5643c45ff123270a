import { defineConfig, devices } from "@playwright/test";
import {
  APP_PORT,
  APP_URL,
  E2E_DEMO_KEY,
  E2E_QLIK_CLIENT_ID,
  E2E_QLIK_CLIENT_SECRET,
  E2E_SEED,
  E2E_SUBSCRIPTIONS,
  E2E_TENANTS,
  OIDC_URL,
  SIM_PORT,
  SIM_URL,
  appEnv,
} from "./e2e/support/env";

// The simulator's data is generated around today, so "license ends within 30 days" always exists.
const TODAY = `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      name: "simulator",
      command: `npx tsx simulator/cli.ts --port ${SIM_PORT} --tenants ${E2E_TENANTS} --subscriptions ${E2E_SUBSCRIPTIONS} --seed ${E2E_SEED} --admin --client-id ${E2E_QLIK_CLIENT_ID} --client-secret ${E2E_QLIK_CLIENT_SECRET} --demo-key ${E2E_DEMO_KEY} --reference-date ${TODAY}`,
      url: `${SIM_URL}/api/core/tenants`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      name: "oidc",
      command: "npx tsx e2e/support/oidc-server.ts",
      url: `${OIDC_URL}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      name: "app",
      command: `node node_modules/next/dist/bin/next start -p ${APP_PORT} -H localhost`,
      url: `${APP_URL}/api/health`,
      env: appEnv(),
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
