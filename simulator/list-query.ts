// The shared list machinery of GET /api/core/tenants and POST …/actions/filter: query parameter
// parsing (limit, next/prev/offset cursors, sort, totalResults) and building one page with its links.
//
// Cursors: `next=<ObjectId>` returns the tenants sorting strictly after that tenant, `prev=<ObjectId>`
// the `limit` tenants strictly before it. Links carry the ObjectId of the page's last (next) or first
// (prev) tenant. A cursor naming a tenant that no longer matches the filter, or was deleted, continues
// from where that tenant sorts; a well-formed ObjectId the simulator never issued is a 400.
import { badParameter } from "./errors";
import { OBJECT_ID_RE } from "./object-id";
import type { FilterNode } from "./scim/parser";
import { parseSort, sortText, type SortKey } from "./sort";
import type { SimState } from "./context";
import type { TenantRecord } from "./store";
import type { Tenant, TenantData } from "./types";

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface ListParams {
  limit: number;
  cursor?: { direction: "next" | "prev"; oid: string; parameter: string };
  sort: SortKey[];
  totalResults: boolean;
}

/** The single value of a query parameter; a 400 when it is repeated. */
export function single(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) throw badParameter(name, `${name} is given more than once.`);
  return values[0];
}

export function parseListParams(query: URLSearchParams): ListParams {
  const rawLimit = single(query, "limit");
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== undefined) {
    if (!/^\d{1,6}$/.test(rawLimit) || Number(rawLimit) > MAX_LIMIT)
      throw badParameter(
        "limit",
        `limit must be a whole number from 0 to ${MAX_LIMIT} (got ${JSON.stringify(rawLimit)}).`,
      );
    limit = Number(rawLimit);
  }

  const cursors = (["next", "prev", "offset"] as const)
    .map((name) => ({ name, value: single(query, name) }))
    .filter((c): c is { name: "next" | "prev" | "offset"; value: string } => c.value !== undefined);
  if (cursors.length > 1)
    throw badParameter(
      cursors[1]?.name ?? "next",
      `Use only one of next, prev and offset (got ${cursors.map((c) => c.name).join(" and ")}).`,
    );
  let cursor: ListParams["cursor"];
  const c = cursors[0];
  if (c) {
    if (!OBJECT_ID_RE.test(c.value))
      throw badParameter(
        c.name,
        `${c.name} must be a page cursor (24 hexadecimal characters) taken from links.${c.name === "prev" ? "prev" : "next"}.href (got ${JSON.stringify(c.value.slice(0, 64))}).`,
      );
    cursor = {
      direction: c.name === "prev" ? "prev" : "next",
      oid: c.value.toLowerCase(),
      parameter: c.name,
    };
  }

  const sort = parseSort(single(query, "sort"));

  const rawTotal = single(query, "totalResults");
  if (rawTotal !== undefined && rawTotal !== "true" && rawTotal !== "false")
    throw badParameter(
      "totalResults",
      `totalResults must be "true" or "false" (got ${JSON.stringify(rawTotal.slice(0, 64))}).`,
    );
  return { limit, cursor, sort, totalResults: rawTotal === "true" };
}

const selfHref = (origin: string, id: string) =>
  `${origin}/api/core/tenants/${encodeURIComponent(id)}`;

export function publicTenant(data: TenantData, origin: string): Tenant {
  return { ...data, links: { self: { href: selfHref(origin, data.id) } } };
}

/** JSON.stringify(publicTenant(record.data, origin)), reusing the record's cached JSON. */
function publicTenantJson(record: TenantRecord, origin: string): string {
  record.json ??= JSON.stringify(record.data);
  const links = `"links":{"self":{"href":${JSON.stringify(selfHref(origin, record.id))}}}`;
  return `${record.json.slice(0, -1)},${links}}`;
}

export interface PageRequest {
  filter: FilterNode | undefined;
  /** The filter text as received, repeated in links when `filterInLinks`. */
  filterText: string | undefined;
  filterInLinks: boolean;
  params: ListParams;
  origin: string;
  /** e.g. "/api/core/tenants". */
  path: string;
  /** The request's own path and query, for links.self. */
  selfPathAndQuery: string;
}

export interface TenantsPage {
  data: Tenant[];
  links: { self: { href: string }; next?: { href: string }; prev?: { href: string } };
  totalResults?: number;
}

/** One page as the JSON text of a TenantsPage (built by hand: tenant JSON is cached per record). */
export function buildPage(sim: SimState, page: PageRequest): string {
  const { params } = page;
  const result = sim.cache.get(page.filter, params.sort);
  const list = result.list;
  let start = 0;
  let end = Math.min(params.limit, list.length);
  if (params.cursor) {
    const anchor = sim.store.byObjectId(params.cursor.oid);
    if (!anchor)
      throw badParameter(
        params.cursor.parameter,
        `${params.cursor.parameter} cursor ${params.cursor.oid} does not refer to a tenant; restart from the first page.`,
      );
    if (params.cursor.direction === "next") {
      start = result.after(anchor);
      end = Math.min(start + params.limit, list.length);
    } else {
      end = result.before(anchor);
      start = Math.max(0, end - params.limit);
    }
  }
  const items: readonly TenantRecord[] = list.slice(start, end);

  const link = (cursorName: "next" | "prev", oid: string) => {
    const parts = [`limit=${params.limit}`, `${cursorName}=${oid}`];
    if (params.sort.length > 0) parts.push(`sort=${encodeURIComponent(sortText(params.sort))}`);
    if (page.filterInLinks && page.filterText !== undefined)
      parts.push(`filter=${encodeURIComponent(page.filterText)}`);
    if (params.totalResults) parts.push("totalResults=true");
    return { href: `${page.origin}${page.path}?${parts.join("&")}` };
  };

  const links: TenantsPage["links"] = { self: { href: `${page.origin}${page.selfPathAndQuery}` } };
  const first = items[0];
  const last = items[items.length - 1];
  if (last && end < list.length) links.next = link("next", last.oid);
  if (first && start > 0) links.prev = link("prev", first.oid);
  const data = items.map((r) => publicTenantJson(r, page.origin)).join(",");
  const total = params.totalResults ? `,"totalResults":${list.length}` : "";
  return `{"data":[${data}],"links":${JSON.stringify(links)}${total}}`;
}
