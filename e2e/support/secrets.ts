// What must never reach a browser or a log line, and how to look for it: the fixed test secrets,
// and any access token the simulator has issued. The simulator does not list its tokens, so every
// string shaped like one (43 base64url characters) is tried against its tenants endpoint: a 200
// means a live token was found.
import fs from "node:fs";
import path from "node:path";
import {
  E2E_ADMIN_PASSWORD,
  E2E_ADMIN_PASSWORD_HASH,
  E2E_DEMO_KEY,
  E2E_NEXTAUTH_SECRET,
  E2E_OIDC_CLIENT_SECRET,
  E2E_QLIK_CLIENT_ID,
  E2E_QLIK_CLIENT_SECRET,
  SIM_URL,
} from "./env";

export const FIXED_SECRETS: Record<string, string> = {
  "Qlik client secret": E2E_QLIK_CLIENT_SECRET,
  NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
  "OIDC client secret": E2E_OIDC_CLIENT_SECRET,
  "local admin password hash": E2E_ADMIN_PASSWORD_HASH,
  "local admin password": E2E_ADMIN_PASSWORD,
  "demo key": E2E_DEMO_KEY,
};

const TOKEN_SHAPE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

export type Finding = { where: string; what: string };

/** Fixed secrets found in `text` (from `where`). */
export function fixedSecretsIn(text: string, where: string): Finding[] {
  return Object.entries(FIXED_SECRETS)
    .filter(([, value]) => text.includes(value))
    .map(([what]) => ({ where, what }));
}

export function tokenCandidates(text: string): Set<string> {
  return new Set(text.match(TOKEN_SHAPE) ?? []);
}

/** The candidates the simulator accepts as access tokens right now. */
export async function liveSimulatorTokens(candidates: Iterable<string>): Promise<string[]> {
  const live: string[] = [];
  for (const token of candidates) {
    const response = await fetch(`${SIM_URL}/api/core/tenants?limit=1`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (response.status === 200) live.push(token);
  }
  return live;
}

/** A token of our own, to prove the detector finds one (the app's client shares the credentials). */
export async function issueProbeToken(): Promise<string> {
  const response = await fetch(`${SIM_URL}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: E2E_QLIK_CLIENT_ID,
      client_secret: E2E_QLIK_CLIENT_SECRET,
    }),
  });
  if (!response.ok) throw new Error(`simulator token endpoint answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function simulatorTokensIssued(): Promise<number> {
  const response = await fetch(`${SIM_URL}/__sim/stats`);
  return ((await response.json()) as { tokensIssued: number }).tokensIssued;
}

/** Every file under `dir` (recursively), skipping `skip` folder names. */
export function filesUnder(dir: string, skip: string[] = []): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skip.includes(entry.name) ? [] : filesUnder(full, skip);
    return [full];
  });
}

/** Page routes from app/**\/page.tsx, with made-up values for dynamic segments. */
export function pageRoutes(root = process.cwd()): string[] {
  return filesUnder(path.join(root, "app"))
    .filter((f) => /[\\/]page\.(tsx|ts|jsx|js)$/.test(f))
    .map((f) => {
      const segments = path
        .relative(path.join(root, "app"), path.dirname(f))
        .split(path.sep)
        .filter((s) => s && !/^\(.*\)$/.test(s))
        .map((s) => (s.startsWith("[") ? "e2e-probe" : s));
      return `/${segments.join("/")}`;
    })
    .sort();
}
