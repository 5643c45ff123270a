import "server-only";
import { qlikEndpoint } from "@/lib/observability/labels";
import { recordQlikRequest } from "@/lib/observability/metrics";
import { QlikProtocolError, type UpstreamError } from "./errors";
import type {
  FetchLike,
  FetchResponseLike,
  QlikLogger,
  QlikRetryOptions,
  QlikTimeoutOptions,
} from "./options";
import type { Redactor } from "./redact";
import type { QlikClientStats } from "./stats";
import { abortReason } from "./timing";

// One HTTP exchange: send, follow same-origin redirects by hand (a redirect elsewhere would carry
// the bearer token or, for /oauth/token, the client secret), read the whole body under the
// per-attempt timeout and within maxResponseBytes (counted while streaming: an oversized or endless
// body is a protocol error once the limit is crossed, not memory growth). Network failures become
// TransportError; the caller decides about retries.

export interface QlikContext {
  /** Without trailing slash; may include a path prefix. */
  baseUrl: string;
  origin: string;
  fetch: FetchLike;
  logger: QlikLogger;
  redactor: Redactor;
  timeouts: Required<QlikTimeoutOptions>;
  retry: Required<QlikRetryOptions>;
  maxRetryAfterMs: number;
  /** Largest response body read, in bytes (after decompression). */
  maxResponseBytes: number;
  now: () => number;
  random: () => number;
  totals: QlikClientStats;
}

export interface HttpResult {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
  /** Final URL after redirects. */
  url: string;
}

export class TransportError extends Error {
  constructor(
    readonly kind: "network" | "timeout",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "TransportError";
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;

export interface SendRequest {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** One exchange, counted in the metrics by endpoint and status (every request to Qlik passes here). */
export async function sendOnce(ctx: QlikContext, request: SendRequest): Promise<HttpResult> {
  const endpoint = qlikEndpoint(ctx.baseUrl, request.url);
  try {
    const result = await exchange(ctx, request);
    recordQlikRequest(request.method, endpoint, result.status);
    return result;
  } catch (error) {
    const why =
      error instanceof TransportError
        ? error.kind
        : error instanceof QlikProtocolError
          ? "protocol_error"
          : "aborted";
    recordQlikRequest(request.method, endpoint, why);
    throw error;
  }
}

async function exchange(ctx: QlikContext, request: SendRequest): Promise<HttpResult> {
  const timeout = AbortSignal.timeout(ctx.timeouts.requestMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let { method, url, body } = request;
  for (let hop = 0; ; hop++) {
    let status: number;
    let headers: HttpResult["headers"];
    let text: string;
    try {
      const response = await ctx.fetch(url, {
        method,
        headers: request.headers,
        body,
        signal,
        redirect: "manual",
      });
      status = response.status;
      headers = response.headers;
      if (REDIRECTS.has(status)) {
        text = "";
        void discardBody(response);
      } else {
        text = await readBody(response, ctx.maxResponseBytes, `${method} ${pathOf(url)}`);
      }
    } catch (error) {
      if (error instanceof QlikProtocolError) throw error;
      if (request.signal?.aborted) throw abortReason(request.signal);
      const cause = ctx.redactor.sanitizeCause(error);
      if (timeout.aborted) {
        throw new TransportError(
          "timeout",
          `no complete response within ${ctx.timeouts.requestMs} ms`,
          { cause },
        );
      }
      throw new TransportError("network", describeNetworkError(error, ctx), { cause });
    }
    if (!REDIRECTS.has(status)) return { status, headers, text, url };

    const location = headers.get("location");
    let target: URL;
    try {
      target = new URL(location ?? "", url);
    } catch {
      throw new QlikProtocolError(
        "redirect",
        `unreadable redirect (HTTP ${status}) from ${pathOf(url)}`,
      );
    }
    if (!location || target.origin !== ctx.origin) {
      throw new QlikProtocolError(
        "redirect",
        `redirect (HTTP ${status}) from ${pathOf(url)} to another host was not followed`,
        { status },
      );
    }
    if (hop >= MAX_REDIRECTS) {
      throw new QlikProtocolError(
        "redirect",
        `more than ${MAX_REDIRECTS} redirects from ${pathOf(url)}`,
      );
    }
    if (status === 303 || ((status === 301 || status === 302) && method !== "GET")) {
      method = "GET";
      body = undefined;
    }
    url = target.href;
  }
}

/**
 * The body as UTF-8 text, read chunk by chunk. More than `maxBytes` (declared in Content-Length or
 * counted as the bytes arrive) cancels the stream, which closes the connection, and throws.
 */
async function readBody(
  response: FetchResponseLike,
  maxBytes: number,
  where: string,
): Promise<string> {
  const tooLarge = () =>
    new QlikProtocolError(
      "too_large",
      `${where} answered with more than ${describeBytes(maxBytes)}; reading stopped`,
      { status: response.status },
    );
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discardBody(response);
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!value) continue;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join("");
}

/** Stops a body nobody reads (a redirect's, an oversized one) so its connection is let go. */
async function discardBody(response: FetchResponseLike): Promise<void> {
  try {
    await response.body?.getReader().cancel();
  } catch {
    // already closed or errored: nothing left to release
  }
}

function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function describeNetworkError(error: unknown, ctx: QlikContext): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === "string" ? `${current.message} (${code})` : current.message);
    current = current.cause;
  }
  return ctx.redactor.redact(parts.join(": ") || "network error").slice(0, 500);
}

/** Path of a URL for messages and logs; the query can hold tenant names, so it is left out. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "(invalid URL)";
  }
}

/** Qlik's error body `{"errors":[{code,title,detail,status}],"traceId"}`, redacted and trimmed. */
export function readUpstreamError(status: number, text: string, redactor: Redactor): UpstreamError {
  const upstream: UpstreamError = { status };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return upstream;
  }
  if (typeof body !== "object" || body === null) return upstream;
  const record = body as Record<string, unknown>;
  const first = Array.isArray(record.errors) ? (record.errors[0] as unknown) : undefined;
  const clean = (value: unknown) =>
    typeof value === "string" && value !== "" ? redactor.redact(value).slice(0, 300) : undefined;
  if (typeof first === "object" && first !== null) {
    const item = first as Record<string, unknown>;
    upstream.code = clean(item.code);
    upstream.title = clean(item.title);
    upstream.detail = clean(item.detail);
  }
  upstream.traceId = clean(record.traceId);
  return upstream;
}

/** "HTTP 403 (Forbidden: no access)" for messages. */
export function describeStatus(upstream: UpstreamError): string {
  const text = [upstream.title, upstream.detail].filter(Boolean).join(": ");
  const trace = upstream.traceId ? `, trace ${upstream.traceId}` : "";
  return `HTTP ${upstream.status}${text ? ` (${text}${trace})` : trace ? ` (${trace.slice(2)})` : ""}`;
}
