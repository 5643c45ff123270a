import "server-only";
import { log } from "@/lib/log";

// After a new snapshot is installed and indexed, the previous snapshot, the pass's pages and the
// index build's scratch space are garbage: 100–200 MB for 50,000 tenants, which V8 keeps as heap
// (and the process as RSS) until allocation forces a full collection, on an idle server possibly
// never. When the server runs with --expose-gc (server.mjs is started that way), one full
// collection a few seconds later, once the requests still holding the old snapshot have ended,
// hands that memory back. Once per sync; the pause is logged (≈ 50–150 ms at 50,000 tenants).

const DELAY_MS = 3000;
let pending: NodeJS.Timeout | null = null;

export function releaseMemorySoon(reason: string): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function" || pending) return;
  pending = setTimeout(() => {
    pending = null;
    const before = process.memoryUsage().rss;
    const started = performance.now();
    gc();
    log("memory").info(
      {
        reason,
        pauseMs: Math.round(performance.now() - started),
        rssMbBefore: Math.round(before / 2 ** 20),
        rssMbAfter: Math.round(process.memoryUsage().rss / 2 ** 20),
      },
      "released the previous snapshot's memory",
    );
  }, DELAY_MS);
  pending.unref();
}
