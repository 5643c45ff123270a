import { notFound } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { currentOverlay } from "@/lib/annotations/overlay";
import { annotationEntry, isKnownTenant } from "@/lib/annotations/read";
import { updateAnnotations } from "@/lib/annotations/write";
import { getSnapshot } from "@/lib/tenants/snapshot";
import { patchAnnotationSchema, tenantParams } from "./schema";

export const dynamic = "force-dynamic";

const unknownTenant = (id: string) =>
  notFound(`No tenant with id "${id}" in the current snapshot, and none annotated.`);

// GET /api/tenants/[id]/annotations – a tenant's owner, tags and note (also of a removed tenant that has them)
export const GET = withRoute({ role: "viewer", params: tenantParams }, async ({ params }) => {
  const [snapshot, overlay] = await Promise.all([getSnapshot(), currentOverlay()]);
  if (!isKnownTenant(params.id, snapshot.index, overlay)) throw unknownTenant(params.id);
  return Response.json(annotationEntry(params.id, overlay.tenants.get(params.id)));
});

// PATCH /api/tenants/[id]/annotations – set or clear a tenant's owner, tags and note (admin; audited with before and after)
export const PATCH = withRoute(
  { role: "admin", params: tenantParams, body: patchAnnotationSchema },
  async ({ session, params, body }) => {
    const [snapshot, overlay] = await Promise.all([getSnapshot(), currentOverlay()]);
    if (!isKnownTenant(params.id, snapshot.index, overlay)) throw unknownTenant(params.id);
    const result = await updateAnnotations({
      actor: session.email,
      source: "api",
      tenants: [
        {
          tenantId: params.id,
          owner: body.owner,
          tags: body.tags === null ? [] : body.tags,
          note: body.note,
        },
      ],
    });
    const [change] = result.tenants;
    const after = change ? change.after : overlay.tenants.get(params.id);
    return Response.json({ ...annotationEntry(params.id, after), changed: change !== undefined });
  },
);
