// The extended `test` for the browser suites: page objects, and signing in without the UI when a
// test is about something else (`signIn`, `apiAs`).
import {
  test as base,
  expect,
  type APIRequestContext,
  type BrowserContext,
} from "@playwright/test";
import { AppShell } from "../pages/app-shell";
import { IdpLoginPage } from "../pages/idp-login-page";
import { NoAccessPage } from "../pages/no-access-page";
import { SignInPage } from "../pages/sign-in-page";
import { APP_URL } from "./env";

export type DemoRole = "admin" | "viewer";

/** Signs `request` in as a demo user through next-auth's own endpoints (what the buttons do). */
export async function signInWithApi(request: APIRequestContext, role: DemoRole): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.ok()).toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/demo", {
    form: { csrfToken, role, json: "true", callbackUrl: APP_URL },
    // What a browser sends with a form post from the app's own page (writes need it).
    headers: { origin: APP_URL },
  });
  expect(response.ok(), `demo sign-in as ${role}: ${response.status()}`).toBe(true);
  const session = (await (await request.get("/api/auth/session")).json()) as {
    user?: { email?: string };
  };
  expect(session.user?.email, "signed in").toBeTruthy();
}

type Fixtures = {
  signInPage: SignInPage;
  idpLogin: IdpLoginPage;
  appShell: AppShell;
  noAccessPage: NoAccessPage;
  /** Signs the page's browser context in as a demo admin or viewer (no UI). */
  signIn: (role: DemoRole) => Promise<void>;
  /** A request context for the app: anonymous, or signed in as a demo admin or viewer. */
  apiAs: (who: "anonymous" | DemoRole) => Promise<APIRequestContext>;
  /** Fails the test on any Content-Security-Policy violation the browser reports (automatic). */
  cspGuard: void;
};

/** What Chromium logs when the Content-Security-Policy blocks something. */
const CSP_VIOLATION = /Content Security Policy|Content-Security-Policy/i;

// Fixture callbacks name Playwright's `use` "provide": the React hooks lint rule reads `use(` as a hook.
export const test = base.extend<Fixtures>({
  signInPage: async ({ page }, provide) => provide(new SignInPage(page)),
  idpLogin: async ({ page }, provide) => provide(new IdpLoginPage(page)),
  appShell: async ({ page }, provide) => provide(new AppShell(page)),
  noAccessPage: async ({ page }, provide) => provide(new NoAccessPage(page)),
  signIn: async ({ context }, provide) => {
    await provide((role) => signInWithApi(context.request, role));
  },
  apiAs: async ({ playwright }, provide) => {
    const made: APIRequestContext[] = [];
    await provide(async (who) => {
      // Scripts must send Origin with writes, as browsers do (cross-site writes are refused).
      const request = await playwright.request.newContext({
        baseURL: APP_URL,
        extraHTTPHeaders: { origin: APP_URL },
      });
      made.push(request);
      if (who !== "anonymous") await signInWithApi(request, who);
      return request;
    });
    await Promise.all(made.map((r) => r.dispose()));
  },
  cspGuard: [
    async ({ browser, context }, provide) => {
      const violations: string[] = [];
      const watch = (ctx: BrowserContext) =>
        ctx.on("console", (message) => {
          if (message.type() === "error" && CSP_VIOLATION.test(message.text()))
            violations.push(`${message.location().url}: ${message.text()}`);
        });
      watch(context);
      // Contexts a test opens itself (a colleague, a link visitor) are watched too.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const made = await newContext(...args);
        watch(made);
        return made;
      };
      try {
        await provide();
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations reported in the browser").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
