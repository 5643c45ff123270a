import "server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

// Conditional GET for answers that are a pure function of what they are computed from (the
// snapshot, the view, who may see what). The route names those inputs; the ETag is their hash, so
// a browser that already holds the answer gets `304 Not Modified` without the query or the body
// being made again. `Cache-Control: private, no-cache` lets only the user's own browser keep it,
// and makes it ask every time, so a new snapshot is seen at once.

/** Changes with every build, so a new version's answers are never matched against an old one's. */
const BUILD = (() => {
  try {
    return readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return "dev";
  }
})();

export const REVALIDATE = "private, no-cache";

/** A strong entity tag for an answer computed from exactly `inputs`. */
export function entityTag(...inputs: ReadonlyArray<string | number>): string {
  const hash = createHash("sha256").update(BUILD);
  for (const input of inputs) hash.update("\0").update(String(input));
  return `"${hash.digest("base64url").slice(0, 27)}"`;
}

/** Whether an If-None-Match header matches `etag` (weak comparison, as RFC 9110 asks for it). */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const opaque = etag.replace(/^W\//, "");
  for (const raw of header.split(",")) {
    const tag = raw.trim();
    if (tag === "*" || tag.replace(/^W\//, "") === opaque) return true;
  }
  return false;
}

/**
 * `304` with no body when the request's If-None-Match already names `etag`; otherwise the answer
 * `build()` makes, sent with the ETag. `build` runs only when needed.
 */
export async function conditionalResponse(
  req: Request,
  etag: string,
  build: () => Response | Promise<Response>,
): Promise<Response> {
  const headers = { etag, "cache-control": REVALIDATE };
  if (matchesIfNoneMatch(req.headers.get("if-none-match"), etag))
    return new Response(null, { status: 304, headers });
  const response = await build();
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
