import { badRequest } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { getSnapshot } from "@/lib/tenants/snapshot";
import { currentAnnotations } from "@/lib/tenants/query/current";
import { recordExport } from "@/lib/tenants/export/audit";
import { createExport } from "@/lib/tenants/export/create-export";
import { exportQuerySchema, type ExportQuery } from "@/lib/tenants/export/params";
import { viewParamsMessage } from "@/lib/tenants/view-params";
import { unknownViewValue } from "@/lib/tenants/view-values";

export const dynamic = "force-dynamic";

/** Parsed here, like GET /api/tenants, so a 400 reads exactly as the schema words it. */
function exportQuery(params: URLSearchParams): ExportQuery {
  const result = exportQuerySchema.safeParse(params);
  if (!result.success) throw badRequest(viewParamsMessage(result.error));
  return result.data;
}

// GET /api/tenants/export – the view (or every tenant, scope=all) as a streamed CSV or JSON download; parameters and columns in docs/export.md
export const GET = withRoute({ role: "viewer" }, async ({ req, session }) => {
  const query = exportQuery(req.nextUrl.searchParams);
  const snapshot = await getSnapshot(); // ApiError 503 until the first sync has finished
  const unknown = unknownViewValue(query.view, snapshot.index.facetValues());
  if (unknown) throw badRequest(unknown.message);
  const prepared = createExport(snapshot.index, query, {
    annotations: await currentAnnotations(),
    snapshotTakenAt: snapshot.takenAt,
    onFinish: (result) => void recordExport(session, query, prepared, result, snapshot.id),
  });
  // Next gzips the stream for clients that accept it (a route handler cannot set its own
  // Content-Encoding: Next drops it), chunk by chunk; see docs/export.md "Performance".
  return new Response(prepared.stream, { headers: prepared.headers });
});
