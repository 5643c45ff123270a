import "server-only";

// Typed errors of the Organization API client. Each carries a stable `code` (for the API's
// `{ error: { code, message } }` shape and for tests) and a `userMessage` a person can act on.
// Messages never contain the client secret or an access token: causes are rebuilt through
// `sanitizeCause` before they are attached, and upstream text stays in `upstream` (logs only).

export type QlikErrorCode =
  | "qlik_auth_failed"
  | "qlik_permission_denied"
  | "qlik_rate_limited"
  | "qlik_unavailable"
  | "qlik_protocol_error"
  | "qlik_request_rejected";

/** What Qlik said about an error, from its `{"errors":[...],"traceId"}` body. Log it; don't show it. */
export interface UpstreamError {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  traceId?: string;
}

interface QlikErrorOptions {
  cause?: unknown;
  status?: number;
  upstream?: UpstreamError;
}

export abstract class QlikError extends Error {
  abstract readonly code: QlikErrorCode;
  /** One or two sentences for the person running Tenant Atlas: what is wrong, what to do. */
  readonly userMessage: string;
  /** HTTP status that caused the error, when there was one. */
  readonly status: number | undefined;
  readonly upstream: UpstreamError | undefined;

  constructor(message: string, userMessage: string, options: QlikErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.userMessage = userMessage;
    this.status = options.status;
    this.upstream = options.upstream;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      userMessage: this.userMessage,
      status: this.status,
      upstream: this.upstream,
    };
  }
}

/** The token endpoint refused the client credentials (or a fresh token was refused by the API). */
export class QlikAuthError extends QlikError {
  readonly code = "qlik_auth_failed" as const;
  constructor(message: string, options: QlikErrorOptions & { userMessage?: string } = {}) {
    super(
      message,
      options.userMessage ??
        "Qlik rejected the client ID or secret: check QLIK_CLIENT_ID/QLIK_CLIENT_SECRET, or create a new secret in the Cloud Console.",
      options,
    );
  }
}

/** 403 from the API: the OAuth client is not an organization-level client, or the filter reaches outside the org. */
export class QlikPermissionError extends QlikError {
  readonly code = "qlik_permission_denied" as const;
  constructor(message: string, options: QlikErrorOptions & { userMessage?: string } = {}) {
    super(
      message,
      options.userMessage ??
        "The OAuth client has no organization permission: recreate it in the Cloud Console (console.qlikcloud.com → OAuth) as the Service Account Owner.",
      options,
    );
  }
}

/** Still rate limited after the allowed waits, or told to wait longer than we are willing to. */
export class QlikRateLimitError extends QlikError {
  readonly code = "qlik_rate_limited" as const;
  /** How long Qlik asked us to wait, when it said so. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: QlikErrorOptions & { retryAfterMs?: number } = {}) {
    const wait =
      options.retryAfterMs === undefined
        ? "a few minutes"
        : `${Math.max(1, Math.ceil(options.retryAfterMs / 1000))} s`;
    super(
      message,
      `Qlik Cloud is rate limiting Tenant Atlas: try again in ${wait}. If this keeps happening, another tool may be using the same OAuth client; lower its request rate or give it its own client.`,
      options,
    );
    this.retryAfterMs = options.retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** Network errors, timeouts or 5xx that outlasted every retry. */
export class QlikUnavailableError extends QlikError {
  readonly code = "qlik_unavailable" as const;
  readonly origin: string;
  /**
   * `status`: the last HTTP status when Qlik did answer, with server errors (5xx, 408); without
   * it Qlik could not be reached at all. The message says which, since the fixes differ.
   */
  constructor(
    origin: string,
    message: string,
    options: QlikErrorOptions & { status?: number; attempts?: number } = {},
  ) {
    const { attempts, ...rest } = options;
    const answered = options.status;
    super(
      message,
      answered === undefined
        ? `Qlik Cloud is unreachable at ${origin}: check the network and proxy settings and QLIK_BASE_URL, or see status.qlik.com. Tenant Atlas keeps showing the last snapshot and tries again at the next sync.`
        : `Qlik Cloud at ${origin} answered with server errors (HTTP ${answered}${attempts ? `, ${attempts} attempts` : ""}): it may be having trouble; see status.qlik.com. Tenant Atlas keeps showing the last snapshot and tries again at the next sync.`,
      rest,
    );
    this.origin = origin;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), origin: this.origin };
  }
}

export type ProtocolReason =
  | "malformed_json"
  | "invalid_response"
  | "invalid_tenant"
  | "foreign_link"
  | "malformed_link"
  | "cursor_loop"
  | "too_many_pages"
  | "too_large"
  | "redirect";

/** Qlik answered, but with something we cannot use safely. Not retried (except malformed JSON, before this). */
export class QlikProtocolError extends QlikError {
  readonly code = "qlik_protocol_error" as const;
  readonly reason: ProtocolReason;
  /** For reason "invalid_tenant"/"invalid_response": the offending field, e.g. "regionCode" or "links.next.href". */
  readonly field: string | undefined;
  /** For reason "invalid_tenant": the tenant's id, when it had one. */
  readonly tenantId: string | undefined;
  constructor(
    reason: ProtocolReason,
    message: string,
    options: QlikErrorOptions & { field?: string; tenantId?: string } = {},
  ) {
    super(
      message,
      `Qlik Cloud sent a response Tenant Atlas cannot use (${message}). Nothing was changed; try again later, and report it if it persists.`,
      options,
    );
    this.reason = reason;
    this.field = options.field;
    this.tenantId = options.tenantId;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason, field: this.field, tenantId: this.tenantId };
  }
}

/** Any other 4xx: usually an invalid filter or parameter (a bug or a bad saved filter), not a Qlik outage. */
export class QlikRequestError extends QlikError {
  readonly code = "qlik_request_rejected" as const;
  constructor(message: string, options: QlikErrorOptions & { userMessage?: string } = {}) {
    super(
      message,
      options.userMessage ??
        `Qlik Cloud rejected the request (HTTP ${options.status ?? "error"}): the filter or parameters are not accepted. Check the filter; if it persists, report it with the log line.`,
      options,
    );
  }
}

/** True for any error from this module. */
export function isQlikError(error: unknown): error is QlikError {
  return error instanceof QlikError;
}
