import "server-only";
import diagnosticsChannel from "node:diagnostics_channel";
import type { Server } from "node:http";
import { globalSingleton } from "./global-singleton";

// Stopping on SIGTERM (docker stop, a rolling deploy) or SIGINT without dropping work: stop
// accepting connections, let the requests in flight finish, then run the app's own clean-up (the
// sync loop records a running pass as interrupted and gives its lease back) and exit with 0.
//
// Next.js's server handles these signals itself, but it exits as soon as its HTTP server has
// closed, before asynchronous clean-up of ours has finished. Next lets an app own the signals
// instead (NEXT_MANUAL_SIG_HANDLE); so that `node server.js` needs no extra setting, start-up takes
// them over here. Node's diagnostics channel names the HTTP server of every request, which is how
// this module finds the server to close without a custom server.

/** Requests in flight get this long to finish before their connections are closed. */
export const DRAIN_MS = 8_000;
/** The app's clean-up gets this long; together they stay under `docker stop`'s default 10 s. */
export const CLEANUP_MS = 1_500;

export interface ShutdownLogger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

export interface GracefulShutdownOptions {
  /** The app's clean-up once no request runs any more (stop the sync, give the lease back). */
  cleanup: () => Promise<void>;
  logger: ShutdownLogger;
  drainMs?: number;
  cleanupMs?: number;
  /** Ends the process; tests pass a stub. */
  exit?: (code: number) => void;
}

interface RequestMessage {
  server: Server;
}

interface ShutdownState {
  servers: Set<Server>;
  stopping: Promise<void> | null;
}

const state = globalSingleton<ShutdownState>("graceful-shutdown", () => ({
  servers: new Set(),
  stopping: null,
}));

function onRequestStart(message: unknown): void {
  state.servers.add((message as RequestMessage).server);
}

// A keep-alive connection whose last response has just been sent is idle: closing it lets the
// server's close() complete instead of waiting for the client to hang up.
function onResponseFinish(message: unknown): void {
  if (!state.stopping) return;
  const { server } = message as RequestMessage;
  setImmediate(() => server.closeIdleConnections());
}

/** Resolves true when `promise` settled within `ms`, false when the time ran out first. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** Stops the process as described at the top; a second call joins the first. */
export function shutdown(signal: string, options: GracefulShutdownOptions): Promise<void> {
  state.stopping ??= (async () => {
    const { logger } = options;
    const exit = options.exit ?? ((code: number) => process.exit(code));
    const servers = [...state.servers];
    logger.info({ signal, servers: servers.length }, "stopping: finishing the requests in flight");
    const drained = await within(
      Promise.all(servers.map(closeServer)),
      options.drainMs ?? DRAIN_MS,
    );
    if (!drained) {
      logger.warn({}, "requests still running at the deadline: closing their connections");
      for (const server of servers) server.closeAllConnections();
    }
    let cleaned = false;
    try {
      cleaned = await within(options.cleanup(), options.cleanupMs ?? CLEANUP_MS);
      if (!cleaned) logger.warn({}, "clean-up did not finish in time");
    } catch (err) {
      logger.error({ err }, "clean-up failed");
    }
    logger.info({ signal, clean: drained && cleaned }, "stopped");
    exit(0);
  })();
  return state.stopping;
}

/** Notes the HTTP server of every request from now on, so shutdown() can close it (once per process). */
export function watchHttpServers(): void {
  globalSingleton("graceful-shutdown:watching", () => {
    diagnosticsChannel.subscribe("http.server.request.start", onRequestStart);
    diagnosticsChannel.subscribe("http.server.response.finish", onResponseFinish);
    return true;
  });
}

/**
 * Takes SIGTERM and SIGINT over from Next.js's own handlers (once per process) and stops through
 * shutdown() when one arrives.
 */
export function installGracefulShutdown(options: GracefulShutdownOptions): void {
  watchHttpServers();
  globalSingleton("graceful-shutdown:installed", () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
      process.on(signal, () => void shutdown(signal, options));
    }
    return true;
  });
}
