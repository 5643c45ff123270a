// A real OpenID Connect provider for the browser tests (oidc-provider v9) on localhost:4620:
// authorization-code flow with PKCE, a login form for the people in E2E_IDP_USERS, no consent
// screen (the app is first-party). Started by playwright.config.ts: `npx tsx e2e/support/oidc-server.ts`.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import http from "node:http";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import {
  APP_URL,
  E2E_IDP_PASSWORD,
  E2E_IDP_USERS,
  E2E_OIDC_CLIENT_ID,
  E2E_OIDC_CLIENT_SECRET,
  OIDC_PORT,
  OIDC_URL,
} from "./env";

const people = new Map<string, { email: string; name: string; emailVerified: boolean }>(
  Object.values(E2E_IDP_USERS).map((p) => [p.email, p]),
);

const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  format: "jwk",
});

const configuration: Configuration = {
  clients: [
    {
      client_id: E2E_OIDC_CLIENT_ID,
      client_secret: E2E_OIDC_CLIENT_SECRET,
      redirect_uris: [`${APP_URL}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: { keys: [{ ...signingKey, kid: "e2e", use: "sig", alg: "RS256" }] },
  cookies: { keys: [randomUUID()] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // next-auth v4 reads the email from the ID token, so put the scope's claims there.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const person = people.get(sub);
    if (!person) return undefined;
    return {
      accountId: sub,
      claims: async () => ({
        sub,
        email: person.email,
        email_verified: person.emailVerified,
        name: person.name,
      }),
    };
  },
  // First-party client: grant the requested scopes without a consent screen.
  async loadExistingGrant(ctx: KoaContextWithOIDC) {
    const accountId = ctx.oidc.session?.accountId;
    const clientId = ctx.oidc.client?.clientId;
    if (!accountId || !clientId) return undefined;
    const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
};

const provider = new Provider(OIDC_URL, configuration);
provider.on("server_error", (_ctx, error) => console.error("oidc server_error", error));

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Atlas Test IdP</title></head>
<body><main><h1>Atlas Test IdP</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Email</label> <input id="login" name="login" type="email" autocomplete="username" required>
<label for="password">Password</label> <input id="password" name="password" type="password" required>
<button type="submit">Sign in to the test IdP</button>
</form></main></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

const providerCallback = provider.callback();

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", OIDC_URL);
  const match = url.pathname.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (!match) return providerCallback(req, res);
  try {
    // Throws for an unknown or expired interaction (answered 400 below).
    await provider.interactionDetails(req, res);
    const uid = match[1] ?? "";
    if (!match[2]) {
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
      });
      res.end(loginPage(uid));
      return;
    }
    const form = await readForm(req);
    const login = (form.get("login") ?? "").trim().toLowerCase();
    if (!people.has(login) || form.get("password") !== E2E_IDP_PASSWORD) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(loginPage(uid, "Unknown user or wrong password."));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: login } },
      { mergeWithLastSubmission: false },
    );
  } catch (error) {
    console.error("oidc interaction error", error);
    res.writeHead(400, { "Content-Type": "text/plain" });
    res.end("interaction failed");
  }
});

server.listen(OIDC_PORT, "localhost", () => {
  console.log(`test OpenID provider on ${OIDC_URL}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
