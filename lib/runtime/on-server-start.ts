import "server-only";
import { startAlertDelivery, stopAlertDelivery } from "@/lib/alerts/delivery-loop";
import { EnvError, parseEnv } from "@/lib/config/schema";
import { installPeerAddressStamp } from "@/lib/http/peer-address-stamp";
import { log } from "@/lib/log";
import { startSnapshotSync, stopSnapshotSync } from "@/lib/tenants/snapshot";
import { installGracefulShutdown } from "./graceful-shutdown";

// What the Node.js server does once at start (instrumentation.ts calls it): record each request's
// socket address for rate limits (lib/http/peer-address-stamp.ts), validate every setting so a bad
// one stops the process with a one-line message instead of failing on the first request, open the
// database (which applies its migrations), serve the last good snapshot at once and start syncing
// in the background, and start the alert delivery worker. In production it also owns SIGTERM/SIGINT
// (./graceful-shutdown.ts): requests in flight finish, and the sync and the alert worker give their
// leases back before the process exits.
export function onServerStart(): void {
  installPeerAddressStamp();
  try {
    parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`tenant-atlas: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // `next dev` restarts its server process itself; its own signal handling stays.
  if (process.env.NODE_ENV === "production")
    installGracefulShutdown({
      cleanup: async () => void (await Promise.all([stopSnapshotSync(), stopAlertDelivery()])),
      logger: log("server"),
    });
  void startSnapshotSync().catch((error: unknown) =>
    console.error("tenant-atlas: snapshot store:", error instanceof Error ? error.message : error),
  );
  // Alert deliveries: one instance sends (a lease), the others stand by (lib/alerts/worker.ts).
  startAlertDelivery();
}
