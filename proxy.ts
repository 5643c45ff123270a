import { NextResponse, type NextRequest } from "next/server";

// Sends page requests without a session cookie to the sign-in page. Only a convenience redirect:
// every page checks the session itself (requireUser) and every API route goes through withRoute,
// so a forged or expired cookie that gets past here is still refused there.

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(req: NextRequest) {
  const signedIn = req.cookies
    .getAll()
    .some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
  if (signedIn) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/signin";
  url.search = "";
  url.searchParams.set("callbackUrl", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.redirect(url);
}

export const config = {
  // Not: API routes (they answer 401 themselves), Next's assets, the sign-in page, files with an
  // extension (favicon.ico, robots.txt, images).
  matcher: ["/((?!api/|_next/|signin(?:/|$)|.*\\.[A-Za-z0-9]+$).*)"],
};
