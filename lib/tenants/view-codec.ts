// What the user is looking at, as URL search params: the one parser that turns a query string into a
// `TenantView` plus paging (GET /api/tenants, the export, the explorer page), and its inverse, which
// the UI uses to build URLs. Client-safe and free of schema libraries (the explorer's first load
// runs it in every browser); lib/tenants/view-params.ts wraps it in a zod schema for the API's
// routes. A URL built in the browser and one parsed on the server always agree.
//
//   ?q=zurich&region=eu-west-1,eu-central-1&status=active&status=disabled
//    &createdFrom=2024-01-01&createdTo=2024-12-31&sort=-createdAt,name&group=region,subscription
//    &owner=alice@example.com&owner=Team%20Data&tag=eu-prod,billing&annotated=yes
//    &licenseEndsFrom=2026-01-01&licenseEndsTo=2026-03-31&deletionScheduled=no
//    &offset=100&limit=100
//
// Multi-valued params may repeat and/or be comma-separated, except `owner`, which only repeats (an
// owner may be a team name with a comma in it). A parameter this schema does not know, or a value
// it cannot read, is an error whose message names the parameter.
import {
  checkOwner,
  checkTag,
  isNoneFilterValue,
  NONE_FILTER_VALUE,
} from "@/lib/annotations/value-checks";
import { Lru } from "@/lib/cache/lru";
import { COUNTRY_CODES, REGION_CODES, TENANT_STATUSES } from "@/lib/regions";
import {
  GROUP_MODES,
  SORT_FIELDS,
  type GroupMode,
  type SortField,
  type SortKey,
  type TenantView,
} from "@/lib/tenants/types";

/** `subscription=none` selects (and facets/groups name) tenants without a subscription. */
export const NO_SUBSCRIPTION = "none";
/**
 * `owner=none` / `tag=none`: tenants without an owner / without tags (their facet and group value).
 * No owner or tag can be this word (value-checks.ts refuses it).
 */
export const NO_OWNER = NONE_FILTER_VALUE;
export const NO_TAG = NONE_FILTER_VALUE;
export const DEFAULT_SORT: readonly SortKey[] = Object.freeze([
  Object.freeze({ field: "name", desc: false }),
]);
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Far beyond any organization; keeps `offset` a small integer. */
export const MAX_OFFSET = 10_000_000;
export const MAX_QUERY_LENGTH = 200;

const none = () => Object.freeze([]) as unknown as string[];

/** Frozen all the way down: spread it and replace fields, never change it in place. */
export const DEFAULT_VIEW: TenantView = Object.freeze({
  q: "",
  region: none(),
  country: none(),
  subscription: none(),
  status: none(),
  owner: none(),
  tag: none(),
  annotated: null,
  createdFrom: null,
  createdTo: null,
  licenseEndsFrom: null,
  licenseEndsTo: null,
  deletionScheduled: null,
  sort: DEFAULT_SORT as SortKey[],
  group: "none",
}) as TenantView;

/** The parsed params: the view, the page and any extra params the caller allowed (raw values). */
export interface ViewQuery {
  view: TenantView;
  offset: number;
  limit: number;
  /** Values of each `allowExtra` param present (repeats kept, commas not split); absent = not set. */
  extra: Record<string, string[]>;
}

export interface ViewParamsOptions {
  /** Names of further params the caller validates itself (the export: columns, scope, format, bom). */
  allowExtra?: readonly string[];
}

/** What the schema accepts: URLSearchParams, or a Next.js-style `searchParams` record. */
export type ViewParamsInput =
  URLSearchParams | Record<string, string | readonly string[] | undefined>;

export const VIEW_PARAMS = [
  "q",
  "region",
  "country",
  "subscription",
  "status",
  "owner",
  "tag",
  "annotated",
  "createdFrom",
  "createdTo",
  "licenseEndsFrom",
  "licenseEndsTo",
  "deletionScheduled",
  "sort",
  "group",
  "offset",
  "limit",
] as const;

