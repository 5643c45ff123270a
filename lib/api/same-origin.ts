import "server-only";
import type { NextRequest } from "next/server";
import { forbidden } from "./errors";

// Cross-site writes. A browser attaches the session cookie to a form or fetch another site sends
// here; SameSite=Lax stops most of those, this stops the rest (a sibling subdomain, an old
// browser). A write is accepted only when the browser itself says it comes from this app: an
// `Origin` equal to the app's origin, or `Sec-Fetch-Site: same-origin`. Neither header can be set
// by a page, and a request with neither is refused: every current browser sends Origin on writes,
// and scripts can send it too. The app's origin is NEXTAUTH_URL's, or without it the request's own
// (its Host, with the scheme a proxy in front reports).

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function appOrigin(req: NextRequest, nextAuthUrl: string | undefined): string | null {
  try {
    if (nextAuthUrl) return new URL(nextAuthUrl).origin;
    const host = req.headers.get("host") ?? req.nextUrl.host;
    const proto =
      req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ||
      req.nextUrl.protocol.replace(/:$/, "");
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/** 403 for a write (any method but GET, HEAD, OPTIONS) that does not come from the app itself. */
export function refuseCrossSite(req: NextRequest, nextAuthUrl: string | undefined): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (req.headers.get("sec-fetch-site") === "same-origin") return;
  const origin = req.headers.get("origin");
  if (origin !== null && origin === appOrigin(req, nextAuthUrl)) return;
  throw forbidden("Cross-site request refused.");
}
