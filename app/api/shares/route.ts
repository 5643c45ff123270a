import { withRoute } from "@/lib/api/with-route";
import { clientIpFrom } from "@/lib/http/client-address";
import { getEnv } from "@/lib/config/env";
import { createShareLink, listShareLinks } from "@/lib/shares";
import { createShareSchema, listSharesQuerySchema } from "./schema";

// POST /api/shares – make a read-only link to a view (viewers and admins; "never expires" admins only); 201 with the link's URL, the only time its token is sent
export const POST = withRoute(
  { role: "viewer", body: createShareSchema },
  async ({ req, session, body }) => {
    const { expiresIn, expiresAt, ...rest } = body;
    const { share, token } = await createShareLink(
      { ...rest, expiry: { expiresIn, expiresAt } },
      { user: session, address: clientIpFrom(req.headers) },
    );
    const origin = (getEnv().NEXTAUTH_URL ?? req.nextUrl.origin).replace(/\/+$/, "");
    return Response.json({ share, url: `${origin}/s/${token}` }, { status: 201 });
  },
);

// GET /api/shares – the links the caller manages: a viewer's own, an admin's all (or their own with ?mine=true), newest first
export const GET = withRoute(
  { role: "viewer", query: listSharesQuerySchema },
  async ({ session, query }) =>
    Response.json({ shares: await listShareLinks(session, query.mine === "true") }),
);
