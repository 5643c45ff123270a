// The explorer's URL: the view params GET /api/tenants takes (same names, same canonical form, so a
// page URL and an API URL read alike) plus what only the screen needs: visible columns, collapsed
// groups and the open tenant. Pure functions, shared by the server page and the client hook.
import type { TenantView } from "@/lib/tenants/types";
import {
  DEFAULT_VIEW,
  parseViewParams,
  VIEW_PARAMS,
  ViewParamsError,
  viewToSearchParams,
} from "@/lib/tenants/view-codec";

/** The view params that appear in a page URL (paging is the table's business, not the URL's). */
export const URL_VIEW_KEYS = VIEW_PARAMS.filter((k) => k !== "offset" && k !== "limit");
export type UrlViewKey = (typeof URL_VIEW_KEYS)[number];

/** "Collapse all": `collapsed=*`, then `expanded` lists the groups opened again. */
export const ALL_GROUPS = "*";

/**
 * Column ids are the API's sort fields where the column sorts (a header click maps straight to
 * `sort`), and the export's column ids for the team's own words (subscription name, owner, tags,
 * note): those are offered in the column picker and never shown by default.
 */
export const COLUMN_IDS = [
  "name",
  "status",
  "regionCode",
  "countryCode",
  "subscriptionId",
  "subscriptionName",
  "owner",
  "tags",
  "hostname",
  "id",
  "createdAt",
  "updatedAt",
  "licenseEndsAt",
  "deletionStartsAt",
  "note",
] as const;
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

/** The columns a source offers and those it shows by default (the organization: all, the defaults). */
export interface ColumnChoice {
  offered: readonly ColumnId[];
  defaults: readonly ColumnId[];
}

const ORG_COLUMNS: ColumnChoice = { offered: COLUMN_IDS, defaults: DEFAULT_COLUMNS };

/**
 * Visible columns from `cols` (unknown or not offered ids dropped; none left → the defaults), in
 * table order.
 */
export function visibleColumns(
  cols: readonly string[] | null | undefined,
  choice: ColumnChoice = ORG_COLUMNS,
): ColumnId[] {
  const wanted = new Set((cols ?? []).filter((c) => choice.offered.includes(c as ColumnId)));
  if (wanted.size === 0) return COLUMN_IDS.filter((c) => choice.defaults.includes(c));
  if (!wanted.has("name")) wanted.add("name");
  return COLUMN_IDS.filter((c) => wanted.has(c));
}

/** `cols` for a set of visible columns: null (absent) when it is the default set. */
export function colsParam(
  visible: readonly ColumnId[],
  defaults: readonly ColumnId[] = DEFAULT_COLUMNS,
): string[] | null {
  const sorted = COLUMN_IDS.filter((c) => visible.includes(c));
  const isDefault = sorted.length === defaults.length && sorted.every((c) => defaults.includes(c));
  return isDefault ? null : sorted;
}

/** Params that repeat rather than join their values with commas (an owner may hold a comma). */
export const REPEATED_URL_KEYS = ["owner"] as const satisfies readonly UrlViewKey[];
type RepeatedUrlKey = (typeof REPEATED_URL_KEYS)[number];
const isRepeated = (key: string): key is RepeatedUrlKey =>
  (REPEATED_URL_KEYS as readonly string[]).includes(key);

/** What the URL holds for each view param: one string, or a list for a repeated param. */
export type UrlViewValues = {
  [K in UrlViewKey]: K extends RepeatedUrlKey ? string[] | null : string | null;
};

