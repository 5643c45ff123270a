import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { currentOverlay } from "@/lib/annotations/overlay";
import { listSubscriptions } from "@/lib/annotations/read";
import { getSnapshot } from "@/lib/tenants/snapshot";

export const dynamic = "force-dynamic";

// GET /api/subscriptions – every subscription with its name, customer reference and tenant count (named first, by name)
export const GET = withRoute({ role: "viewer", query: z.strictObject({}) }, async () => {
  const [snapshot, overlay] = await Promise.all([getSnapshot(), currentOverlay()]);
  return Response.json({ subscriptions: listSubscriptions(snapshot.tenants, overlay) });
});
