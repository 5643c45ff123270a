// Small HTTP helpers shared by the routes: replies, body reading, the request origin for links.
import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors";

export interface Reply {
  status: number;
  body: unknown;
  /** The body already serialized (hot paths); used instead of JSON.stringify(body). */
  raw?: string;
  headers?: Record<string, string>;
}

/** Never answer (used by the token "timeout" fault): the socket stays open until either side closes. */
export const HANG = Symbol("hang");
export type RouteResult = Reply | typeof HANG;

export const MAX_BODY_BYTES = 1024 * 1024;

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

/** Reads the whole body; past MAX_BODY_BYTES it keeps draining and then answers 413. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buf);
  }
  if (size > MAX_BODY_BYTES)
    throw new ApiError(413, `Request body is larger than ${MAX_BODY_BYTES} bytes.`);
  return Buffer.concat(chunks);
}

/** The media type of the request without parameters, lower-cased ("" when absent). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Parses a JSON body; a 400 naming the problem otherwise. */
export function parseJsonBody(buf: Buffer): unknown {
  const text = buf.toString("utf8");
  if (text.trim() === "")
    throw new ApiError(400, "Request body is empty; send a JSON object.", {
      title: "Invalid request body",
    });
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ApiError(400, `Request body is not valid JSON: ${(err as Error).message}`, {
      title: "Invalid request body",
    });
  }
}

const HOST_RE = /^(localhost|127\.0\.0\.1|\[::1\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/** `http://<Host header>` when it is a plausible host, else the simulator's own URL. */
export function requestOrigin(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host && HOST_RE.test(host) ? `http://${host}` : fallback;
}
