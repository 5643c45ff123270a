import NextAuth from "next-auth";
import { withRoute, type RouteArgs } from "@/lib/api/with-route";
import { getAuthOptions } from "@/lib/auth/options";

// next-auth's own endpoints (providers, csrf, signin, callback, session, signout): public by
// design, they are how people sign in. Built on the first request so `next build` needs no env.
export const dynamic = "force-dynamic";

type NextAuthHandler = (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;
let nextAuth: NextAuthHandler | undefined;

function serveNextAuth({ req, params }: RouteArgs<"public", undefined, undefined, undefined>) {
  const handler: NextAuthHandler = (nextAuth ??= NextAuth(getAuthOptions()));
  return handler(req, { params: Promise.resolve(params) });
}

// GET /api/auth/[...nextauth] – next-auth pages and JSON (providers, csrf, session, callback)
export const GET = withRoute({ role: "public" }, serveNextAuth);
// POST /api/auth/[...nextauth] – sign in, sign out
export const POST = withRoute({ role: "public" }, serveNextAuth);
