// Who is making a request. Today only signed-in people ("user"); a later issue adds read-only
// share links ("share"), which route rules will have to admit explicitly.

export const ROLES = ["viewer", "admin"] as const;
/** `admin`: everything, including refresh and share management. `viewer`: browse and export. */
export type Role = (typeof ROLES)[number];

/** What a share link may read (placeholder until share links exist). */
export type ShareScope = "tenants:read";

export type UserPrincipal = { kind: "user"; email: string; name: string; role: Role };
export type SharePrincipal = { kind: "share"; shareId: string; scope: ShareScope };
export type Principal = UserPrincipal | SharePrincipal;

/** The access a route requires: anyone, or a signed-in person with at least this role. */
export type AccessRule = "public" | Role;

const RANK: Record<Role, number> = { viewer: 1, admin: 2 };

/** True when `role` is at least `required` (admins can do everything viewers can). */
export function roleAllows(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}
