// The body of GET /api/tenants as UTF-8 bytes, a pure function of (snapshot, annotation version,
// view, page): the same request on the same snapshot and annotations is the same bytes, which is
// what lets the route answer with an ETag and 304. Serializing ~55 KB of JSON is the largest
// per-request cost once the query itself is cached, so finished bodies are kept per annotation
// version, view and page, per index (they go with their snapshot), each tenant's JSON bytes are
// made once, and so are each annotation's (tenants of a named subscription without annotations of
// their own share one).
import type {
  RowAnnotation,
  SearchMatchField,
  SnapshotRef,
  Tenant,
  TenantRow,
  TenantView,
  TenantsResponse,
} from "@/lib/tenants/types";
import { viewKey } from "@/lib/tenants/view-codec";
import { Lru } from "@/lib/cache/lru";
import { annotatedRow, type AnnotationSource } from "./annotations";
import type { QueryPage, TenantIndex, TenantQueryResult } from "./tenant-index";

export const RESPONSE_CACHE_SIZE = 64;

const encoder = new TextEncoder();
const COMMA = encoder.encode(",");
/** Each tenant's JSON as UTF-8, made once: encoding ~55 KB of text per answer cost more than the query. */
const tenantBytes = new WeakMap<Tenant, Uint8Array>();
const bodies = new WeakMap<TenantIndex, Lru<string, Body>>();
/** `,"match":[…]}`: what closes a matched row's JSON instead of its `}` (few distinct ones). */
const matchEnds = new Map<readonly SearchMatchField[], Uint8Array>();
/** `,"subscriptionName":…,"note":…`: a row's annotation fields, after the tenant's own. */
const annotationBytes = new WeakMap<RowAnnotation, Uint8Array>();
const CLOSE = encoder.encode("}");

/** Bytes a web Response accepts as its body. */
type Body = Uint8Array<ArrayBuffer>;

function rowBytes(tenant: Tenant): Uint8Array {
  let bytes = tenantBytes.get(tenant);
  if (bytes === undefined) {
    bytes = encoder.encode(JSON.stringify(tenant));
    tenantBytes.set(tenant, bytes);
  }
  return bytes;
}

function matchEnd(match: readonly SearchMatchField[]): Uint8Array {
  let bytes = matchEnds.get(match);
  if (bytes === undefined) {
    bytes = encoder.encode(`,"match":${JSON.stringify(match)}}`);
    matchEnds.set(match, bytes);
  }
  return bytes;
}

function annotationEnd(annotation: RowAnnotation): Uint8Array {
  let bytes = annotationBytes.get(annotation);
  if (bytes === undefined) {
    const json = JSON.stringify({
      subscriptionName: annotation.subscriptionName,
      customerRef: annotation.customerRef,
      owner: annotation.owner,
      tags: annotation.tags,
      note: annotation.note,
    });
    bytes = encoder.encode(`,${json.slice(1, -1)}`);
    annotationBytes.set(annotation, bytes);
  }
  return bytes;
}

/**
 * The page's rows as the API gives them: each tenant with its annotations, and `match` where the
 * search says one.
 */
export function tenantRows(
  result: Pick<TenantQueryResult, "rows" | "matches" | "annotations">,
): TenantRow[] {
  return result.rows.map((tenant, k) => {
    const row: TenantRow = annotatedRow(tenant, result.annotations[k] as RowAnnotation);
    const match = result.matches[k];
    if (match) row.match = match;
    return row;
  });
}

function serialize(
  index: TenantIndex,
  view: TenantView,
  page: QueryPage,
  snapshot: SnapshotRef,
  annotations: AnnotationSource | undefined,
): Body {
  const result = index.query(view, page, annotations);
  const parts: Uint8Array[] = [encoder.encode('{"rows":[')];
  for (let k = 0; k < result.rows.length; k++) {
    if (k > 0) parts.push(COMMA);
    const bytes = rowBytes(result.rows[k] as Tenant);
    // The tenant's fields without its "}", its annotations, then its match (if any) and "}".
    parts.push(
      bytes.subarray(0, bytes.length - 1),
      annotationEnd(result.annotations[k] as RowAnnotation),
    );
    const match = result.matches[k];
    parts.push(match === undefined ? CLOSE : matchEnd(match));
  }
  const rest: Record<Exclude<keyof TenantsResponse, "rows">, string> = {
    total: String(result.total),
    totalAll: String(result.totalAll),
    offset: String(page.offset),
    limit: String(page.limit),
    facets: JSON.stringify(result.facets),
    groups: JSON.stringify(result.groups),
    snapshot: JSON.stringify({ id: snapshot.id, takenAt: snapshot.takenAt } satisfies SnapshotRef),
  };
  let json = "]";
  for (const [name, value] of Object.entries(rest)) json += `,"${name}":${value}`;
  parts.push(encoder.encode(`${json}}`));
  return Buffer.concat(parts) as Body;
}

/**
 * The TenantsResponse for `view` and `page` of `snapshot` (whose index is `index`) with
 * `annotations` joined, as JSON bytes. `cache: false` skips the body cache (the bench measures
 * both).
 */
export function tenantsResponseBody(
  index: TenantIndex,
  view: TenantView,
  page: QueryPage,
  snapshot: SnapshotRef,
  options: { cache?: boolean; annotations?: AnnotationSource } = {},
): Body {
  const { annotations } = options;
  if (options.cache === false) return serialize(index, view, page, snapshot, annotations);
  let cache = bodies.get(index);
  if (!cache) bodies.set(index, (cache = new Lru(RESPONSE_CACHE_SIZE)));
  const key = `${annotations?.version ?? "0"}#${viewKey(view)}#${page.offset}#${page.limit}`;
  let body = cache.get(key);
  if (!body) cache.set(key, (body = serialize(index, view, page, snapshot, annotations)));
  return body;
}
