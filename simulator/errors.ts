// Qlik's error shape ({errors:[{code,title,detail,status,source?,meta?}], traceId}) and the one
// error class every route throws. The rate-limit body is the platform page's thinner variant.
import { randomBytes } from "node:crypto";

export interface QlikErrorItem {
  code: string;
  title: string;
  status: string;
  detail?: string;
  source?: { parameter?: string; pointer?: string };
  meta?: Record<string, unknown>;
}

export interface QlikErrorBody {
  errors: QlikErrorItem[];
  traceId: string;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "API rate limit reached.",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? "Server Error" : "Client Error");
}

/** An error answer. Thrown anywhere below a route; the server turns it into the Qlik shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly source?: QlikErrorItem["source"];
  readonly meta?: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    detail: string,
    opts: {
      title?: string;
      source?: QlikErrorItem["source"];
      meta?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.title = opts.title ?? statusTitle(status);
    this.source = opts.source;
    this.meta = opts.meta;
    this.headers = opts.headers ?? {};
  }
}

/** A 400 naming the query parameter at fault. */
export function badParameter(parameter: string, detail: string, meta?: Record<string, unknown>) {
  return new ApiError(400, detail, {
    title: parameter === "filter" ? "Invalid filter" : "Invalid query parameter",
    source: { parameter },
    meta,
  });
}

/** A 400 naming the body property at fault (JSON Pointer). */
export function badBody(pointer: string, detail: string) {
  return new ApiError(400, detail, { title: "Invalid request body", source: { pointer } });
}

export function newTraceId(): string {
  return randomBytes(8).toString("hex");
}

/**
 * Errors of the tenants API: item with status/source/meta plus a top-level traceId. With
 * `tokenShape`, the thinner TokenErrors form the contract gives /oauth/token (no source, no traceId).
 */
export function errorBody(
  err: ApiError,
  tokenShape = false,
): QlikErrorBody | { errors: QlikErrorItem[] } {
  const item: QlikErrorItem = {
    code: `HTTP-${err.status}`,
    title: err.title,
    detail: err.message,
    status: String(err.status),
  };
  if (tokenShape) return { errors: [item] };
  if (err.source) item.source = err.source;
  if (err.meta) item.meta = err.meta;
  return { errors: [item], traceId: newTraceId() };
}

/** The body Qlik's rate-limiting page shows (no status, no traceId). */
export function rateLimitBody(retryAfterSeconds: number) {
  return {
    errors: [
      {
        code: "HTTP-429",
        title: "API rate limit reached.",
        detail: `You need to wait ${retryAfterSeconds} seconds until limit is lifted.`,
      },
    ],
  };
}