/** One problem with the params: the param it is about (none: the input as a whole) and why. */
export interface ViewParamsIssue {
  param: string | undefined;
  message: string;
  /** Params nobody asked for (the message names them). */
  unknownKeys?: string[];
}

/** Where a param's reader reports a problem (the shape of zod's, so the readers read alike). */
interface Ctx {
  addIssue(issue: { code: "custom"; message: string }): void;
}

/** A reader's answer when it reported a problem: the param has no value. */
const NEVER: unique symbol = Symbol("invalid");
type Read<T> = T | typeof NEVER;
/** One param's reader: its raw values (repeats kept), or undefined when absent. */
type ParamReader<T> = (values: string[] | undefined, ctx: Ctx) => Read<T>;

/** Typing help for a param's reader (the identity). */
const reader = <T>(read: ParamReader<T>): ParamReader<T> => read;

const quote = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/**
 * Groups repeated keys: `URLSearchParams` → `{ key: [values…] }`. The record has no prototype, so a
 * parameter named `__proto__`, `constructor` or `toString` is a key like any other (and refused as
 * unknown), never an inherited member.
 */
function toMultiMap(input: unknown): unknown {
  if (input instanceof URLSearchParams) {
    const out: Record<string, string[]> = Object.create(null);
    for (const [key, value] of input) (out[key] ??= []).push(value);
    return out;
  }
  if (input && typeof input === "object" && !Array.isArray(input)) {
    const out: Record<string, string[]> = Object.create(null);
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      out[key] = Array.isArray(value) ? value.map(String) : [String(value)];
    }
    return out;
  }
  return input;
}

/** Splits repeated and comma-separated values; drops empties and duplicates. */
function splitValues(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const value of values)
    for (const part of value.split(",")) {
      const trimmed = part.trim();
      if (trimmed) out.add(trimmed);
    }
  return [...out];
}

/**
 * The params whose values come from a known list. Qlik may add a region or a status before this
 * list knows it, so the codec also takes a value of the list's form; whether such a value is real
 * depends on the snapshot, which only the server has: the API checks it there
 * (lib/tenants/view-values.ts), so "actve" is a 400, not an empty table.
 */
export const LISTED_PARAMS = {
  region: {
    known: REGION_CODES as readonly string[],
    normalize: (s: string) => s.toLowerCase(),
    wellFormed: /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/,
  },
  country: {
    known: COUNTRY_CODES as readonly string[],
    normalize: (s: string) => s.toUpperCase(),
    wellFormed: /^[A-Z]{2}$/,
  },
  status: {
    known: TENANT_STATUSES as readonly string[],
    normalize: (s: string) => s.toLowerCase(),
    wellFormed: /^[a-z][a-z_-]{1,31}$/,
  },
} as const;
export type ListedParam = keyof typeof LISTED_PARAMS;

/**
 * A multi-valued param whose values come from a known list (matched case-insensitively), or have
 * the list's form (see LISTED_PARAMS). A value of another form ("mars-1" for a region) is refused
 * here already.
 */
function listParam(name: ListedParam) {
  const { known: allowed, normalize, wellFormed } = LISTED_PARAMS[name];
  const known = new Set(allowed);
  return reader((values, ctx) => {
    const out: string[] = [];
    for (const value of splitValues(values ?? [])) {
      const v = normalize(value);
      if (!known.has(v) && !wellFormed.test(v)) {
        ctx.addIssue({
          code: "custom",
          message: `"${name}" has an unknown value ${quote(value)}`,
        });
        return NEVER;
      }
      if (!out.includes(v)) out.push(v);
    }
    return out.sort();
  });
}

const SUBSCRIPTION_ID = /^\d{1,32}$/;

