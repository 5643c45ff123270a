import "server-only";
import { performance } from "node:perf_hooks";
import { log } from "@/lib/log";

// V8 keeps freed heap as heap (and the process as RSS) until allocation forces a collection, which
// on a server that has gone quiet may be never. Two moments return it, when the server runs with
// --expose-gc (server.mjs is started that way; without the flag both do nothing):
//  - after a new snapshot is installed and indexed, the previous snapshot, the pass's pages and the
//    index build's scratch space are garbage (100–200 MB at 50,000 tenants): one full collection a
//    few seconds later, once the requests still holding the old snapshot have ended;
//  - after a burst of traffic, once the event loop has been nearly idle for a while and the
//    process has grown well past the smallest size it had been seen at since the last one.
// Each is one full collection (≈ 50–150 ms at 50,000 tenants), logged, never while busy.

const AFTER_SWAP_MS = 3000;
const IDLE_CHECK_MS = 15_000;
/** Event-loop utilization under which the server counts as idle over a check interval. */
const IDLE_UTILIZATION = 0.02;
/** RSS growth over the smallest RSS seen since the last full collection that makes an idle server collect. */
const GROWTH_BYTES = 32 * 2 ** 20;

type Gc = () => void;
const gcFunction = (): Gc | null => {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === "function" ? (gc as Gc) : null;
};

let pending: NodeJS.Timeout | null = null;
/** The smallest RSS seen at an idle check since the last full collection. */
let rssFloor = Infinity;
let idleWatch: NodeJS.Timeout | null = null;

function collect(gc: Gc, reason: string): void {
  const before = process.memoryUsage().rss;
  const started = performance.now();
  gc();
  const after = process.memoryUsage();
  rssFloor = Infinity; // V8 hands pages back over the next seconds; the next checks see the floor
  log("memory").info(
    {
      reason,
      pauseMs: Math.round(performance.now() - started),
      rssMbBefore: Math.round(before / 2 ** 20),
      liveHeapMb: Math.round(after.heapUsed / 2 ** 20),
    },
    "full garbage collection to return memory",
  );
}

/** After a snapshot swap: one full collection a few seconds later (once however many ask). */
export function releaseMemorySoon(reason: string): void {
  const gc = gcFunction();
  if (!gc || pending) return;
  pending = setTimeout(() => {
    pending = null;
    collect(gc, reason);
  }, AFTER_SWAP_MS);
  pending.unref();
}

/** Starts the idle check (instrumentation.ts): collects when quiet and memory has grown. */
export function releaseMemoryWhenIdle(): void {
  const gc = gcFunction();
  if (!gc || idleWatch) return;
  let last = performance.eventLoopUtilization();
  idleWatch = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const interval = performance.eventLoopUtilization(now, last);
    last = now;
    if (interval.utilization >= IDLE_UTILIZATION) return;
    const { rss } = process.memoryUsage();
    rssFloor = Math.min(rssFloor, rss);
    if (rss - rssFloor > GROWTH_BYTES) collect(gc, "idle after memory grew");
  }, IDLE_CHECK_MS);
  idleWatch.unref();
}
