import { withRoute } from "@/lib/api/with-route";
import { badRequest } from "@/lib/api/errors";
import { conditionalResponse, entityTag } from "@/lib/api/conditional";
import { getSnapshot } from "@/lib/tenants/snapshot";
import { tenantsResponseBody } from "@/lib/tenants/query";
import { currentAnnotations } from "@/lib/tenants/query/current";
import { unknownViewValue } from "@/lib/tenants/view-values";
import {
  parseViewSearch,
  viewKey,
  ViewParamsError,
  type ViewQuery,
} from "@/lib/tenants/view-codec";

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

// GET /api/tenants – one page of a view (search, filters, sort, grouping) with totals, facets and group summaries, annotations joined; ETag/304
export const GET = withRoute({ role: "viewer" }, async ({ req, session }) => {
  const { view, offset, limit } = viewQuery(req.nextUrl.search);
  const snapshot = await getSnapshot(); // ApiError 503 until the first sync has finished
  const unknown = unknownViewValue(view, snapshot.index.facetValues());
  if (unknown) throw badRequest(unknown.message);
  // The answer is a function of the snapshot, the annotations' version and the view.
  const annotations = await currentAnnotations();
  const etag = entityTag(
    "tenants",
    snapshot.id,
    annotations.version,
    session.role,
    viewKey(view),
    offset,
    limit,
  );
  return conditionalResponse(req, etag, () => {
    const ref = { id: snapshot.id, takenAt: snapshot.takenAt };
    const body = tenantsResponseBody(snapshot.index, view, { offset, limit }, ref, {
      annotations,
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  });
});
