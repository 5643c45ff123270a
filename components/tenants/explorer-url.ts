// The explorer's URL: the view params GET /api/tenants takes (same names, same canonical form, so a
// page URL and an API URL read alike) plus what only the screen needs: visible columns, collapsed
// groups and the open tenant. Pure functions, shared by the server page and the client hook.
import type { SortField, TenantView } from "@/lib/tenants/types";
import { VIEW_PARAMS, viewToSearchParams } from "@/lib/tenants/view-params";

/** The view params that appear in a page URL (paging is the table's business, not the URL's). */
export const URL_VIEW_KEYS = VIEW_PARAMS.filter((k) => k !== "offset" && k !== "limit");
export type UrlViewKey = (typeof URL_VIEW_KEYS)[number];

/** Page-only params the server parser must accept next to the view. */
export const EXPLORER_EXTRA_PARAMS = ["cols", "collapsed", "expanded", "tenant"] as const;

/** "Collapse all": `collapsed=*`, then `expanded` lists the groups opened again. */
export const ALL_GROUPS = "*";

/** Column ids are the API's sort fields, so a header click maps straight to `sort`. */
export const COLUMN_IDS = [
  "name",
  "status",
  "regionCode",
  "countryCode",
  "subscriptionId",
  "hostname",
  "id",
  "createdAt",
  "updatedAt",
  "licenseEndsAt",
  "deletionStartsAt",
] as const satisfies readonly SortField[];
export type ColumnId = (typeof COLUMN_IDS)[number];

export const DEFAULT_COLUMNS: readonly ColumnId[] = [
  "name",
  "status",
  "regionCode",
  "subscriptionId",
  "hostname",
  "createdAt",
  "licenseEndsAt",
];

const COLUMN_SET = new Set<string>(COLUMN_IDS);

/** Visible columns from `cols` (unknown ids dropped; none left → the defaults), in table order. */
export function visibleColumns(cols: readonly string[] | null | undefined): ColumnId[] {
  const wanted = new Set((cols ?? []).filter((c) => COLUMN_SET.has(c)));
  if (wanted.size === 0) return [...DEFAULT_COLUMNS];
  if (!wanted.has("name")) wanted.add("name");
  return COLUMN_IDS.filter((c) => wanted.has(c));
}

/** `cols` for a set of visible columns: null (absent) when it is the default set. */
export function colsParam(visible: readonly ColumnId[]): string[] | null {
  const sorted = COLUMN_IDS.filter((c) => visible.includes(c));
  const isDefault =
    sorted.length === DEFAULT_COLUMNS.length && sorted.every((c) => DEFAULT_COLUMNS.includes(c));
  return isDefault ? null : sorted;
}

/** The raw URL values (one string each, null when absent) for a view, in canonical form. */
export function viewToUrlValues(view: TenantView): Record<UrlViewKey, string | null> {
  const params = viewToSearchParams(view);
  return Object.fromEntries(URL_VIEW_KEYS.map((k) => [k, params.get(k)])) as Record<
    UrlViewKey,
    string | null
  >;
}

export interface CollapseState {
  collapsed: readonly string[];
  expanded: readonly string[];
}

export function isGroupCollapsed(state: CollapseState, key: string): boolean {
  if (state.collapsed.includes(ALL_GROUPS)) return !state.expanded.includes(key);
  return state.collapsed.includes(key);
}

/** The URL values after toggling one group. */
export function toggleGroup(state: CollapseState, key: string): CollapseState {
  const collapsedNow = isGroupCollapsed(state, key);
  if (state.collapsed.includes(ALL_GROUPS)) {
    const expanded = collapsedNow
      ? [...state.expanded, key]
      : state.expanded.filter((k) => k !== key);
    return { collapsed: state.collapsed, expanded };
  }
  const collapsed = collapsedNow
    ? state.collapsed.filter((k) => k !== key)
    : [...state.collapsed, key];
  return { collapsed, expanded: [] };
}

export const groupKey = (field: string, value: string, parent?: string) =>
  parent ? `${parent}>${field}:${value}` : `${field}:${value}`;
