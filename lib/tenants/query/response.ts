// The body of GET /api/tenants as UTF-8 bytes, a pure function of (snapshot, view, page): the same
// request on the same snapshot is the same bytes, which is what lets the route answer with an ETag
// and 304. Serializing ~55 KB of JSON is the largest per-request cost once the query itself is
// cached, so finished bodies are kept per view and page, per index (they go with their snapshot),
// and each tenant's JSON bytes are made once.
import type {
  SearchMatchField,
  SnapshotRef,
  Tenant,
  TenantRow,
  TenantView,
  TenantsResponse,
} from "@/lib/tenants/types";
import { viewKey } from "@/lib/tenants/view-params";
import { Lru } from "@/lib/cache/lru";
import type { QueryPage, TenantIndex, TenantQueryResult } from "./tenant-index";

export const RESPONSE_CACHE_SIZE = 64;

const encoder = new TextEncoder();
const COMMA = encoder.encode(",");
/** Each tenant's JSON as UTF-8, made once: encoding ~55 KB of text per answer cost more than the query. */
const tenantBytes = new WeakMap<Tenant, Uint8Array>();
const bodies = new WeakMap<TenantIndex, Lru<string, Body>>();
/** `,"match":[…]}`: what closes a matched row's JSON instead of its `}` (few distinct ones). */
const matchEnds = new Map<readonly SearchMatchField[], Uint8Array>();

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

/** The page's rows as the API gives them: each tenant, with `match` where the search says one. */
export function tenantRows(result: Pick<TenantQueryResult, "rows" | "matches">): TenantRow[] {
  return result.rows.map((tenant, k) => {
    const match = result.matches[k];
    return match ? { ...tenant, match } : tenant;
  });
}

function serialize(
  index: TenantIndex,
  view: TenantView,
  page: QueryPage,
  snapshot: SnapshotRef,
): Body {
  const result = index.query(view, page);
  const parts: Uint8Array[] = [encoder.encode('{"rows":[')];
  for (let k = 0; k < result.rows.length; k++) {
    if (k > 0) parts.push(COMMA);
    const bytes = rowBytes(result.rows[k] as Tenant);
    const match = result.matches[k];
    if (match === undefined) parts.push(bytes);
    else parts.push(bytes.subarray(0, bytes.length - 1), matchEnd(match)); // the tenant's "}" last
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
 * The TenantsResponse for `view` and `page` of `snapshot` (whose index is `index`) as JSON bytes.
 * `cache: false` skips the body cache (the bench measures both).
 */
export function tenantsResponseBody(
  index: TenantIndex,
  view: TenantView,
  page: QueryPage,
  snapshot: SnapshotRef,
  options: { cache?: boolean } = {},
): Body {
  if (options.cache === false) return serialize(index, view, page, snapshot);
  let cache = bodies.get(index);
  if (!cache) bodies.set(index, (cache = new Lru(RESPONSE_CACHE_SIZE)));
  const key = `${viewKey(view)}#${page.offset}#${page.limit}`;
  let body = cache.get(key);
  if (!body) cache.set(key, (body = serialize(index, view, page, snapshot)));
  return body;
}
