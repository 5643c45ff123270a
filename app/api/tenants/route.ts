import { withRoute } from "@/lib/api/with-route";
import { badRequest } from "@/lib/api/errors";
import { jsonReply } from "@/lib/api/reply";
import { getSnapshot, getSnapshotInfo } from "@/lib/tenants/snapshot";
import { tenantsResponseBody } from "@/lib/tenants/query";
import { parseViewSearch, ViewParamsError, type ViewQuery } from "@/lib/tenants/view-params";

export const dynamic = "force-dynamic";

/**
 * Parsed here rather than through the guard's `query` so the 400 says exactly what the schema says
 * (`"region" has an unknown value "mars-1"`), without the guard's second copy of the name.
 */
function viewQuery(search: string): Readonly<ViewQuery> {
  try {
    return parseViewSearch(search);
  } catch (error) {
    throw error instanceof ViewParamsError ? badRequest(error.message) : error;
  }
}

// GET /api/tenants – one page of a view (search, filters, sort, grouping) with totals, facets, group summaries and the snapshot's state
export const GET = withRoute({ role: "viewer" }, async ({ req }) => {
  const { view, offset, limit } = viewQuery(req.nextUrl.search);
  const snapshot = await getSnapshot(); // ApiError 503 until the first sync has finished
  // A TenantsResponse, serialized once per view and page (lib/tenants/query/response.ts). A Reply,
  // not a Response: server.mjs serves this route directly (lib/http/direct-routes.ts).
  const body = tenantsResponseBody(snapshot.index, view, { offset, limit }, getSnapshotInfo());
  return jsonReply(body, { headers: { "cache-control": "private, no-store" } });
});
