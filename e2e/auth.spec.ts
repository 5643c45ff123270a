// Sign-in, roles and sign-out as a person sees them: OpenID Connect against a real local provider,
// the local admin (wrong password, rate limit), the demo buttons, and the no-access page.
import {
  APP_URL,
  E2E_ACCESS_CONTACT,
  E2E_ADMIN_EMAIL,
  E2E_ADMIN_PASSWORD,
  E2E_IDP_USERS,
  E2E_OIDC_NAME,
} from "./support/env";
import { expect, test } from "./support/fixtures";
import { discoverApiHandlers, probeUrl } from "../tests/support/api-routes";

// Any GET route that needs a signed-in viewer (routes come and go; the role matrix covers them all).
const viewerRoute = discoverApiHandlers().find((h) => h.role === "viewer" && h.method === "GET");
const guardedUrl = viewerRoute ? probeUrl(viewerRoute.route) : undefined;

test.describe("OpenID Connect", () => {
  test("an admin signs in with the identity provider, sees the app, and signs out", async ({
    page,
    signInPage,
    idpLogin,
    appShell,
  }) => {
    await signInPage.goto();
    await expect(signInPage.idpButton).toHaveText(`Continue with ${E2E_OIDC_NAME}`);
    await signInPage.continueWithIdp();
    await idpLogin.signIn(E2E_IDP_USERS.admin.email);

    await expect(page).toHaveURL("/");
    await appShell.expectSignedInAs(E2E_IDP_USERS.admin.name, "admin");
    const menu = await appShell.openMenu();
    await expect(menu.email).toHaveText(E2E_IDP_USERS.admin.email);
    await expect(menu.role).toHaveText("admin");
    await page.keyboard.press("Escape");

    await appShell.signOut();
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
  });

  test("a viewer matched by an @domain entry signs in as viewer and returns to the page they asked for", async ({
    page,
    signInPage,
    idpLogin,
    appShell,
  }) => {
    await page.goto("/?e2e=1");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F%3Fe2e%3D1$/);
    await signInPage.continueWithIdp();
    await idpLogin.signIn(E2E_IDP_USERS.viewer.email);
    await expect(page).toHaveURL("/?e2e=1");
    await appShell.expectSignedInAs(E2E_IDP_USERS.viewer.name, "viewer");
  });

  test("someone in neither list sees who to ask, and the API answers 403", async ({
    page,
    signInPage,
    idpLogin,
    noAccessPage,
  }) => {
    await signInPage.goto();
    await signInPage.continueWithIdp();
    await idpLogin.signIn(E2E_IDP_USERS.outsider.email);
    await noAccessPage.expectShown();
    await expect(noAccessPage.email).toHaveText(E2E_IDP_USERS.outsider.email);
    await expect(noAccessPage.contact).toContainText(E2E_ACCESS_CONTACT);
    await expect(
      noAccessPage.contact.getByRole("link", { name: E2E_ACCESS_CONTACT }),
    ).toHaveAttribute("href", `mailto:${E2E_ACCESS_CONTACT}`);

    expect(guardedUrl, "a viewer API route to probe").toBeDefined();
    const api = await page.request.get(guardedUrl ?? "");
    expect(api.status()).toBe(403);
    expect(await api.json()).toMatchObject({ error: { code: "no_access" } });

    await noAccessPage.switchAccount.click();
    await expect(page).toHaveURL(/\/signin/);
  });

  test("an account whose email the provider has not verified is refused with a clear message", async ({
    page,
    signInPage,
    idpLogin,
  }) => {
    await signInPage.goto();
    await signInPage.continueWithIdp();
    await idpLogin.signIn(E2E_IDP_USERS.unverified.email);
    await expect(page).toHaveURL(/\/signin\?error=AccessDenied/);
    await expect(signInPage.error).toHaveText(
      `${E2E_OIDC_NAME} did not share a verified email address, which Tenant Atlas needs to decide your access.`,
    );
  });
});

