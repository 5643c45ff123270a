// POST /api/core/tenants/actions/filter – list tenants by a SCIM filter sent as {"filter": "…"}
// (Tier 2). Same query parameters as the list; links point back here (the next page is a POST of
// links.next.href with the same body). The body's filter is required; subscriptionId in it is not.
import { authorize } from "../auth";
import type { RequestContext } from "../context";
import { ApiError, badBody } from "../errors";
import { parseFilterParam } from "../filter-param";
import { mediaType, parseJsonBody, readBody, type Reply } from "../http";
import { buildPage, parseListParams } from "../list-query";

export const FILTER_PATH = "/api/core/tenants/actions/filter";

export async function tenantsFilterRoute(ctx: RequestContext): Promise<Reply> {
  const raw = await readBody(ctx.req);
  authorize(ctx, "tier2");
  const params = parseListParams(ctx.url.searchParams);
  const type = mediaType(ctx.req);
  if (type !== "application/json")
    throw new ApiError(
      400,
      `Content-Type must be application/json (got ${JSON.stringify(type || "(none)")}).`,
      {
        title: "Invalid request body",
      },
    );
  const body = parseJsonBody(raw);
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw badBody("", 'Request body must be a JSON object such as {"filter": "…"}.');
  const filterText = (body as { filter?: unknown }).filter;
  if (filterText === undefined || filterText === null)
    throw badBody("/filter", "filter is required in the request body.");
  if (typeof filterText !== "string") throw badBody("/filter", "filter must be a string.");
  const filter = parseFilterParam(filterText, ctx.sim.store, { requireSubscription: false });
  return {
    status: 200,
    body: undefined,
    raw: buildPage(ctx.sim, {
      filter,
      filterText,
      filterInLinks: false,
      params,
      origin: ctx.origin,
      path: FILTER_PATH,
      selfPathAndQuery: ctx.url.pathname + ctx.url.search,
    }),
  };
}
