import "server-only";
import type { NextRequest } from "next/server";
import { getLogger } from "@/lib/log";
import { routePattern } from "./labels";
import { recordHttpRequest } from "./metrics";
import { runWithRequestContext } from "./request-context";
import { REQUEST_ID_HEADER, requestIdOf } from "./request-id";

// What withRoute adds around every API handler, whatever it answers (errors and denials too): the
// request id (./request-id.ts) in the log lines written meanwhile and in the answer's X-Request-Id,
// and the request in the HTTP metrics under its route pattern. Latency is measured until the
// answer's status and headers are ready; a streamed body (an export) goes on after that, still
// inside the request's context.

type RawParams = Record<string, string | string[] | undefined>;
type Handler = (req: NextRequest, context?: { params: Promise<RawParams> }) => Promise<Response>;

export function observeRoute(handler: Handler): Handler {
  return async (req, context) => {
    const reqId = requestIdOf(req.headers);
    const started = performance.now();
    return runWithRequestContext({ reqId }, async () => {
      const response = await handler(req, context);
      const seconds = (performance.now() - started) / 1000;
      const params = ((await Promise.resolve(context?.params).catch(() => undefined)) ??
        {}) as RawParams;
      try {
        const route = routePattern(req.nextUrl.pathname, params);
        recordHttpRequest(route, req.method, response.status, seconds);
        const logger = getLogger();
        if (logger.isLevelEnabled("debug"))
          logger.debug(
            {
              module: "http",
              method: req.method,
              route,
              status: response.status,
              ms: seconds * 1e3,
            },
            "request",
          );
      } catch {
        // Counting and logging never cost the caller the answer.
      }
      return withRequestId(streamedInContext(response, reqId), reqId);
    });
  };
}

/**
 * A download (Content-Disposition: attachment, the exports) is written after the handler has
 * returned, by whoever reads the body: each read is made inside the request's context, so the
 * lines the stream writes (an export's end or failure) carry the request id too. Other bodies are
 * left as they are.
 */
function streamedInContext(response: Response, reqId: string): Response {
  const body = response.body;
  if (!body || !/^\s*attachment/i.test(response.headers.get("content-disposition") ?? ""))
    return response;
  const reader = body.getReader();
  const inContext = <T>(fn: () => Promise<T>) => runWithRequestContext({ reqId }, fn);
  const stream = new ReadableStream<Uint8Array>({
    pull: (controller) =>
      inContext(async () => {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      }),
    cancel: (reason) => inContext(() => reader.cancel(reason)),
  });
  return new Response(stream, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function withRequestId(response: Response, reqId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, reqId);
    return response;
  } catch {
    // Immutable headers (Response.redirect): the same answer with a copy of them.
    const headers = new Headers(response.headers);
    headers.set(REQUEST_ID_HEADER, reqId);
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  }
}