const subscriptionParam = reader((values, ctx) => {
  const out = splitValues(values ?? []).map((v) =>
    v.toLowerCase() === NO_SUBSCRIPTION ? NO_SUBSCRIPTION : v,
  );
  const bad = out.find((v) => v !== NO_SUBSCRIPTION && !SUBSCRIPTION_ID.test(v));
  if (bad !== undefined) {
    ctx.addIssue({
      code: "custom",
      message: `"subscription" has a malformed value ${quote(bad)} (expected digits, or "${NO_SUBSCRIPTION}")`,
    });
    return NEVER;
  }
  return [...new Set(out)].sort();
});

/**
 * `owner`: exact owners, repeated for several (never split on commas: a team name may hold one);
 * `none` (any case) for tenants without an owner. A value that is no valid owner is refused.
 */
const ownerParam = reader((values, ctx) => {
  const out = new Set<string>();
  for (const raw of values ?? []) {
    if (raw.trim() === "") continue;
    if (isNoneFilterValue(raw)) {
      out.add(NO_OWNER);
      continue;
    }
    const checked = checkOwner(raw);
    if ("error" in checked) {
      ctx.addIssue({
        code: "custom",
        message: `"owner" has an invalid value ${quote(raw)}: ${checked.error}`,
      });
      return NEVER;
    }
    out.add(checked.value);
  }
  return [...out].sort();
});

/** `tag`: tags (matched in their stored, lower-case form); `none` for tenants without tags. */
const tagParam = reader((values, ctx) => {
  const out = new Set<string>();
  for (const value of splitValues(values ?? [])) {
    if (isNoneFilterValue(value)) {
      out.add(NO_TAG);
      continue;
    }
    const checked = checkTag(value);
    if ("error" in checked) {
      ctx.addIssue({
        code: "custom",
        message: `"tag" has an invalid value ${quote(value)}: ${checked.error}`,
      });
      return NEVER;
    }
    out.add(checked.value);
  }
  return [...out].sort();
});

/** `yes` / `no` (also true/false, 1/0), or absent for either. */
function yesNoParam(name: "annotated" | "deletionScheduled") {
  return reader((values, ctx): Read<boolean | null> => {
    const text = single(name, values, ctx);
    if (text === undefined) return null;
    switch (text.toLowerCase()) {
      case "yes":
      case "true":
      case "1":
        return true;
      case "no":
      case "false":
      case "0":
        return false;
    }
    ctx.addIssue({
      code: "custom",
      message: `"${name}" must be "yes" or "no", not ${quote(text)}`,
    });
    return NEVER;
  });
}

