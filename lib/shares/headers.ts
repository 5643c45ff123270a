// Headers on everything served under a link (/s/… pages, /api/s/… answers): the token in the URL
// must not leave in a Referer, be indexed, or be kept by any cache. next.config.js sends the same
// for /s/:path* and /api/s/:path* (a test checks they agree); route answers set them too, so they
// hold however the answer is served.

export const SHARE_RESPONSE_HEADERS = {
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
  "Cache-Control": "private, no-store",
} as const;

/** `response` with the link headers set (a copy when its headers are immutable). */
export function withShareHeaders(response: Response): Response {
  try {
    for (const [name, value] of Object.entries(SHARE_RESPONSE_HEADERS))
      response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(SHARE_RESPONSE_HEADERS))
      copy.headers.set(name, value);
    return copy;
  }
}
