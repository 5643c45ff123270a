// Who gets which role, decided from the operator's lists on every request (never stored in the
// session), so removing someone from ATLAS_ADMINS / ATLAS_VIEWERS takes effect at the next restart
// instead of when their session expires.
import type { Role } from "./principal";

export type AccessLists = {
  /** ATLAS_ADMINS: emails and `@domain` entries, already lower-cased by the env schema. */
  admins: readonly string[];
  /** ATLAS_VIEWERS, same form. */
  viewers: readonly string[];
  /** ATLAS_ADMIN_EMAIL: the local admin is always an admin. */
  localAdminEmail?: string | undefined;
};

/** `entry` is `person@example.com` (exact) or `@example.com` (that domain, not its subdomains). */
export function matchesEntry(email: string, entry: string): boolean {
  const e = email.trim().toLowerCase();
  const rule = entry.trim().toLowerCase();
  if (!e || !rule) return false;
  // "@example.com" matches "ada@example.com" but not "ada@sub.example.com" or "ada@badexample.com".
  return rule.startsWith("@") ? e.endsWith(rule) : e === rule;
}

/** The role for `email`, or null when the person is in neither list (they see "no access"). */
export function roleForEmail(email: string, lists: AccessLists): Role | null {
  if (!email) return null;
  const matches = (entries: readonly string[]) =>
    entries.some((entry) => matchesEntry(email, entry));
  if (lists.localAdminEmail && email.trim().toLowerCase() === lists.localAdminEmail.toLowerCase())
    return "admin";
  if (matches(lists.admins)) return "admin";
  if (matches(lists.viewers)) return "viewer";
  return null;
}

/** Who a person without access should ask: ATLAS_ACCESS_CONTACT, else the admins' own addresses. */
export function accessContacts(lists: AccessLists & { contact?: string | undefined }): string[] {
  if (lists.contact) return [lists.contact];
  const people = lists.admins.filter((entry) => !entry.startsWith("@"));
  if (people.length > 0) return people;
  return lists.localAdminEmail ? [lists.localAdminEmail] : [];
}
