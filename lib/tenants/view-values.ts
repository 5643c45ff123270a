// The second half of checking `region`, `country` and `status`: the codec (view-params.ts) accepts a
// value on the known list or of the list's form; here, where the snapshot is known, a value of the
// right form is kept only if some tenant has it. So a region Qlik adds tomorrow can be filtered on
// as soon as a synced tenant carries it, and a typo (`status=actve`) is a 400 naming the parameter
// and the value instead of an empty table. Pure: the API route handlers pass the snapshot's facets.
import type { FacetCount, FacetDimension, TenantView } from "@/lib/tenants/types";
import { LISTED_PARAMS, type ListedParam } from "@/lib/tenants/view-codec";

type Facets = Readonly<Record<FacetDimension, readonly FacetCount[]>>;

const LISTED = Object.keys(LISTED_PARAMS) as ListedParam[];
/** Lists longer than this are not spelled out in the message. */
const MAX_LISTED_IN_MESSAGE = 40;

/** Per snapshot (its facets object), the accepted values of each listed param, normalized. */
const acceptedBySnapshot = new WeakMap<Facets, Record<ListedParam, ReadonlySet<string>>>();

function acceptedValues(facets: Facets): Record<ListedParam, ReadonlySet<string>> {
  let accepted = acceptedBySnapshot.get(facets);
  if (!accepted) {
    const built = {} as Record<ListedParam, ReadonlySet<string>>;
    for (const name of LISTED) {
      const { known, normalize } = LISTED_PARAMS[name];
      built[name] = new Set([...known, ...(facets[name] ?? []).map((f) => normalize(f.value))]);
    }
    accepted = built;
    acceptedBySnapshot.set(facets, accepted);
  }
  return accepted;
}

const quote = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

export interface UnknownViewValue {
  param: ListedParam;
  value: string;
  /** For a 400: names the parameter and the value. */
  message: string;
}

/**
 * The first `region`, `country` or `status` value of `view` that is neither on the known list nor
 * held by any tenant of the snapshot whose facets are given; null when every value is accepted.
 */
export function unknownViewValue(view: TenantView, facets: Facets): UnknownViewValue | null {
  const accepted = acceptedValues(facets);
  for (const param of LISTED) {
    const values = accepted[param];
    const value = view[param].find((v) => !values.has(v));
    if (value === undefined) continue;
    const choices = [...values].sort();
    const hint =
      choices.length <= MAX_LISTED_IN_MESSAGE ? ` (choose from ${choices.join(", ")})` : "";
    return {
      param,
      value,
      message: `"${param}" has an unknown value ${quote(value)}: no tenant has it${hint}`,
    };
  }
  return null;
}
