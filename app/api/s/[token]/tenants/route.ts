import { withRoute } from "@/lib/api/with-route";
import { shareTenantsBody } from "@/lib/shares";

export const dynamic = "force-dynamic";

// GET /api/s/[token]/tenants – GET /api/tenants within the link: its scope narrowed by the request's view, its columns only
export const GET = withRoute({ role: "share" }, async ({ req, share }) => {
  const body = await shareTenantsBody(share, req.nextUrl.search);
  return new Response(body, { headers: { "content-type": "application/json" } });
});
