import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { withRoute } from "@/lib/api/with-route";
import { accessContact, DEFAULT_ACCESS_CONTACT } from "@/lib/auth/roles";
import type { SessionState } from "@/lib/auth/session";
import { BASE_ENV, noParams, request, useEnv } from "./support";

// Someone who signs in but is on neither list learns whom to ask: ATLAS_ACCESS_CONTACT, or "your
// Tenant Atlas administrator". Never the admins' own addresses: anyone the identity provider lets
// sign in gets this answer.

const STRANGER: SessionState = {
  identity: { email: "eve@elsewhere.test", name: "Eve", provider: "oidc", emailVerified: true },
  user: null,
};

vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  resolveSession: async () => STRANGER,
  getCurrentSession: async () => STRANGER,
}));

/** Every address the settings name as an admin (what must not reach a stranger). */
const ADMIN_ADDRESSES = ["ada@example.com", "root@example.com", "ops-lead@example.com"];
const useEnvWithAdmins = (more: Record<string, string | undefined> = {}) =>
  useEnv({ ATLAS_ADMINS: "ada@example.com, ops-lead@example.com, @ops.example.com", ...more });

beforeEach(() => useEnvWithAdmins());

async function noAccessMessage(): Promise<string> {
  const route = withRoute({ role: "viewer" }, () => Response.json({ ok: true }));
  const response = await route(
    request("/api/x", { cookie: "next-auth.session-token=x" }),
    noParams,
  );
  expect(response.status).toBe(403);
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  expect(error.code).toBe("no_access");
  return error.message;
}

async function noAccessPage(): Promise<string> {
  const { default: NoAccessPage } = await import("@/app/no-access/page");
  return renderToStaticMarkup(await NoAccessPage());
}

describe("whom a person without access is told to ask", () => {
  it("is ATLAS_ACCESS_CONTACT when set, else a generic phrase", () => {
    expect(accessContact("it-help@example.com")).toBe("it-help@example.com");
    expect(accessContact("the IT service desk")).toBe("the IT service desk");
    expect(accessContact(undefined)).toBe("your Tenant Atlas administrator");
    expect(accessContact("  ")).toBe(DEFAULT_ACCESS_CONTACT);
  });

  it("in the API's 403: the generic phrase, and no admin's address, without ATLAS_ACCESS_CONTACT", async () => {
    const message = await noAccessMessage();
    expect(message).toBe(
      "eve@elsewhere.test has no access to Tenant Atlas. Ask your Tenant Atlas administrator for access.",
    );
    for (const address of ADMIN_ADDRESSES) expect(message).not.toContain(address);
  });

  it("in the API's 403: ATLAS_ACCESS_CONTACT when set", async () => {
    useEnvWithAdmins({ ATLAS_ACCESS_CONTACT: "it-help@example.com" });
    expect(await noAccessMessage()).toBe(
      "eve@elsewhere.test has no access to Tenant Atlas. Ask it-help@example.com for access.",
    );
  });

  it("on the no-access page: the generic phrase, and no admin's address, without ATLAS_ACCESS_CONTACT", async () => {
    const html = await noAccessPage();
    expect(html).toContain("To get access, ask <strong>your Tenant Atlas administrator</strong>.");
    for (const address of ADMIN_ADDRESSES) expect(html).not.toContain(address);
    expect(html).not.toContain("mailto:");
  });

  it("on the no-access page: ATLAS_ACCESS_CONTACT, as a mail link when it is an address", async () => {
    useEnvWithAdmins({ ATLAS_ACCESS_CONTACT: "it-help@example.com" });
    expect(await noAccessPage()).toContain('href="mailto:it-help@example.com"');
    useEnvWithAdmins({ ATLAS_ACCESS_CONTACT: "the IT service desk" });
    const html = await noAccessPage();
    expect(html).toContain("<strong>the IT service desk</strong>");
    expect(html).not.toContain("mailto:");
    for (const address of ADMIN_ADDRESSES) expect(html).not.toContain(address);
  });

  it("is never an admin's address, even when ATLAS_ADMINS holds nothing but addresses", async () => {
    useEnvWithAdmins({ ATLAS_ADMINS: "ada@example.com", ATLAS_VIEWERS: undefined });
    expect(BASE_ENV.ATLAS_ADMIN_EMAIL).toBe("root@example.com");
    const both = `${await noAccessMessage()} ${await noAccessPage()}`;
    for (const address of ADMIN_ADDRESSES) expect(both).not.toContain(address);
  });
});
