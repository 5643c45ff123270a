import NextAuth from "next-auth";
import { withRoute, type RouteArgs } from "@/lib/api/with-route";
import { getAuthOptions } from "@/lib/auth/options";
import { busyAsTooManyRequests, isLocalSignInCallback } from "@/lib/auth/sign-in-busy";

// next-auth's own endpoints (providers, csrf, signin, callback, session, signout): public by
// design, they are how people sign in. Built on the first request so `next build` needs no env.
// withRoute stands in front of next-auth as in front of every route: a POST from another site is
// refused (403), and the body is read here, at most 64 KB of it (413 past that, the rest unread),
// so next-auth parses the copy handed to it and never the network stream.
export const dynamic = "force-dynamic";

type NextAuthHandler = (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;
let nextAuth: NextAuthHandler | undefined;

async function serveNextAuth({
  req,
  params,
}: RouteArgs<"public", undefined, undefined, undefined>) {
  const handler: NextAuthHandler = (nextAuth ??= NextAuth(getAuthOptions()));
  const response = await handler(req, { params: Promise.resolve(params) });
  // A local sign-in turned away because every password check was busy answers 429 + Retry-After.
  return isLocalSignInCallback(req.method, params.nextauth)
    ? busyAsTooManyRequests(response, req.nextUrl.origin)
    : response;
}

// GET /api/auth/[...nextauth] – next-auth pages and JSON (providers, csrf, session, callback)
export const GET = withRoute({ role: "public" }, serveNextAuth);
// POST /api/auth/[...nextauth] – sign in, sign out (sign-out also ends the session on the server)
export const POST = withRoute({ role: "public" }, serveNextAuth);
