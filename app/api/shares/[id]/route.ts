import { withRoute } from "@/lib/api/with-route";
import { clientIpFrom } from "@/lib/http/client-address";
import { revokeShareLink, updateShareLink } from "@/lib/shares";
import { shareIdParams, updateShareSchema } from "./schema";

// PATCH /api/shares/[id] – rename, change the expiry or toggle export (owner or admin; anyone else gets 404)
export const PATCH = withRoute(
  { role: "viewer", params: shareIdParams, body: updateShareSchema },
  async ({ req, session, params, body }) => {
    const { expiresIn, expiresAt, ...rest } = body;
    const share = await updateShareLink(
      params.id,
      { ...rest, expiry: { expiresIn, expiresAt } },
      { user: session, address: clientIpFrom(req.headers) },
    );
    return Response.json({ share });
  },
);

// DELETE /api/shares/[id] – revoke the link at once (owner or admin; anyone else gets 404); 204, the link stays listed as revoked
export const DELETE = withRoute(
  { role: "viewer", params: shareIdParams },
  async ({ req, session, params }) => {
    await revokeShareLink(params.id, { user: session, address: clientIpFrom(req.headers) });
    return new Response(null, { status: 204 });
  },
);
