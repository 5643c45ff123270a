// Who gets which role, decided from the operator's lists on every request (never stored in the
// session), so removing someone from ATLAS_ADMINS / ATLAS_VIEWERS takes effect at the next restart
// instead of when their session expires.
import type { Role } from "./principal";

export type AccessLists = {
  /** ATLAS_ADMINS: emails and `@domain` entries, already lower-cased by the env schema. */
  admins: readonly string[];
  /** ATLAS_VIEWERS, same form. */
  viewers: readonly string[];
};

/** `entry` is `person@example.com` (exact) or `@example.com` (that domain, not its subdomains). */
export function matchesEntry(email: string, entry: string): boolean {
  const e = email.trim().toLowerCase();
  const rule = entry.trim().toLowerCase();
  if (!e || !rule) return false;
  // "@example.com" matches "ada@example.com" but not "ada@sub.example.com" or "ada@badexample.com".
  return rule.startsWith("@") ? e.endsWith(rule) : e === rule;
}

/** The role the lists give `email`, or null when it is in neither (they see "no access"). */
export function roleForEmail(email: string, lists: AccessLists): Role | null {
  if (!email) return null;
  const matches = (entries: readonly string[]) =>
    entries.some((entry) => matchesEntry(email, entry));
  if (matches(lists.admins)) return "admin";
  if (matches(lists.viewers)) return "viewer";
  return null;
}

/** What a session says about how the person proved their email. */
export type SignInFacts = {
  provider: "oidc" | "local";
  email: string;
  /** OIDC: the identity provider vouched for the email (see lib/auth/oidc-email.ts). */
  emailVerified?: boolean | undefined;
};

/**
 * The role for a signed-in person. The local sign-in is ATLAS_ADMIN_EMAIL's alone and makes them
 * an admin; an OIDC sign-in gets a role from the lists only for an email the IdP verified, and
 * never from ATLAS_ADMIN_EMAIL (anyone who can get that address at the IdP would become admin).
 */
export function roleForSignIn(
  who: SignInFacts,
  settings: AccessLists & { localAdminEmail?: string | undefined },
): Role | null {
  const email = who.email.trim().toLowerCase();
  if (who.provider === "local")
    return settings.localAdminEmail && email === settings.localAdminEmail.toLowerCase()
      ? "admin"
      : null;
  if (who.emailVerified !== true) return null;
  return roleForEmail(email, settings);
}

export const DEFAULT_ACCESS_CONTACT = "your Tenant Atlas administrator";

/**
 * Whom a person without access should ask: ATLAS_ACCESS_CONTACT, or a generic phrase. Never the
 * admins' own addresses: the person asking may be anyone the IdP lets sign in.
 */
export function accessContact(configured: string | undefined): string {
  return configured?.trim() || DEFAULT_ACCESS_CONTACT;
}
