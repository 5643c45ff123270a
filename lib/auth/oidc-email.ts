// Whether an OIDC ID token's email may decide a role. Roles are granted by email, so an email the
// identity provider has not verified (a self-service account that typed someone else's address)
// must grant nothing.

export type EmailClaims = { email?: unknown; email_verified?: unknown };

/**
 * True when the ID token carries an email and `email_verified: true` (some IdPs send the string
 * "true"). `trustEmail` (AUTH_OIDC_TRUST_EMAIL) vouches for IdPs that never send the claim, such as
 * Microsoft Entra ID; an explicit `email_verified: false` is refused whatever it says.
 */
export function isOidcEmailVerified(claims: EmailClaims | undefined, trustEmail: boolean): boolean {
  if (typeof claims?.email !== "string" || claims.email.trim() === "") return false;
  const verified = claims.email_verified;
  if (verified === true || verified === "true") return true;
  return verified === undefined && trustEmail;
}
