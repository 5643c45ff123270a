// The body of GET /api/tenants as UTF-8 bytes. Serializing and encoding ~55 KB of JSON is the
// largest per-request cost once the query itself is cached, so the bytes of everything but the
// snapshot state (which changes while a sync runs) are kept per view and page, per index (they go
// with their snapshot), and each tenant's JSON is made once.
import type { SnapshotInfo, Tenant, TenantView, TenantsResponse } from "@/lib/tenants/types";
import { viewKey } from "@/lib/tenants/view-params";
import { Lru } from "@/lib/cache/lru";
import type { QueryPage, TenantIndex } from "./tenant-index";

export const RESPONSE_CACHE_SIZE = 64;

const encoder = new TextEncoder();
const tenantJson = new WeakMap<Tenant, string>();
const bodies = new WeakMap<TenantIndex, Lru<string, Uint8Array>>();

function rowsJson(rows: readonly Tenant[]): string {
  let out = "[";
  for (let k = 0; k < rows.length; k++) {
    const tenant = rows[k] as Tenant;
    let json = tenantJson.get(tenant);
    if (json === undefined) {
      json = JSON.stringify(tenant);
      tenantJson.set(tenant, json);
    }
    out += k === 0 ? json : `,${json}`;
  }
  return `${out}]`;
}

/** `{"rows":…,"groups":…,"snapshot":` — every field of TenantsResponse except the snapshot's value. */
function head(index: TenantIndex, view: TenantView, page: QueryPage): Uint8Array {
  const result = index.query(view, page);
  const fields: Record<Exclude<keyof TenantsResponse, "snapshot">, string> = {
    rows: rowsJson(result.rows),
    total: String(result.total),
    totalAll: String(result.totalAll),
    offset: String(page.offset),
    limit: String(page.limit),
    facets: JSON.stringify(result.facets),
    groups: JSON.stringify(result.groups),
  };
  let json = "{";
  for (const [name, value] of Object.entries(fields)) json += `"${name}":${value},`;
  return encoder.encode(`${json}"snapshot":`);
}

/**
 * The TenantsResponse for `view` and `page` as JSON bytes. `cache: false` skips the byte cache
 * (the bench measures both).
 */
export function tenantsResponseBody(
  index: TenantIndex,
  view: TenantView,
  page: QueryPage,
  snapshot: SnapshotInfo,
  options: { cache?: boolean } = {},
): Uint8Array<ArrayBuffer> {
  let prefix: Uint8Array | undefined;
  if (options.cache === false) prefix = head(index, view, page);
  else {
    let cache = bodies.get(index);
    if (!cache) bodies.set(index, (cache = new Lru(RESPONSE_CACHE_SIZE)));
    const key = `${viewKey(view)}#${page.offset}#${page.limit}`;
    prefix = cache.get(key);
    if (!prefix) cache.set(key, (prefix = head(index, view, page)));
  }
  const tail = encoder.encode(`${JSON.stringify(snapshot)}}`);
  const body = new Uint8Array(prefix.length + tail.length);
  body.set(prefix);
  body.set(tail, prefix.length);
  return body;
}
