import { withRoute } from "@/lib/api/with-route";

export const dynamic = "force-dynamic";

// GET /api/health – liveness for load balancers and test runners; public, reveals nothing.
export const GET = withRoute({ role: "public" }, () =>
  Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }),
);
