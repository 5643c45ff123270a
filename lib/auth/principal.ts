// Who is making a request: a signed-in person with a role ("user"), or someone reading through a
// read-only share link ("share"), whom only routes with the "share" rule admit.

export const ROLES = ["viewer", "admin"] as const;
/**
 * `admin`: everything, including refresh and every share link. `viewer`: browse, export, and make
 * and manage their own share links.
 */
export type Role = (typeof ROLES)[number];

export type UserPrincipal = { kind: "user"; email: string; name: string; role: Role };
/**
 * A link's visitor: which link, and who they are when signed in (with or without a role; a link
 * for "signed-in users only" needs one). What they may read is the link's own scope and columns.
 */
export type SharePrincipal = {
  kind: "share";
  shareId: string;
  visitor: { email: string; name: string } | null;
  /** The client address (what tells anonymous visitors apart in the audit log). */
  address: string;
};
export type Principal = UserPrincipal | SharePrincipal;

/**
 * The access a route requires: anyone; a valid share link (its token in the path); or a signed-in
 * person with at least this role.
 */
export type AccessRule = "public" | "share" | Role;

const RANK: Record<Role, number> = { viewer: 1, admin: 2 };

/** True when `role` is at least `required` (admins can do everything viewers can). */
export function roleAllows(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}
