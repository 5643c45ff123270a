// GET /api/core/tenants/{tenantId} – one tenant by its public id (Tier 1), answered in the list
// envelope as published ({data:[tenant], links:{self}}); 404 for an unknown id.
import { authorize } from "../auth";
import type { RequestContext } from "../context";
import { ApiError } from "../errors";
import { TENANT_ID_RE } from "../data/load";
import { json, type Reply } from "../http";
import { publicTenant } from "../list-query";

export async function tenantGetRoute(ctx: RequestContext): Promise<Reply> {
  authorize(ctx, "tier1");
  const id = ctx.params.tenantId ?? "";
  if (!TENANT_ID_RE.test(id))
    throw new ApiError(400, `Invalid tenant identifier ${JSON.stringify(id.slice(0, 80))}.`, {
      title: "Invalid tenant identifier",
    });
  const record = ctx.sim.store.get(id);
  if (!record)
    throw new ApiError(404, `Tenant ${id} was not found.`, { title: "Tenant not found" });
  return json(200, {
    data: [publicTenant(record.data, ctx.origin)],
    links: { self: { href: ctx.origin + ctx.url.pathname + ctx.url.search } },
  });
}
