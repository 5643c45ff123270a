import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { constants, gzip } from "node:zlib";
import { NextRequest } from "next/server";
import { errorReply, internalError } from "@/lib/api/errors";
import { isReply, replyBytes, type Reply } from "@/lib/api/reply";
import type { GuardedHandler } from "@/lib/api/with-route";
import { log } from "@/lib/log";
import { SECURITY_HEADERS } from "./security-headers.js";

// Direct routes: a few hot read-only API routes that server.mjs answers itself, calling the very
// handler their route.ts exports (same guard, same parsing, same Reply) but skipping Next.js's
// request pipeline, which costs ≈ 1.8 ms of CPU per request on a 2-core machine — more than the
// whole tenants query (figures in docs/performance.md). Everything Next adds to such
// an answer is added here too: the security headers of next.config.js and gzip when the client
// accepts it. `next dev` and a plain `next start` serve the same routes through Next, unchanged.

const compress = promisify(gzip);
const COMPRESS_FROM_BYTES = 1024; // as Next.js (the `compression` package's threshold)
const KEY = Symbol.for("tenant-atlas.direct-routes");

/** Answers `req` and returns true when it is a direct route; false leaves it to Next.js. */
export type DirectRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

type RouteKey = `GET /${string}`;

export function directRoutes(routes: Record<RouteKey, GuardedHandler>): DirectRoutes {
  const table = new Map<string, GuardedHandler>(Object.entries(routes));
  return (req, res) => {
    const url = req.url ?? "";
    if (req.method !== "GET" || !url.startsWith("/")) return false;
    const q = url.indexOf("?");
    const handler = table.get(`GET ${q === -1 ? url : url.slice(0, q)}`);
    if (!handler) return false;
    const request = toNextRequest(req, url);
    if (!request) return false; // something Next.js should judge, e.g. a malformed Host
    void answer(handler, request, req, res);
    return true;
  };
}

/** Makes server.mjs serve `routes` directly (instrumentation.ts calls this at start-up). */
export function registerDirectRoutes(routes: Record<RouteKey, GuardedHandler>): void {
  (globalThis as Record<symbol, unknown>)[KEY] = directRoutes(routes);
}

function toNextRequest(req: IncomingMessage, url: string): NextRequest | null {
  try {
    const headers = new Headers();
    const raw = req.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] ?? "", raw[i + 1] ?? "");
    return new NextRequest(`http://${req.headers.host || "localhost"}${url}`, { headers });
  } catch {
    return null;
  }
}

async function answer(
  handler: GuardedHandler,
  request: NextRequest,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const result = await handler.reply(request);
    const reply = isReply(result) ? result : await fromResponse(result);
    await send(reply, req, res);
  } catch (error) {
    log("api").error({ err: error, path: request.nextUrl.pathname }, "direct route failed");
    if (res.headersSent) res.destroy();
    else await send(errorReply(internalError()), req, res).catch(() => res.destroy());
  }
}

async function fromResponse(response: Response): Promise<Reply> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return {
    status: response.status,
    headers,
    body: new Uint8Array(await response.arrayBuffer()),
  };
}

async function send(reply: Reply, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Chunks are written as they are (no joined copy) unless they are to be compressed.
  let chunks: readonly Uint8Array[] = Array.isArray(reply.body) ? reply.body : [replyBytes(reply)];
  let length = chunks.reduce((sum, c) => sum + c.byteLength, 0);
  const headers: Record<string, string> = {};
  for (const { key, value } of SECURITY_HEADERS) headers[key] = value;
  Object.assign(headers, reply.headers);
  if (length >= COMPRESS_FROM_BYTES && !headers["content-encoding"]) {
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
    if (acceptsGzip(req.headers["accept-encoding"])) {
      // Fastest level (nginx's default too): JSON shrinks ~5× at any level. On libuv's thread
      // pool, off the event loop.
      const zipped = await compress(Buffer.concat(chunks), { level: constants.Z_BEST_SPEED });
      chunks = [zipped];
      length = zipped.length;
      headers["content-encoding"] = "gzip";
    }
  }
  headers["content-length"] = String(length);
  res.writeHead(reply.status, headers);
  res.cork(); // one write to the socket for headers and every chunk
  for (const chunk of chunks) res.write(chunk);
  res.end();
  res.uncork();
}

/** Whether an Accept-Encoding header allows gzip: listed (or `*`) with a q above 0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  const q: Record<string, number> = {};
  for (const part of header.toLowerCase().split(",")) {
    const [coding = "", ...params] = part.split(";").map((p) => p.trim());
    const weight = params.find((p) => p.startsWith("q="));
    q[coding] = weight === undefined ? 1 : Number(weight.slice(2)) || 0;
  }
  return (q.gzip ?? q["*"] ?? 0) > 0;
}
