import "server-only";
import { parseEnv, type Env } from "./schema";

// Parsed once per process; instrumentation.ts calls getEnv() at start-up so a bad setting stops the
// server before it serves anything.
let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvForTests(): void {
  cached = undefined;
}
