import "server-only";
import { EnvError, parseEnv } from "@/lib/config/schema";
import { startSnapshotSync } from "@/lib/tenants/snapshot";

// What the Node.js server does once at start (instrumentation.ts calls it): validate every setting
// so a bad one stops the process with a one-line message instead of failing on the first request,
// then serve the last good snapshot at once and start syncing in the background.
export function onServerStart(): void {
  try {
    parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`tenant-atlas: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  void startSnapshotSync().catch((error: unknown) =>
    console.error("tenant-atlas: snapshot store:", error instanceof Error ? error.message : error),
  );
}
