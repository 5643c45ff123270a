// Proof that neither the Qlik client secret (nor the other server secrets) nor any access token the
// simulator issued reaches a browser or the log: (a) the build output, (b) every response a
// signed-in browser session receives while it uses every page, (c) the app's log file.
// Runs last among these suites so the log holds what the others did too.
import fs from "node:fs";
import path from "node:path";
import { discoverApiHandlers, probeUrl } from "../tests/support/api-routes";
import { E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD, E2E_DATA_DIR, E2E_IDP_USERS } from "./support/env";
import { expect, test } from "./support/fixtures";
import {
  filesUnder,
  fixedSecretsIn,
  issueProbeToken,
  liveSimulatorTokens,
  pageRoutes,
  simulatorTokensIssued,
  tokenCandidates,
  type Finding,
} from "./support/secrets";

test.describe.configure({ mode: "serial" });

test("the detector finds a live simulator token and a planted secret (self-test)", async () => {
  const token = await issueProbeToken();
  const text = `{"x":"${token}","y":"atlas-e2e-qlik-secret-7d1f0c2b9e"}`;
  expect(await liveSimulatorTokens(tokenCandidates(text))).toEqual([token]);
  expect(fixedSecretsIn(text, "self-test")).toEqual([
    { where: "self-test", what: "Qlik client secret" },
  ]);
});

test("(a) the build output holds no secret and no token", async () => {
  const root = path.resolve(".next");
  expect(fs.existsSync(root), "run `next build` first").toBe(true);
  // Client bundles, and everything the server prerendered or keeps (pages, RSC payloads, chunks).
  const files = [
    ...filesUnder(path.join(root, "static")),
    ...filesUnder(path.join(root, "server")),
  ];
  expect(files.length).toBeGreaterThan(0);
  const findings: Finding[] = [];
  const candidates = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(file, "latin1");
    findings.push(...fixedSecretsIn(text, path.relative(root, file)));
    if (!file.endsWith(".map")) for (const c of tokenCandidates(text)) candidates.add(c);
  }
  expect(findings).toEqual([]);
  expect(await liveSimulatorTokens(candidates)).toEqual([]);
});

test("(b) a signed-in browser that uses every page receives no secret and no token", async ({
  page,
  context,
  signInPage,
  idpLogin,
  appShell,
}) => {
  test.setTimeout(240_000);
  const received: { where: string; text: string }[] = [];
  const pending: Promise<void>[] = [];
  context.on("response", (response) => {
    pending.push(
      (async () => {
        const headers = JSON.stringify(await response.allHeaders());
        const body = await response.body().then(
          (b) => b.toString("latin1"),
          () => "", // redirects and aborted requests have no body
        );
        received.push({
          where: `${response.status()} ${response.url()}`,
          text: `${headers}\n${body}`,
        });
      })(),
    );
  });

  const visitEveryPage = async () => {
    for (const route of pageRoutes()) {
      await page.goto(route);
      await page.waitForLoadState("networkidle");
    }
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    await appShell.openMenu();
    await page.keyboard.press("Escape");
  };

  // An admin through OpenID Connect …
  await signInPage.goto();
  await signInPage.continueWithIdp();
  await idpLogin.signIn(E2E_IDP_USERS.admin.email);
  await expect(page).toHaveURL("/");
  await visitEveryPage();
  // … every GET API route the browser could call …
  for (const h of discoverApiHandlers().filter((h) => h.method === "GET")) {
    const response = await page.request.get(probeUrl(h.route), { failOnStatusCode: false });
    received.push({
      where: `API ${response.status()} ${h.route}`,
      text: `${JSON.stringify(response.headers())}\n${(await response.body()).toString("latin1")}`,
    });
  }
  // … then the local admin, and a viewer.
  await appShell.signOut();
  await signInPage.signInLocal(E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD);
  await expect(page).toHaveURL("/");
  await visitEveryPage();
  await appShell.signOut();
  await signInPage.demoViewer.click();
  await expect(page).toHaveURL("/");
  await visitEveryPage();

  await Promise.all(pending);
  expect(received.length).toBeGreaterThan(20);
  const findings = received.flatMap((r) => fixedSecretsIn(r.text, r.where));
  expect(findings).toEqual([]);
  const candidates = new Set(received.flatMap((r) => [...tokenCandidates(r.text)]));
  expect(await liveSimulatorTokens(candidates)).toEqual([]);
  // The app caches its token, so it may have been issued before this session: any live one counts.
  const issued = await simulatorTokensIssued();
  test.info().annotations.push({
    type: "coverage",
    description: `${received.length} responses, ${candidates.size} token-shaped strings checked, ${issued} simulator tokens issued since the simulator started`,
  });
});

test("(c) the app's log holds no secret and no token", async () => {
  const file = path.join(E2E_DATA_DIR, "app.log");
  // The file stream is asynchronous: give the last lines a moment.
  await expect
    .poll(() => fs.existsSync(file) && fs.readFileSync(file, "utf8").includes('"event":"sign_in"'))
    .toBe(true);
  const text = fs.readFileSync(file, "utf8");
  expect(fixedSecretsIn(text, "app.log")).toEqual([]);
  expect(await liveSimulatorTokens(tokenCandidates(text))).toEqual([]);
});
