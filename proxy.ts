import { NextResponse, type NextRequest } from "next/server";
import {
  STATIC_HEADERS,
  contentSecurityPolicy,
  strictTransportSecurity,
} from "@/lib/http/security-headers.js";
import { REQUEST_ID_HEADER, requestIdOf } from "@/lib/observability/request-id";

// Runs before every request but Next's hashed static assets:
//  - sets the Content-Security-Policy: pages get a fresh nonce (Next.js reads it from the request's
//    own CSP header and puts it on every script it renders), API answers a closed policy; plus HSTS
//    under https (the other security headers come from next.config.js);
//  - gives the request its id (lib/observability/request-id.ts), on the request for withRoute and
//    on the answer as X-Request-Id, pages included;
//  - sends page requests without a session cookie to the sign-in page. Only a convenience
//    redirect: every page checks the session itself (requireUser) and every API route goes
//    through withRoute, so a forged or expired cookie that gets past here is still refused there.

const SESSION_COOKIES = ["next-auth.session-token", "__Host-next-auth.session-token"];
/** Pages that decide for themselves who may see them. */
const OPEN_PAGES = /^\/(?:signin|no-access|s)(?:\/|$)/;
/** Files served as they are (icon.svg, robots.txt): no page, no sign-in. */
const FILE = /\.[A-Za-z0-9]+$/;
const DEV = process.env.NODE_ENV === "development";

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  const hsts = strictTransportSecurity(process.env.NEXTAUTH_URL);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

function signedIn(req: NextRequest): boolean {
  return req.cookies
    .getAll()
    .some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
}

function withRequestId(response: NextResponse, reqId: string): NextResponse {
  response.headers.set(REQUEST_ID_HEADER, reqId);
  return response;
}

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const reqId = requestIdOf(req.headers);
  // From the request's own headers, so what the server stamped on it (the client address) stays.
  const headers = new Headers(req.headers);
  headers.set(REQUEST_ID_HEADER, reqId);
  if (pathname.startsWith("/api/"))
    return withRequestId(
      withSecurityHeaders(NextResponse.next({ request: { headers } }), contentSecurityPolicy({})),
      reqId,
    );

  const csp = contentSecurityPolicy({ nonce: btoa(crypto.randomUUID()), dev: DEV });
  if (!signedIn(req) && !OPEN_PAGES.test(pathname) && !FILE.test(pathname)) {
    const url = req.nextUrl.clone();
    url.pathname = "/signin";
    url.search = "";
    url.searchParams.set("callbackUrl", `${pathname}${search}`);
    const redirect = NextResponse.redirect(url);
    for (const { key, value } of STATIC_HEADERS) redirect.headers.set(key, value);
    return withRequestId(withSecurityHeaders(redirect, csp), reqId);
  }
  headers.set("Content-Security-Policy", csp);
  return withRequestId(
    withSecurityHeaders(NextResponse.next({ request: { headers } }), csp),
    reqId,
  );
}

export const config = {
  // Not Next's hashed assets (scripts, styles, images): they carry next.config.js's headers.
  matcher: ["/((?!_next/static/|_next/image).*)"],
};
