import { withRoute } from "@/lib/api/with-route";
import { shareExport } from "@/lib/shares";

export const dynamic = "force-dynamic";

// GET /api/s/[token]/tenants/export – GET /api/tenants/export within the link (its scope and columns); 403 export_not_allowed when the link does not allow it
export const GET = withRoute({ role: "share" }, async ({ req, session, share }) =>
  shareExport(share, session, req.nextUrl.searchParams),
);
