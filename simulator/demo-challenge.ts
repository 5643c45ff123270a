// The demo key challenge. `npm start` makes a random key for each run and gives it to the simulator
// it launches and to the app. Before the app lets anyone in as a demo user, it sends a fresh nonce
// to QLIK_BASE_URL and expects this HMAC of it back: only that simulator knows the key, so a real
// Qlik Cloud, or a proxy to one, never answers correctly, and demo users never see real data.
// Plain node:crypto, no server-only: the simulator (plain Node) and the app both import it.
import { createHmac } from "node:crypto";

export const DEMO_CHALLENGE_PATH = "/__sim/demo-challenge";
/** What a nonce looks like: 32 to 128 URL-safe characters (the app sends 43). */
export const DEMO_NONCE_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;
/** The shortest key accepted (npm start makes 43 characters from 32 random bytes). */
export const DEMO_KEY_MIN_LENGTH = 32;

/** The answer to `nonce` under `key`: HMAC-SHA-256, base64url. */
export function demoChallengeProof(key: string, nonce: string): string {
  return createHmac("sha256", key)
    .update(`tenant-atlas demo challenge\n${nonce}`)
    .digest("base64url");
}
