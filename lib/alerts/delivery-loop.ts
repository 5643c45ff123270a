import "server-only";
import { getEnv } from "@/lib/config/env";
import { getStorage } from "@/lib/db/storage";
import { log } from "@/lib/log";
import { dropGlobalSingleton, globalSingleton } from "@/lib/runtime/global-singleton";
import { AlertWorker } from "./worker";

// The app's delivery worker: one per server process, started at server start
// (lib/runtime/on-server-start.ts) and stopped on SIGTERM with the sync.

const KEY = "alerts:worker";

export function startAlertDelivery(): void {
  globalSingleton(KEY, () => {
    const worker = new AlertWorker({
      storage: getStorage,
      settings: () => {
        const env = getEnv();
        return {
          SMTP_URL: env.SMTP_URL,
          ALERTS_FROM: env.ALERTS_FROM,
          NEXTAUTH_URL: env.NEXTAUTH_URL,
        };
      },
      logger: log("alerts"),
    });
    worker.start();
    return worker;
  });
}

export async function stopAlertDelivery(): Promise<void> {
  await dropGlobalSingleton<AlertWorker>(KEY)?.stop();
}
