// The body of GET /api/tenants as UTF-8 bytes. Serializing and encoding ~55 KB of JSON is the
// largest per-request cost once the query itself is cached, so the bytes of everything but the
// snapshot state (which changes while a sync runs) are kept per view and page, per index (they go
// with their snapshot), and each tenant's JSON bytes are made once.
import type { SnapshotInfo, Tenant, TenantView, TenantsResponse } from "@/lib/tenants/types";
import { viewKey } from "@/lib/tenants/view-params";
import { Lru } from "@/lib/cache/lru";
import type { QueryPage, TenantIndex } from "./tenant-index";

export const RESPONSE_CACHE_SIZE = 64;

const encoder = new TextEncoder();
const COMMA = encoder.encode(",");
/** Each tenant's JSON as UTF-8, made once: encoding ~55 KB of text per answer cost more than the query. */
const tenantBytes = new WeakMap<Tenant, Uint8Array>();
const bodies = new WeakMap<TenantIndex, Lru<string, Uint8Array>>();

function rowBytes(tenant: Tenant): Uint8Array {
  let bytes = tenantBytes.get(tenant);
  if (bytes === undefined) {
    bytes = encoder.encode(JSON.stringify(tenant));
    tenantBytes.set(tenant, bytes);
  }
  return bytes;
}

/** `{"rows":…,"groups":…,"snapshot":` — every field of TenantsResponse except the snapshot's value. */
function head(index: TenantIndex, view: TenantView, page: QueryPage): Uint8Array {
  const result = index.query(view, page);
  const parts: Uint8Array[] = [encoder.encode('{"rows":[')];
  for (let k = 0; k < result.rows.length; k++) {
    if (k > 0) parts.push(COMMA);
    parts.push(rowBytes(result.rows[k] as Tenant));
  }
  const rest: Record<Exclude<keyof TenantsResponse, "snapshot" | "rows">, string> = {
    total: String(result.total),
    totalAll: String(result.totalAll),
    offset: String(page.offset),
    limit: String(page.limit),
    facets: JSON.stringify(result.facets),
    groups: JSON.stringify(result.groups),
  };
  let json = "]";
  for (const [name, value] of Object.entries(rest)) json += `,"${name}":${value}`;
  parts.push(encoder.encode(`${json},"snapshot":`));
  return Buffer.concat(parts);
}

/**
 * The TenantsResponse for `view` and `page` as JSON bytes, in two chunks to send one after the
 * other: the cached part and the snapshot's state (so an answer from the cache copies nothing).
 * `cache: false` skips the byte cache (the bench measures both).
 */
export function tenantsResponseBody(
  index: TenantIndex,
  view: TenantView,
  page: QueryPage,
  snapshot: SnapshotInfo,
  options: { cache?: boolean } = {},
): [Uint8Array, Uint8Array] {
  let prefix: Uint8Array | undefined;
  if (options.cache === false) prefix = head(index, view, page);
  else {
    let cache = bodies.get(index);
    if (!cache) bodies.set(index, (cache = new Lru(RESPONSE_CACHE_SIZE)));
    const key = `${viewKey(view)}#${page.offset}#${page.limit}`;
    prefix = cache.get(key);
    if (!prefix) cache.set(key, (prefix = head(index, view, page)));
  }
  return [prefix, encoder.encode(`${JSON.stringify(snapshot)}}`)];
}
