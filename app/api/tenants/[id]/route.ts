import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { notFound } from "@/lib/api/errors";
import { conditionalResponse, entityTag } from "@/lib/api/conditional";
import type { TenantDetailResponse } from "@/lib/api-client/tenants";
import { annotateChanges } from "@/lib/annotations/feed";
import { currentOverlay } from "@/lib/annotations/overlay";
import { listTenantChanges } from "@/lib/tenants/changes";
import { getSnapshot } from "@/lib/tenants/snapshot";

export const dynamic = "force-dynamic";

/** Qlik tenant ids are 32 characters of A–Z, a–z, 0–9, "-" and "_"; a little slack for the future. */
const TENANT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CHANGES_SHOWN = 100;

const paramsSchema = z.object({
  id: z.string().regex(TENANT_ID, 'is not a tenant id (1–64 letters, digits, "-" or "_")'),
});

// GET /api/tenants/[id] – one tenant of the current snapshot and its latest changes (newest first, at most 100; moves name their subscriptions); ETag/304
export const GET = withRoute(
  { role: "viewer", params: paramsSchema },
  async ({ req, session, params }) => {
    const snapshot = await getSnapshot(); // ApiError 503 until the first sync has finished
    const tenant = snapshot.index.get(params.id);
    if (!tenant) throw notFound(`No tenant with id "${params.id}" in the current snapshot.`);
    // Its history only grows when a sync installs a snapshot, so the snapshot id covers it; the
    // subscription names its moves carry change with the annotations' version.
    const overlay = await currentOverlay();
    const etag = entityTag("tenant", snapshot.id, overlay.version, session.role, tenant.id);
    return conditionalResponse(req, etag, async () => {
      const changes = await listTenantChanges(tenant.id, { limit: CHANGES_SHOWN });
      const body: TenantDetailResponse = { tenant, changes: annotateChanges(changes, overlay) };
      return Response.json(body);
    });
  },
);
