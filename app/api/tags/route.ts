import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { currentOverlay } from "@/lib/annotations/overlay";
import { tagCounts } from "@/lib/annotations/read";
import { getSnapshot } from "@/lib/tenants/snapshot";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({
  q: z.string().max(40, "must be at most 40 characters").optional(),
});

// GET /api/tags – every tag in use with how many tenants carry it, most used first (?q= keeps those containing it; for autocomplete)
export const GET = withRoute({ role: "viewer", query: querySchema }, async ({ query }) => {
  const [snapshot, overlay] = await Promise.all([getSnapshot(), currentOverlay()]);
  const tags = tagCounts((id) => snapshot.index.get(id) !== undefined, overlay, query.q);
  return Response.json({ tags });
});