test.describe("local admin", () => {
  test("a wrong password is refused, the right one signs in as admin", async ({
    page,
    signInPage,
    appShell,
  }) => {
    await signInPage.goto();
    await signInPage.signInLocal(E2E_ADMIN_EMAIL, "not-the-password");
    await expect(signInPage.error).toHaveText("Wrong email or password.");
    await expect(signInPage.password).toBeFocused();
    await expect(signInPage.password).toHaveValue("");

    await signInPage.signInLocal(E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD);
    await expect(page).toHaveURL("/");
    await appShell.expectSignedInAs("Administrator", "admin");
  });

  test("after 5 failures an account is locked for 15 minutes, and the message says until when", async ({
    page,
    signInPage,
    appShell,
  }) => {
    // A made-up account, so the real admin stays usable for the rest of the suite (the limit is per
    // account; this address's 5 failures also count toward the per-address limit of 20).
    const account = "intruder@atlas.test";
    await signInPage.goto();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signInPage.signInLocal(account, `guess-${attempt}`);
      await expect(signInPage.error).toHaveText("Wrong email or password.");
    }
    await signInPage.signInLocal(account, "guess-5");
    await expect(signInPage.error).toHaveText(
      /^Too many failed sign-in attempts\. Try again in 15 minutes \(at \d{1,2}:\d{2}( [AP]M)?\)\.$/,
    );
    await signInPage.signInLocal(account, "guess-6");
    await expect(signInPage.error).toContainText("Too many failed sign-in attempts.");

    // The lock is per account: the real admin still gets in.
    await signInPage.signInLocal(E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD);
    await expect(page).toHaveURL("/");
    await appShell.expectSignedInAs("Administrator", "admin");
  });
});

test.describe("demo mode", () => {
  for (const [role, name] of [
    ["admin", "Demo admin"],
    ["viewer", "Demo viewer"],
  ] as const) {
    test(`"Continue as demo ${role}" signs in as ${role}`, async ({
      page,
      signInPage,
      appShell,
    }) => {
      await signInPage.goto();
      await (role === "admin" ? signInPage.demoAdmin : signInPage.demoViewer).click();
      await expect(page).toHaveURL("/");
      await appShell.expectSignedInAs(name, role);
      await appShell.signOut();
    });
  }
});

test.describe("sessions", () => {
  test("the session cookie is HttpOnly and SameSite=Lax (and not Secure over plain http)", async ({
    context,
    signIn,
  }) => {
    await signIn("viewer");
    const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
    expect(cookie).toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.secure).toBe(false);
    // Lifetime: SESSION_MAX_AGE_HOURS, 8 by default.
    const hours = ((cookie?.expires ?? 0) * 1000 - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
  });

  test("the session endpoint tells the browser who is signed in and nothing else", async ({
    page,
    signIn,
  }) => {
    await signIn("admin");
    const session = await (await page.request.get("/api/auth/session")).json();
    expect(Object.keys(session).sort()).toEqual(["expires", "user"]);
    expect(Object.keys(session.user).sort()).toEqual(["email", "name"]);
  });

  test("pages and the API refuse a forged session cookie", async ({ page, context }) => {
    await context.addCookies([
      {
        name: "next-auth.session-token",
        value: "forged.value.that.is.not.a.jwe",
        url: APP_URL,
      },
    ]);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
    expect(guardedUrl, "a viewer API route to probe").toBeDefined();
    const api = await page.request.get(guardedUrl ?? "");
    expect(api.status()).toBe(401);
    expect(await api.json()).toEqual({
      error: { code: "unauthorized", message: "Sign in to use this." },
    });
  });

  test("the sign-in page shows only the configured methods and works from the keyboard", async ({
    page,
    signInPage,
  }) => {
    await signInPage.goto();
    await expect(signInPage.idpButton).toBeVisible();
    await expect(signInPage.email).toBeVisible();
    await expect(signInPage.demoAdmin).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(signInPage.idpButton).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(signInPage.email).toBeFocused();
  });
});
