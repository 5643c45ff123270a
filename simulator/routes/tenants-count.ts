// GET /api/core/tenants/actions/count – {"total": n} for a filter (Tier 1). The filter is required
// and must restrict the result to named subscriptions (subscriptionId eq "…").
import { authorize } from "../auth";
import type { RequestContext } from "../context";
import { badParameter } from "../errors";
import { parseFilterParam } from "../filter-param";
import { json, type Reply } from "../http";
import { single } from "../list-query";

export async function tenantsCountRoute(ctx: RequestContext): Promise<Reply> {
  authorize(ctx, "tier1");
  const text = single(ctx.url.searchParams, "filter");
  if (text === undefined || text.trim() === "")
    throw badParameter(
      "filter",
      'Invalid filter: filter is required, e.g. subscriptionId eq "<id>".',
    );
  const filter = parseFilterParam(text, ctx.sim.store, { requireSubscription: true });
  return json(200, { total: ctx.sim.cache.get(filter, []).list.length });
}
