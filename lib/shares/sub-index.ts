import "server-only";
import { Lru } from "@/lib/cache/lru";
import { createTenantIndexAsync, type TenantIndex } from "@/lib/tenants/query";
import { FACET_DIMENSIONS, type FacetCount, type FacetDimension } from "@/lib/tenants/types";
import { parseViewSearch } from "@/lib/tenants/view-params";
import { visibility, type Visibility } from "./columns";
import { projectTenant } from "./projection";
import { scopeView } from "./scope";

// The only data a link reads: the tenants of its scope (evaluated on the full snapshot, so a scope
// may filter on a column the link hides), each cut down to the link's columns, indexed on their
// own. Every answer through the link (rows, totals, facets, groups, details, export) is a query on
// this index, so a request's parameters can narrow the scope but never widen it, and a hidden value
// can be neither searched, sorted, grouped, faceted nor exported: it is not there. So a row's search
// match (TenantRow.match) can name only a field the link shows.

export interface ShareData {
  /** In-scope tenants only, projected; its facets list nothing for a hidden dimension. */
  index: TenantIndex;
  visibility: Visibility;
}

/** The part of a link its data depends on. */
export interface ShareDefinition {
  id: string;
  view: string;
  columns: readonly string[];
}

const PER_SNAPSHOT = 32;
const built = new WeakMap<TenantIndex, Lru<string, Promise<ShareData>>>();

/**
 * The link's data on the snapshot whose index is `snapshotIndex`: built once (in steps that yield
 * to the event loop, as a whole snapshot's index is: a link over 50,000 tenants takes about a
 * second to index), then kept; concurrent first requests share one build.
 */
export function shareData(snapshotIndex: TenantIndex, share: ShareDefinition): Promise<ShareData> {
  let cache = built.get(snapshotIndex);
  if (!cache) built.set(snapshotIndex, (cache = new Lru(PER_SNAPSHOT)));
  const key = `${share.id}\n${share.view}\n${share.columns.join(",")}`;
  let data = cache.get(key);
  if (!data) {
    const building = build(snapshotIndex, share);
    building.catch(() => cache.delete(key));
    cache.set(key, (data = building));
  }
  return data;
}

async function build(snapshotIndex: TenantIndex, share: ShareDefinition): Promise<ShareData> {
  const v = visibility(share.columns);
  const scope = scopeView(parseViewSearch(share.view).view);
  const tenants = [];
  for (const tenant of snapshotIndex.select(scope)) tenants.push(projectTenant(tenant, v));
  const hidden = FACET_DIMENSIONS.filter((d) => !v.facet(d));
  // Ended licenses are counted as of the snapshot's time, as the whole snapshot's index counts them.
  const index = await createTenantIndexAsync(tenants, { asOf: snapshotIndex.asOf });
  return { index: withoutFacets(index, hidden), visibility: v };
}

/** `index` answering no facet values for the `hidden` dimensions (their values are all blank). */
function withoutFacets(index: TenantIndex, hidden: readonly FacetDimension[]): TenantIndex {
  if (hidden.length === 0) return index;
  const blank = (facets: Record<FacetDimension, FacetCount[]>) => {
    const out = { ...facets };
    for (const d of hidden) out[d] = [];
    return out;
  };
  return {
    get size() {
      return index.size;
    },
    get asOf() {
      return index.asOf;
    },
    get tenants() {
      return index.tenants;
    },
    query(view, page) {
      const result = index.query(view, page);
      return { ...result, facets: blank(result.facets) };
    },
    select: (view) => index.select(view),
    get: (id) => index.get(id),
    facetValues: () => blank(index.facetValues()),
    stats: () => index.stats(),
  };
}
