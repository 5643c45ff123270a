// GET /api/core/tenants – list tenants (Tier 1): optional SCIM filter (a filter without
// subscriptionId is accepted), sort, cursor pages, totalResults. Unknown query parameters are ignored.
import { authorize } from "../auth";
import type { RequestContext } from "../context";
import { badParameter } from "../errors";
import { parseFilterParam } from "../filter-param";
import type { Reply } from "../http";
import { buildPage, parseListParams, single } from "../list-query";

export const TENANTS_PATH = "/api/core/tenants";

export async function tenantsListRoute(ctx: RequestContext): Promise<Reply> {
  authorize(ctx, "tier1");
  const query = ctx.url.searchParams;
  const params = parseListParams(query);
  const filterText = single(query, "filter");
  if (filterText !== undefined && filterText.trim() === "")
    throw badParameter(
      "filter",
      "Invalid filter: filter is empty; omit the parameter to list every tenant.",
    );
  const filter =
    filterText === undefined
      ? undefined
      : parseFilterParam(filterText, ctx.sim.store, { requireSubscription: false });
  return {
    status: 200,
    body: undefined,
    raw: buildPage(ctx.sim, {
      filter,
      filterText,
      filterInLinks: true,
      params,
      origin: ctx.origin,
      path: TENANTS_PATH,
      selfPathAndQuery: ctx.url.pathname + ctx.url.search,
    }),
  };
}