/** One value: absent or empty → undefined; given twice → error. */
function single(name: string, values: readonly string[] | undefined, ctx: Ctx): string | undefined {
  if (!values || values.length === 0) return undefined;
  if (values.length > 1) {
    ctx.addIssue({ code: "custom", message: `"${name}" is given more than once` });
    return undefined;
  }
  const v = (values[0] ?? "").trim();
  return v === "" ? undefined : v;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/i;
const DAY_MS = 86_400_000;

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * `YYYY-MM-DD` (the start of that day UTC, or its end for `createdTo`) or an ISO date-time (without
 * an offset taken as UTC), as a canonical ISO UTC string; null when the text is not a real date.
 */
export function parseDateParam(text: string, endOfDay: boolean): string | null {
  const d = DATE_ONLY.exec(text);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    if (!isRealDate(y, m, day)) return null;
    const start = Date.UTC(y, m - 1, day);
    return new Date(endOfDay ? start + DAY_MS - 1 : start).toISOString();
  }
  const t = DATE_TIME.exec(text);
  if (!t) return null;
  const [y, m, day, hh, mm, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(t[i] ?? 0)) as number[];
  if (!isRealDate(y!, m!, day!) || hh! > 23 || mm! > 59 || ss! > 59) return null;
  const ms = Date.parse(t[8] ? text.toUpperCase() : `${text.toUpperCase()}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

type DateParamName = "createdFrom" | "createdTo" | "licenseEndsFrom" | "licenseEndsTo";
/** The `…To` params: a date alone is the end of that day. */
const isEndParam = (name: DateParamName) => name.endsWith("To");

function dateParam(name: DateParamName) {
  return reader((values, ctx) => {
    const text = single(name, values, ctx);
    if (text === undefined) return null;
    const iso = parseDateParam(text, isEndParam(name));
    if (iso === null) {
      ctx.addIssue({
        code: "custom",
        message: `"${name}" is not a date: ${quote(text)} (use YYYY-MM-DD or an ISO date-time)`,
      });
      return NEVER;
    }
    return iso;
  });
}

const SORT_FIELD_SET = new Set<string>(SORT_FIELDS);

const sortParam = reader((values, ctx): Read<SortKey[]> => {
  const keys: SortKey[] = [];
  for (const part of splitValues(values ?? [])) {
    const desc = part.startsWith("-");
    const field = desc ? part.slice(1) : part;
    if (!SORT_FIELD_SET.has(field)) {
      ctx.addIssue({
        code: "custom",
        message: `"sort" has an unknown field ${quote(field)} (choose from ${SORT_FIELDS.join(", ")})`,
      });
      return NEVER;
    }
    if (keys.some((k) => k.field === field)) {
      ctx.addIssue({
        code: "custom",
        message: `"sort" names ${quote(field)} more than once`,
      });
      return NEVER;
    }
    keys.push({ field: field as SortField, desc });
  }
  return keys.length > 0 ? keys : [...DEFAULT_SORT];
});

const GROUP_MODE_SET = new Set<string>(GROUP_MODES);

const groupParam = reader((values, ctx): Read<GroupMode> => {
  const text = single("group", values, ctx);
  if (text === undefined) return "none";
  const mode = text.replace(/\s+/g, "");
  if (!GROUP_MODE_SET.has(mode)) {
    ctx.addIssue({
      code: "custom",
      message: `"group" has an unknown value ${quote(text)} (choose from ${GROUP_MODES.join(", ")})`,
    });
    return NEVER;
  }
  return mode as GroupMode;
});

function intParam(name: string, min: number, max: number, def: number) {
  return reader((values, ctx) => {
    const text = single(name, values, ctx);
    if (text === undefined) return def;
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({
        code: "custom",
        message: `"${name}" must be a whole number from ${min} to ${max}, not ${quote(text)}`,
      });
      return NEVER;
    }
    return n;
  });
}

const queryParam = reader((values, ctx) => {
  const text = single("q", values, ctx) ?? "";
  if (text.length > MAX_QUERY_LENGTH) {
    ctx.addIssue({
      code: "custom",
      message: `"q" is longer than ${MAX_QUERY_LENGTH} characters`,
    });
    return NEVER;
  }
  return text;
});

const SHAPE = {
  q: queryParam,
  region: listParam("region"),
  country: listParam("country"),
  subscription: subscriptionParam,
  status: listParam("status"),
  owner: ownerParam,
  tag: tagParam,
  annotated: yesNoParam("annotated"),
  createdFrom: dateParam("createdFrom"),
  createdTo: dateParam("createdTo"),
  licenseEndsFrom: dateParam("licenseEndsFrom"),
  licenseEndsTo: dateParam("licenseEndsTo"),
  deletionScheduled: yesNoParam("deletionScheduled"),
  sort: sortParam,
  group: groupParam,
  offset: intParam("offset", 0, MAX_OFFSET, 0),
  limit: intParam("limit", 1, MAX_LIMIT, DEFAULT_LIMIT),
};

type Shape = typeof SHAPE;
type Parsed = { [K in keyof Shape]: Shape[K] extends ParamReader<infer T> ? T : never };
const SHAPE_KEYS = Object.keys(SHAPE) as (keyof Shape)[];

function unknownKeyMessage(keys: readonly string[]): string {
  return keys.length === 1
    ? `Unknown parameter ${quote(keys[0] ?? "")}`
    : `Unknown parameters ${keys.map(quote).join(", ")}`;
}

/** What `checkViewParams` answers: the params read, or every problem found (in param order). */
export type ViewParamsResult =
  { success: true; data: ViewQuery } | { success: false; issues: ViewParamsIssue[] };

/**
 * URLSearchParams (or a `searchParams` record) → `ViewQuery`, or the problems: each names its param
 * and says what is wrong; `viewParamsMessage()` joins them for a 400.
 */
export function checkViewParams(input: unknown, options: ViewParamsOptions = {}): ViewParamsResult {
  const raw = toMultiMap(input);
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    return {
      success: false,
      issues: [{ param: undefined, message: "Expected query parameters" }],
    };
  const record = raw as Record<string, string[]>;
  const extraNames = (options.allowExtra ?? []).filter((n) => !(n in SHAPE));
  const issues: ViewParamsIssue[] = [];
  const parsed: Record<string, unknown> = {};
  for (const key of SHAPE_KEYS) {
    const read = SHAPE[key] as ParamReader<unknown>;
    const value = read(record[key], {
      addIssue: ({ message }) => issues.push({ param: key, message }),
    });
    if (value !== NEVER) parsed[key] = value;
  }
  const unknown = Object.keys(record).filter((k) => !(k in SHAPE) && !extraNames.includes(k));
  if (unknown.length > 0)
    issues.push({ param: unknown[0], message: unknownKeyMessage(unknown), unknownKeys: unknown });
  if (issues.length > 0) return { success: false, issues };

  const p = parsed as Parsed;
  for (const [from, to] of [
    ["createdFrom", "createdTo"],
    ["licenseEndsFrom", "licenseEndsTo"],
  ] as const) {
    const a = p[from];
    const b = p[to];
    if (a !== null && b !== null && a > b)
      issues.push({
        param: from,
        message: `"${from}" (${formatDateParam(a, false)}) is after "${to}" (${formatDateParam(b, true)})`,
      });
  }
  if (issues.length > 0) return { success: false, issues };

  const extra: Record<string, string[]> = {};
  for (const name of extraNames) {
    const v = record[name];
    if (Array.isArray(v)) extra[name] = v;
  }
  return {
    success: true,
    data: {
      view: {
        q: p.q,
        region: p.region,
        country: p.country,
        subscription: p.subscription,
        status: p.status,
        owner: p.owner,
        tag: p.tag,
        annotated: p.annotated,
        createdFrom: p.createdFrom,
        createdTo: p.createdTo,
        licenseEndsFrom: p.licenseEndsFrom,
        licenseEndsTo: p.licenseEndsTo,
        deletionScheduled: p.deletionScheduled,
        sort: p.sort,
        group: p.group,
      },
      offset: p.offset,
      limit: p.limit,
      extra,
    },
  };
}

/** One line for a 400: every problem's message, in param order. */
export function viewParamsMessage(issues: readonly { message: string }[]): string {
  return [...new Set(issues.map((i) => i.message))].join("; ");
}

export class ViewParamsError extends Error {
  /** The first parameter at fault, when one is. */
  readonly param: string | undefined;
  constructor(message: string, param: string | undefined) {
    super(message);
    this.name = "ViewParamsError";
    this.param = param;
  }
}

/** Parses or throws ViewParamsError (message names the parameter). */
const parsedSearches = new Lru<string, Readonly<ViewQuery>>(256);

/**
 * parseViewParams for a URL's query string, remembered: parsing is a pure function of the string,
 * and the explorer asks for the same few views again and again. The answer is frozen (shared).
 */
export function parseViewSearch(search: string): Readonly<ViewQuery> {
  const key = search.startsWith("?") ? search.slice(1) : search;
  const hit = parsedSearches.get(key);
  if (hit) return hit;
  const parsed = parseViewParams(new URLSearchParams(key));
  for (const value of Object.values(parsed.view)) if (Array.isArray(value)) Object.freeze(value);
  Object.freeze(parsed.view);
  parsedSearches.set(key, Object.freeze(parsed));
  return parsed;
}

export function parseViewParams(
  input: ViewParamsInput,
  options: ViewParamsOptions = {},
): ViewQuery {
  const result = checkViewParams(input, options);
  if (result.success) return result.data;
  throw new ViewParamsError(viewParamsMessage(result.issues), result.issues[0]?.param);
}

function sameSort(a: readonly SortKey[], b: readonly SortKey[]): boolean {
  return (
    a.length === b.length && a.every((k, i) => k.field === b[i]?.field && k.desc === b[i]?.desc)
  );
}

/** `2024-01-01T00:00:00.000Z` → `2024-01-01` (and the end of a day, for the `…To` params). */
function formatDateParam(iso: string, endOfDay: boolean): string {
  const suffix = endOfDay ? "T23:59:59.999Z" : "T00:00:00.000Z";
  return iso.endsWith(suffix) && DATE_ONLY.test(iso.slice(0, 10)) ? iso.slice(0, 10) : iso;
}

/**
 * URLSearchParams whose string form keeps `,` and `:` as they are (both are legal in a query), so a
 * shared link reads `region=eu-west-1,us-east-1&sort=-createdAt,name`, not `%2C`s.
 */
class ReadableSearchParams extends URLSearchParams {
  override toString(): string {
    return super.toString().replace(/%2C/gi, ",").replace(/%3A/gi, ":");
  }
}

/**
 * The canonical params for a view (and page): defaults left out, lists comma-joined and sorted, keys
 * in a fixed order. `parse(viewToSearchParams(v))` gives `v` back, and two equal views give the same
 * string, so it doubles as a cache and query key.
 */
export function viewToSearchParams(
  view: Partial<TenantView>,
  page: { offset?: number; limit?: number } = {},
): URLSearchParams {
  const params = new ReadableSearchParams();
  const q = view.q?.trim() ?? "";
  if (q) params.set("q", q);
  for (const name of ["region", "country", "subscription", "status"] as const) {
    const values = [...new Set(view[name] ?? [])].sort();
    if (values.length) params.set(name, values.join(","));
  }
  // Owners repeat instead (one may hold a comma).
  for (const owner of [...new Set(view.owner ?? [])].sort()) params.append("owner", owner);
  const tags = [...new Set(view.tag ?? [])].sort();
  if (tags.length) params.set("tag", tags.join(","));
  if (typeof view.annotated === "boolean") params.set("annotated", view.annotated ? "yes" : "no");
  if (view.createdFrom) params.set("createdFrom", formatDateParam(view.createdFrom, false));
  if (view.createdTo) params.set("createdTo", formatDateParam(view.createdTo, true));
  if (view.licenseEndsFrom)
    params.set("licenseEndsFrom", formatDateParam(view.licenseEndsFrom, false));
  if (view.licenseEndsTo) params.set("licenseEndsTo", formatDateParam(view.licenseEndsTo, true));
  if (typeof view.deletionScheduled === "boolean")
    params.set("deletionScheduled", view.deletionScheduled ? "yes" : "no");
  if (view.sort?.length && !sameSort(view.sort, DEFAULT_SORT))
    params.set("sort", view.sort.map((k) => (k.desc ? "-" : "") + k.field).join(","));
  if (view.group && view.group !== "none") params.set("group", view.group);
  if (page.offset) params.set("offset", String(page.offset));
  if (page.limit !== undefined && page.limit !== DEFAULT_LIMIT)
    params.set("limit", String(page.limit));
  return params;
}

/** A stable string for a view: equal views, equal keys (cache and query keys). */
export function viewKey(view: TenantView): string {
  return viewToSearchParams(view).toString();
}
