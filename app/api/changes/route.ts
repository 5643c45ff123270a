import { badRequest } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { InvalidCursorError } from "@/lib/db/storage";
import { listChanges } from "@/lib/tenants/changes";
import { changesQuerySchema } from "./schema";

// GET /api/changes – the change feed between snapshots, newest first (filters: kind, from, to, tenant; cursor paging)
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
    return Response.json({ changes: page.items, nextCursor: page.nextCursor });
  } catch (error) {
    if (error instanceof InvalidCursorError)
      throw badRequest('Invalid query parameter "cursor": use the nextCursor of a previous page.');
    throw error;
  }
});
