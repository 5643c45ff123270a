import { withRoute } from "@/lib/api/with-route";
import { bulkAnnotate } from "@/lib/annotations/bulk";
import { BULK_MAX_BODY_BYTES, bulkAnnotationsSchema } from "./schema";

export const dynamic = "force-dynamic";

// POST /api/tenants/annotations – add tags, remove tags or set the owner of the given ids or of every tenant of a view, in one transaction; answers {matched, changed} (admin; audited)
export const POST = withRoute(
  { role: "admin", body: bulkAnnotationsSchema, maxBodyBytes: BULK_MAX_BODY_BYTES },
  async ({ session, body }) => {
    const { view, ids, ...edit } = body;
    const target = view !== undefined ? { view } : { ids: ids! };
    return Response.json(await bulkAnnotate(target, edit, session.email));
  },
);
