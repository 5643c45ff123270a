import { withRoute } from "@/lib/api/with-route";
import { checkReadiness } from "@/lib/observability/readiness";

export const dynamic = "force-dynamic";

// GET /api/ready – readiness for load balancers: database reachable and a snapshot loaded (503 with the reason otherwise); public, no settings
export const GET = withRoute({ role: "public" }, async () =>
  Response.json(await checkReadiness(), { headers: { "Cache-Control": "no-store" } }),
);
