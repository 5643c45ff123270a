import { badRequest } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { annotateChanges } from "@/lib/annotations/feed";
import { currentOverlay } from "@/lib/annotations/overlay";
import { InvalidCursorError } from "@/lib/db/storage";
import { listChanges } from "@/lib/tenants/changes";
import { changesQuerySchema } from "./schema";

// GET /api/changes – the change feed between snapshots, newest first (filters: kind, from, to, tenant; cursor paging); subscription names and a removed tenant's annotations joined in
export const GET = withRoute({ role: "viewer", query: changesQuerySchema }, async ({ query }) => {
  try {
    const page = await listChanges({
      kinds: query.kind,
      from: query.from,
      to: query.to,
      tenantId: query.tenant,
      cursor: query.cursor,
      limit: query.limit,
    });
    const overlay = await currentOverlay();
    return Response.json({
      changes: annotateChanges(page.items, overlay),
      nextCursor: page.nextCursor,
    });
  } catch (error) {
    if (error instanceof InvalidCursorError)
      throw badRequest('Invalid query parameter "cursor": use the nextCursor of a previous page.');
    throw error;
  }
});
