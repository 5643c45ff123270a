import { withRoute } from "@/lib/api/with-route";
import { publicShare } from "@/lib/shares";

// GET /api/s/[token] – the link for its visitor: name, who shared it, expiry, scope, columns, export allowed, snapshot age; counts as an opening
export const GET = withRoute({ role: "share" }, async ({ session, share }) =>
  Response.json(await publicShare(share, session)),
);
