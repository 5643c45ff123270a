import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Env } from "@/lib/config/schema";
import { log, maskInLogs } from "@/lib/log";
import { globalSingleton } from "@/lib/runtime/global-singleton";
import {
  DEMO_CHALLENGE_PATH,
  DEMO_KEY_MIN_LENGTH,
  demoChallengeProof,
} from "@/simulator/demo-challenge";
import type { Role } from "./principal";
import { DEMO_UNAVAILABLE } from "./sign-in-errors";

// Demo mode: the app runs against the built-in simulator, and anyone who can open it may try it as
// a demo admin or viewer. The settings asking for it (isDemoMode) are not enough to let anyone in:
// demo sign-in works only once QLIK_BASE_URL has proved it is the simulator `npm start` launched for
// this run (demoSignInAvailable), by answering a fresh nonce with the HMAC of the per-run key
// (ATLAS_DEMO_KEY, see simulator/demo-challenge.ts). A real Qlik Cloud, or a proxy in front of one,
// cannot, so demo users can never reach an organization's data. Checked here on the server, not
// only by hiding the buttons.

/** The settings ask for demo mode: ATLAS_DEMO and a Qlik URL on this machine. */
export function isDemoMode(env: Pick<Env, "ATLAS_DEMO" | "QLIK_BASE_URL">): boolean {
  if (!env.ATLAS_DEMO) return false;
  const host = new URL(env.QLIK_BASE_URL).hostname;
  return ["localhost", "127.0.0.1", "::1", "[::1]"].includes(host);
}

/** The per-run demo key `npm start` hands the app; read here and nowhere else. */
function demoKey(): string | undefined {
  const key = process.env.ATLAS_DEMO_KEY;
  if (!key || key.length < DEMO_KEY_MIN_LENGTH) return undefined;
  maskInLogs(key);
  return key;
}

const CHALLENGE_TIMEOUT_MS = 3000;
/** After a failed challenge, the next request tries again once this has passed. */
const RETRY_AFTER_FAILURE_MS = 5000;

type Verification = { target: string; at: number; passed: Promise<boolean> };
const state = globalSingleton("auth:demo-verification", () => ({
  last: undefined as Verification | undefined,
}));

/**
 * True when demo sign-in may be used: the settings ask for demo mode and QLIK_BASE_URL answered
 * the demo challenge. A pass holds for the process; a failure is retried after a few seconds.
 */
export async function demoSignInAvailable(
  env: Pick<Env, "ATLAS_DEMO" | "QLIK_BASE_URL">,
): Promise<boolean> {
  if (!isDemoMode(env)) return false;
  const key = demoKey();
  if (!key) return false;
  const target = `${env.QLIK_BASE_URL}\n${key}`;
  const last = state.last;
  if (last?.target === target) {
    if (await last.passed) return true;
    if (Date.now() - last.at < RETRY_AFTER_FAILURE_MS) return false;
  }
  const attempt: Verification = {
    target,
    at: Date.now(),
    passed: challenge(env.QLIK_BASE_URL, key),
  };
  state.last = attempt;
  return attempt.passed;
}

const answerSchema = z.object({ proof: z.string().max(200) });

async function challenge(baseUrl: string, key: string): Promise<boolean> {
  const nonce = randomBytes(32).toString("base64url");
  let proof: string;
  try {
    const response = await fetch(`${baseUrl}${DEMO_CHALLENGE_PATH}?nonce=${nonce}`, {
      redirect: "error",
      cache: "no-store",
      signal: AbortSignal.timeout(CHALLENGE_TIMEOUT_MS),
    });
    const answer = response.ok ? answerSchema.safeParse(await response.json()) : undefined;
    if (!answer?.success) return refuse(`it answered the demo challenge with ${response.status}`);
    proof = answer.data.proof;
  } catch (error) {
    return refuse(`the demo challenge failed (${(error as Error).name})`);
  }
  const expected = Buffer.from(demoChallengeProof(key, nonce));
  const given = Buffer.from(proof);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return refuse("it answered the demo challenge wrongly");
  log("auth").info({ event: "demo_verified" }, "demo sign-in on: QLIK_BASE_URL is the simulator");
  return true;
}

function refuse(why: string): false {
  log("auth").warn(
    { event: "demo_refused" },
    `demo sign-in is off: QLIK_BASE_URL is not the simulator npm start launched (${why})`,
  );
  return false;
}

/** Tests: forget the outcome of the last challenge. */
export function resetDemoVerificationForTests(): void {
  state.last = undefined;
}

export const DEMO_USERS: Record<Role, { email: string; name: string }> = {
  admin: { email: "demo-admin@demo.invalid", name: "Demo admin" },
  viewer: { email: "demo-viewer@demo.invalid", name: "Demo viewer" },
};

const demoInput = z.object({ role: z.enum(["admin", "viewer"]) });

export type DemoUser = { id: string; email: string; name: string; demoRole: Role };

/** The demo credentials provider's authorize(): a demo user, or an error outside demo mode. */
export async function authorizeDemo(
  credentials: unknown,
  env: Pick<Env, "ATLAS_DEMO" | "QLIK_BASE_URL">,
): Promise<DemoUser | null> {
  if (!(await demoSignInAvailable(env))) throw new Error(DEMO_UNAVAILABLE);
  const parsed = demoInput.safeParse(credentials);
  if (!parsed.success) return null;
  const role = parsed.data.role;
  return { id: `demo-${role}`, ...DEMO_USERS[role], demoRole: role };
}
