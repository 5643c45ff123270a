import "server-only";
import { Lru } from "@/lib/cache/lru";
import {
  createTenantIndexAsync,
  type AnnotationSource,
  type TenantIndex,
} from "@/lib/tenants/query";
import {
  FACET_DIMENSIONS,
  type FacetCount,
  type FacetDimension,
  type Tenant,
  type TenantView,
} from "@/lib/tenants/types";
import { parseViewSearch } from "@/lib/tenants/view-codec";
import { visibility, type Visibility } from "./columns";
import { projectLabel, projectOwnAnnotation, projectTenant } from "./projection";
import { scopeView } from "./scope";

// The only data a link reads: the tenants of its scope (evaluated on the full snapshot, so a scope
// may filter on a column the link hides), each cut down to the link's columns, indexed on their
// own. Every answer through the link (rows, totals, facets, groups, details, export) is a query on
// this index, so a request's parameters can narrow the scope but never widen it, and a hidden value
// can be neither searched, sorted, grouped, faceted nor exported: it is not there. So a row's search
// match (TenantRow.match) can name only a field the link shows.
//
// The annotations (subscription name, customer reference, owner, tags, note) are joined the same
// way: `annotations` gives each in-scope tenant its annotation with the hidden fields blanked, so a
// hidden owner, note or subscription name is neither shown nor searched, filtered, grouped or
// counted. A scope that reads annotations (a search, owner, tag, annotated) selects per annotation
// version, so its data is rebuilt when they change; any other scope keeps its index.

export interface ShareData {
  /** In-scope tenants only, projected; its facets list nothing for a hidden dimension. */
  index: TenantIndex;
  visibility: Visibility;
  /** The in-scope tenants' annotations, projected: pass to every query on `index`. */
  annotations: AnnotationSource;
}

/** The part of a link its data depends on. */
export interface ShareDefinition {
  id: string;
  view: string;
  columns: readonly string[];
}

const PER_SNAPSHOT = 32;
type BuiltData = Omit<ShareData, "annotations">;
const built = new WeakMap<TenantIndex, Lru<string, Promise<BuiltData>>>();

/** Whether which tenants a scope selects depends on the annotations. */
function readsAnnotations(scope: TenantView): boolean {
  return (
    scope.q.trim() !== "" ||
    scope.owner.length > 0 ||
    scope.tag.length > 0 ||
    scope.annotated !== null
  );
}

/**
 * The link's data on the snapshot whose index is `snapshotIndex`, with `annotations` (the current
 * ones): built once (in steps that yield to the event loop, as a whole snapshot's index is: a link
 * over 50,000 tenants takes about a second to index), then kept; concurrent first requests share
 * one build.
 */
export async function shareData(
  snapshotIndex: TenantIndex,
  share: ShareDefinition,
  annotations: AnnotationSource,
): Promise<ShareData> {
  let cache = built.get(snapshotIndex);
  if (!cache) built.set(snapshotIndex, (cache = new Lru(PER_SNAPSHOT)));
  const scope = scopeView(parseViewSearch(share.view).view);
  const version = readsAnnotations(scope) ? annotations.version : "";
  const key = `${share.id}\n${share.view}\n${share.columns.join(",")}\n${version}`;
  let data = cache.get(key);
  if (!data) {
    data = build(snapshotIndex, share, scope, annotations);
    data.catch(() => cache.delete(key));
    cache.set(key, data);
  }
  const { index, visibility: v } = await data;
  return { index, visibility: v, annotations: projectedAnnotations(snapshotIndex, annotations, v) };
}

const projected = new WeakMap<Visibility, { source: AnnotationSource; from: AnnotationSource }>();

/**
 * The link's view of `annotations`: each in-scope tenant's (read from the snapshot's tenant, whose
 * subscription id the link may hide) with the hidden fields blanked. One per link and version.
 */
function projectedAnnotations(
  snapshotIndex: TenantIndex,
  annotations: AnnotationSource,
  v: Visibility,
): AnnotationSource {
  const kept = projected.get(v);
  if (kept && kept.from === annotations) return kept.source;
  // Read from the snapshot's tenant: the link may hide the subscription id the label is found by.
  const original = (tenant: Tenant) => snapshotIndex.get(tenant.id) ?? tenant;
  const labelShown = v.has("subscriptionName") || v.has("customerRef");
  const source: AnnotationSource = {
    version: annotations.version,
    ownAnnotation(tenant) {
      const own = annotations.ownAnnotation(original(tenant));
      return own && projectOwnAnnotation(own, v);
    },
    subscriptionLabel(tenant) {
      if (!labelShown) return undefined;
      const label = annotations.subscriptionLabel(original(tenant));
      return label && projectLabel(label, v);
    },
  };
  projected.set(v, { source, from: annotations });
  return source;
}

async function build(
  snapshotIndex: TenantIndex,
  share: ShareDefinition,
  scope: TenantView,
  annotations: AnnotationSource,
): Promise<BuiltData> {
  const v = visibility(share.columns);
  const tenants = [];
  for (const tenant of snapshotIndex.select(scope, annotations))
    tenants.push(projectTenant(tenant, v));
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
    query(view, page, annotations) {
      const result = index.query(view, page, annotations);
      return { ...result, facets: blank(result.facets) };
    },
    select: (view, annotations) => index.select(view, annotations),
    get: (id) => index.get(id),
    row: (id, annotations) => index.row(id, annotations),
    facetValues: (annotations) => blank(index.facetValues(annotations)),
    stats: () => index.stats(),
  };
}
