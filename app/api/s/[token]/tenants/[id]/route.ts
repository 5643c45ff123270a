import { withRoute } from "@/lib/api/with-route";
import { shareTenant } from "@/lib/shares";
import { shareTenantParams } from "./schema";

export const dynamic = "force-dynamic";

// GET /api/s/[token]/tenants/[id] – one tenant inside the link's scope, its columns only (no history); 404 outside it
export const GET = withRoute(
  { role: "share", params: shareTenantParams },
  async ({ share, params }) => Response.json({ tenant: await shareTenant(share, params.id) }),
);
