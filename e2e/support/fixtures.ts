// The extended `test` for the browser suites: page objects, and signing in without the UI when a
// test is about something else (`signIn`, `apiAs`).
import { test as base, expect, type APIRequestContext } from "@playwright/test";
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
};

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
      const request = await playwright.request.newContext({ baseURL: APP_URL });
      made.push(request);
      if (who !== "anonymous") await signInWithApi(request, who);
      return request;
    });
    await Promise.all(made.map((r) => r.dispose()));
  },
});

export { expect };
