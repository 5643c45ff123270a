// The fixed world the browser tests run in: a simulator, a local OpenID provider and the built app,
// all on localhost. Values here are test-only; the secret fencing tests look for them in everything
// the browser receives.
// E2E_PORT_OFFSET moves all three (e.g. 100 → 3710/4710/4720) so two checkouts can run the suite
// side by side on one machine.
const PORT_OFFSET = Number.parseInt(process.env.E2E_PORT_OFFSET ?? "0", 10) || 0;
export const SIM_PORT = 4610 + PORT_OFFSET;
export const OIDC_PORT = 4620 + PORT_OFFSET;
export const APP_PORT = 3610 + PORT_OFFSET;

export const SIM_URL = `http://localhost:${SIM_PORT}`;
export const OIDC_URL = `http://localhost:${OIDC_PORT}`;
export const APP_URL = `http://localhost:${APP_PORT}`;

export const E2E_QLIK_CLIENT_ID = "atlas-e2e-client";
export const E2E_QLIK_CLIENT_SECRET = "atlas-e2e-qlik-secret-7d1f0c2b9e";
/** Proves to the app that the simulator is the one the tests started (demo sign-in needs it). */
export const E2E_DEMO_KEY = "atlas-e2e-demo-key-5f0e9d3c2b1a09876543210fedcba";
export const E2E_NEXTAUTH_SECRET = "atlas-e2e-nextauth-secret-0123456789abcdef";
export const E2E_OIDC_CLIENT_ID = "atlas-e2e-oidc";
export const E2E_OIDC_CLIENT_SECRET = "atlas-e2e-oidc-secret-4b8e";

/** The local admin (password hash below: `printf %s '<password>' | npm run -s hash-password -- --scrypt`). */
export const E2E_ADMIN_EMAIL = "admin@atlas.test";
export const E2E_ADMIN_PASSWORD = "atlas-e2e-admin-pw-93";
export const E2E_ADMIN_PASSWORD_HASH =
  "scrypt$131072$8$1$sbDzLj0WRzwR4I3oumj1_Q$my10KpFTkvk2FKM8bJj_c8ofUQZ0ft-ktbb4cvN40Ik";
export const E2E_OIDC_NAME = "Atlas Test IdP";
/** People at the test OpenID provider (e2e/support/oidc-server.ts); all share one password. */
export const E2E_IDP_PASSWORD = "idp-e2e-pw";
export const E2E_IDP_USERS = {
  /** In ATLAS_ADMINS by email. */
  admin: { email: "ada@corp.atlas.test", name: "Ada Admin", emailVerified: true },
  /** In ATLAS_VIEWERS through the @viewers.atlas.test domain entry. */
  viewer: { email: "vic@viewers.atlas.test", name: "Vic Viewer", emailVerified: true },
  /** In neither list: sees the no-access page. */
  outsider: { email: "olga@outside.atlas.test", name: "Olga Outsider", emailVerified: true },
  /** The IdP says this email is not verified: sign-in is refused. */
  unverified: { email: "uma@viewers.atlas.test", name: "Uma Unverified", emailVerified: false },
} as const;
export const E2E_ACCESS_CONTACT = "atlas-owners@corp.atlas.test";

export const E2E_TENANTS = 800;
export const E2E_SUBSCRIPTIONS = 6;
export const E2E_SEED = 7;
export const E2E_DATA_DIR = "data/e2e";

/** Environment of the app under test (demo mode on the simulator, plus OIDC and a local admin). */
export function appEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(APP_PORT),
    HOSTNAME: "localhost",
    NEXTAUTH_URL: APP_URL,
    NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
    QLIK_BASE_URL: SIM_URL,
    QLIK_CLIENT_ID: E2E_QLIK_CLIENT_ID,
    QLIK_CLIENT_SECRET: E2E_QLIK_CLIENT_SECRET,
    ATLAS_DEMO: "true",
    ATLAS_DEMO_KEY: E2E_DEMO_KEY,
    ATLAS_DATA_DIR: E2E_DATA_DIR,
    DATABASE_URL: `file:./${E2E_DATA_DIR}/atlas.db`,
    LOG_FILE: `${E2E_DATA_DIR}/app.log`,
    LOG_LEVEL: "debug",
    AUTH_OIDC_ISSUER: OIDC_URL,
    AUTH_OIDC_CLIENT_ID: E2E_OIDC_CLIENT_ID,
    AUTH_OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT_SECRET,
    AUTH_OIDC_NAME: E2E_OIDC_NAME,
    ATLAS_ADMIN_EMAIL: E2E_ADMIN_EMAIL,
    ATLAS_ADMIN_PASSWORD_HASH: E2E_ADMIN_PASSWORD_HASH,
    ATLAS_ADMINS: E2E_IDP_USERS.admin.email,
    ATLAS_VIEWERS: "@viewers.atlas.test",
    ATLAS_ACCESS_CONTACT: E2E_ACCESS_CONTACT,
    // The tests stand in for a proxy: they send X-Forwarded-For to spread requests over client
    // addresses (link lookups and sign-ins are limited per address).
    TRUSTED_PROXY_HOPS: "1",
    ...extra,
  };
}