/** The raw URL values (null when absent) for a view, in canonical form. */
export function viewToUrlValues(view: TenantView): UrlViewValues {
  const params = viewToSearchParams(view);
  const out: Record<string, string | string[] | null> = {};
  for (const k of URL_VIEW_KEYS) {
    if (isRepeated(k)) {
      const all = params.getAll(k);
      out[k] = all.length ? all : null;
    } else out[k] = params.get(k);
  }
  return out as UrlViewValues;
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

/** A part of a link the explorer could not use and left out, said in plain words. */
export interface IgnoredParam {
  param: UrlViewKey;
  /** The value as the link gave it ("" when the whole parameter is meant). */
  value: string;
  /** Why, for a person: "not a status". */
  reason: string;
  /** What to call it when not the parameter's own name. */
  label?: string;
}

/** The parameter's name as a person says it. */
export const PARAM_NAMES = {
  q: "search",
  region: "region",
  country: "country",
  subscription: "subscription",
  status: "status",
  createdFrom: "created from",
  createdTo: "created to",
  sort: "sort",
  group: "grouping",
  owner: "owner",
  tag: "tag",
  annotated: "annotated",
  licenseEndsFrom: "license ends from",
  licenseEndsTo: "license ends to",
  deletionScheduled: "deletion scheduled",
} as Record<UrlViewKey, string>;

const REASONS = {
  q: "longer than the search allows",
  region: "not a region",
  country: "not a country",
  subscription: "not a subscription ID",
  status: "not a status",
  createdFrom: "not a date",
  createdTo: "not a date",
  sort: "not a column to sort by",
  group: "not a way to group tenants",
  owner: "not an owner",
  tag: "not a tag",
  annotated: 'not "yes" or "no"',
  licenseEndsFrom: "not a date",
  licenseEndsTo: "not a date",
  deletionScheduled: 'not "yes" or "no"',
} as Record<UrlViewKey, string>;

export const ignoredReason = (param: UrlViewKey) => REASONS[param] ?? "not a value it takes";

/** `Ignored status "bogus" — not a status` */
export function describeIgnored({ param, value, reason, label }: IgnoredParam): string {
  const quoted = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `Ignored ${label ?? PARAM_NAMES[param] ?? param}${value ? ` "${quoted}"` : ""} — ${reason}`;
}

/** Multi-valued params: each comma-separated value is checked on its own. */
const LIST_KEYS = new Set<string>(["region", "country", "subscription", "status", "tag", "sort"]);

function accepts(param: UrlViewKey, value: string): boolean {
  try {
    parseViewParams({ [param]: value });
    return true;
  } catch (error) {
    if (error instanceof ViewParamsError) return false;
    throw error;
  }
}

export type RawViewParams = Partial<Record<UrlViewKey, string | readonly string[] | null>>;

/** One empty list for every clean link, so "nothing ignored" compares equal between parses. */
const NONE_IGNORED: readonly IgnoredParam[] = Object.freeze([]);

/**
 * The view of a link, leaving out what cannot be used instead of refusing the whole link: each
 * unusable value (or parameter) is dropped and reported. A link that parses as it is costs one
 * parse; the value-by-value check runs only for a link with a fault.
 */
export function parseViewLeniently(raw: RawViewParams): {
  view: TenantView;
  ignored: readonly IgnoredParam[];
} {
  const input: Record<string, string[]> = {};
  for (const key of URL_VIEW_KEYS) {
    const v = raw[key];
    const values = (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]) as string[];
    const kept = values.filter((x) => x.trim() !== "");
    if (kept.length) input[key] = kept;
  }
  try {
    return { view: parseViewParams(input).view, ignored: NONE_IGNORED };
  } catch (error) {
    if (!(error instanceof ViewParamsError)) throw error;
  }

  const ignored: IgnoredParam[] = [];
  const usable: Record<string, string | string[]> = {};
  for (const key of URL_VIEW_KEYS) {
    const values = input[key];
    if (!values) continue;
    if (isRepeated(key)) {
      const good: string[] = [];
      for (const value of values) {
        if (accepts(key, value)) good.push(value);
        else ignored.push({ param: key, value, reason: ignoredReason(key) });
      }
      if (good.length) usable[key] = good;
    } else if (LIST_KEYS.has(key)) {
      const good: string[] = [];
      const sortFields = new Set<string>();
      for (const part of values.flatMap((v) => v.split(",")).map((p) => p.trim())) {
        if (!part) continue;
        if (!accepts(key, part)) {
          ignored.push({ param: key, value: part, reason: ignoredReason(key) });
          continue;
        }
        if (key === "sort") {
          const field = part.replace(/^-/, "");
          if (sortFields.has(field)) {
            ignored.push({ param: key, value: part, reason: "that column is already sorted on" });
            continue;
          }
          sortFields.add(field);
        }
        good.push(part);
      }
      if (good.length) usable[key] = good.join(",");
    } else {
      // One value: the first usable one counts.
      const [first, ...rest] = values;
      const value = first ?? "";
      if (accepts(key, value)) usable[key] = value;
      else ignored.push({ param: key, value, reason: ignoredReason(key) });
      for (const extra of rest)
        ignored.push({ param: key, value: extra, reason: "given more than once" });
    }
  }
  try {
    return { view: parseViewParams(usable).view, ignored };
  } catch (error) {
    if (!(error instanceof ViewParamsError)) throw error;
  }
  // What is left fails only together: a "created from" after "created to".
  const { createdFrom, createdTo, ...rest } = usable;
  if (createdFrom !== undefined && createdTo !== undefined)
    ignored.push({
      param: "createdFrom",
      label: "created dates",
      value: `${createdFrom} – ${createdTo}`,
      reason: "the start is after the end",
    });
  try {
    return { view: parseViewParams(rest).view, ignored };
  } catch (error) {
    if (!(error instanceof ViewParamsError)) throw error;
    return { view: DEFAULT_VIEW, ignored };
  }
}

/** The view without the values a check elsewhere (the snapshot's values) found unusable. */
export function withoutIgnored(view: TenantView, ignored: readonly IgnoredParam[]): TenantView {
  let out = view;
  for (const { param, value } of ignored) {
    if (param !== "region" && param !== "country" && param !== "status" && param !== "subscription")
      continue;
    if (!out[param].includes(value)) continue;
    out = { ...out, [param]: out[param].filter((v) => v !== value) };
  }
  return out;
}
