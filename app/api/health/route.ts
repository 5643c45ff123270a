// GET /api/health – liveness for load balancers and test runners; public, reveals nothing.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
