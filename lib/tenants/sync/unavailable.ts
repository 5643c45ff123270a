import "server-only";
import { ApiError } from "@/lib/api/errors";

// What a request is told while there is no snapshot to serve yet: every answer is a 503 the UI
// shows as is, with a Retry-After that matches how soon asking again can help. Kept apart from the
// holder's state machine so the wording can be read, changed and tested in one place.

const fmt = (n: number) => n.toLocaleString("en-US");

/** The first sync is running (here or on another instance) and has read `tenantsRead` so far. */
export function firstSyncInProgress(progress: {
  tenantsRead: number;
  expected: number | null;
}): ApiError {
  const of = progress.expected === null ? "" : ` of ${fmt(progress.expected)}`;
  return new ApiError(
    503,
    "upstream_unavailable",
    `First sync in progress: ${fmt(progress.tenantsRead)}${of} tenants read. Try again in a few seconds.`,
    { retryAfterSeconds: 5 },
  );
}

/** The last attempt at a first sync failed with `error`; the next is `retryMs` after it. */
export function firstSyncFailed(error: string | null, retryMs: number): ApiError {
  const retrySeconds = Math.ceil(retryMs / 1000);
  return new ApiError(
    503,
    "upstream_unavailable",
    `The first sync has not succeeded yet (it is retried every ${retrySeconds} s): ${error ?? "it failed."}`,
    { retryAfterSeconds: retrySeconds },
  );
}

/** No first sync has started yet (or its run is not visible yet). */
export function firstSyncStarting(): ApiError {
  return new ApiError(
    503,
    "upstream_unavailable",
    "The first sync is starting. Try again in a few seconds.",
    { retryAfterSeconds: 5 },
  );
}

/** The snapshot database could not be opened. */
export function snapshotStoreUnreachable(cause: unknown): ApiError {
  return new ApiError(
    503,
    "upstream_unavailable",
    "The snapshot database is not reachable right now. Try again in a minute.",
    { retryAfterSeconds: 30, cause },
  );
}
