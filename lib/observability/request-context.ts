import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { globalSingleton } from "@/lib/runtime/global-singleton";

// What every log line written while handling a request carries (its id), without passing it down
// through every call: withRoute runs the handler inside the store, lib/log.ts reads it in a pino
// mixin. One store per process, since the logger may have been created by another bundle.

export interface RequestContext {
  reqId: string;
}

const storage = globalSingleton("request-context", () => new AsyncLocalStorage<RequestContext>());

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The id of the request being handled, or undefined outside one (start-up, the sync loop). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.reqId;
}

/**
 * Runs `fn`, and whatever it schedules, outside any request: for background work that a request
 * happens to start (the sync loop), whose lines must not carry that request's id forever after.
 */
export function outsideRequest<T>(fn: () => T): T {
  return storage.exit(fn);
}
