// Turns the filter text of a request into a parsed filter, with Qlik's answers for bad input:
// 400 (source.parameter "filter") for syntax, attribute, operator and date problems; 403 for a
// subscriptionId the organization does not own; 400 when the count endpoint's filter does not
// restrict the result to named subscriptions.
import { ApiError, badParameter } from "./errors";
import { restrictsToSubscriptions, subscriptionComparisons } from "./scim/evaluator";
import { FilterSyntaxError } from "./scim/filter-error";
import { parseFilter, type FilterNode } from "./scim/parser";
import type { TenantStore } from "./store";

export function parseFilterParam(
  text: string,
  store: TenantStore,
  opts: { requireSubscription: boolean; parameter?: string },
): FilterNode {
  const parameter = opts.parameter ?? "filter";
  let node: FilterNode;
  try {
    node = parseFilter(text);
  } catch (err) {
    if (err instanceof FilterSyntaxError)
      throw badParameter(parameter, `Invalid filter at position ${err.position}: ${err.message}.`, {
        position: err.position,
      });
    throw err;
  }
  for (const cmp of subscriptionComparisons(node)) {
    if (!store.ownsSubscription(cmp.value))
      throw new ApiError(
        403,
        `Subscription ${cmp.value} does not belong to this organization (filter position ${cmp.pos}).`,
        { source: { parameter }, meta: { position: cmp.pos } },
      );
  }
  if (opts.requireSubscription && !restrictsToSubscriptions(node))
    throw badParameter(
      parameter,
      'Invalid filter: subscriptionId is required in filter (add subscriptionId eq "<id>" joined with and).',
    );
  return node;
}
