import { globalSingleton } from "@/lib/runtime/global-singleton";

// One error type for every API route, and the one JSON shape it becomes:
// `{ "error": { "code": "not_found", "message": "No tenant with id …" } }`.
// Throw ApiError (or a helper below) anywhere under a route handler; withRoute() turns it into a
// response. Anything else becomes a 500 with a generic message: upstream text and stack traces stay
// in the server log.

export type ApiErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "no_access"
  | "not_found"
  | "share_expired"
  | "share_revoked"
  | "export_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "internal_error"
  | "upstream_unavailable"
  | "not_ready";

export type ApiErrorBody = { error: { code: ApiErrorCode; message: string } };

class ApiErrorClass extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Seconds until a retry can succeed; sent as Retry-After (429, 503). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    options: { retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * One class for the whole process: instrumentation.ts is bundled with its own copy of every module
 * it imports, and the snapshot holder it starts throws its ApiErrors into route handlers, where
 * `instanceof ApiError` must hold.
 */
export const ApiError = globalSingleton("class:ApiError", () => ApiErrorClass);
export type ApiError = ApiErrorClass;

export const badRequest = (message: string) => new ApiError(400, "bad_request", message);
export const unauthorized = (message = "Sign in to use this.") =>
  new ApiError(401, "unauthorized", message);
export const forbidden = (message = "Your role does not allow this.") =>
  new ApiError(403, "forbidden", message);
export const notFound = (message = "Not found.") => new ApiError(404, "not_found", message);
export const conflict = (message: string) => new ApiError(409, "conflict", message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new ApiError(429, "rate_limited", message, { retryAfterSeconds });
/** Qlik Cloud (or another upstream) did not answer usefully; `cause` is logged, never sent. */
export const upstreamUnavailable = (
  message = "Qlik Cloud is not reachable right now. Try again in a minute.",
  options: { retryAfterSeconds?: number; cause?: unknown } = {},
) => new ApiError(503, "upstream_unavailable", message, options);

const INTERNAL_MESSAGE = "Something went wrong on the server. It has been logged.";

/** The JSON answer for `error`, with no-store so no cache keeps an error or a denial. */
export function errorResponse(error: ApiError): Response {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (error.retryAfterSeconds !== undefined)
    headers["retry-after"] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  const body: ApiErrorBody = { error: { code: error.code, message: error.message } };
  return Response.json(body, { status: error.status, headers });
}

export function internalError(): ApiError {
  return new ApiError(500, "internal_error", INTERNAL_MESSAGE);
}
