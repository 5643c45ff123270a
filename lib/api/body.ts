import "server-only";
import { NextRequest } from "next/server";
import { ApiError } from "./errors";

// Request bodies, for every route (withRoute reads them here before any handler, next-auth's
// included, sees the request): at most 64 KB, counted while the bytes arrive, whether or not the
// client sent Content-Length. Past the limit the answer is 413 and nothing more is read; the 413
// closes the connection, so the unread rest dies with it rather than being drained.

export const MAX_BODY_BYTES = 64 * 1024;

/** "64 KB", "8 MB": a limit as the 413 message names it. */
function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MB`
    : `${Math.floor(bytes / 1024)} KB`;
}

export function payloadTooLarge(limit = MAX_BODY_BYTES): ApiError {
  return new ApiError(413, "payload_too_large", `The request body is over ${sizeText(limit)}.`);
}

/** 413 when the declared Content-Length is over `limit` (checked before anything is read). */
export function refuseDeclaredOversize(req: Request, limit = MAX_BODY_BYTES): void {
  const declared = req.headers.get("content-length");
  if (declared !== null && declared.trim() !== "" && !(Number(declared) <= limit))
    throw payloadTooLarge(limit);
}

/** The request's body, at most `limit` bytes of it (else 413); null when there is none. */
export async function readBodyCapped(
  req: Request,
  limit = MAX_BODY_BYTES,
): Promise<Uint8Array | null> {
  if (req.body === null) return null;
  refuseDeclaredOversize(req, limit);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) throw payloadTooLarge(limit); // stop here: the rest stays unread
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, total);
}

/** A copy of `req` whose body is `bytes` (what the handler reads instead of the network stream). */
export function withBody(req: NextRequest, bytes: Uint8Array): NextRequest {
  return new NextRequest(req.url, {
    method: req.method,
    headers: req.headers,
    body: bytes as BodyInit,
    signal: req.signal,
  });
}
