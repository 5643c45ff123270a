import "server-only";
import { Agent, fetch as undiciFetch } from "undici";
import { isSafeTransportUrl } from "@/lib/config/loopback";
import type { Tenant } from "@/lib/tenants/types";
import { QlikProtocolError } from "./errors";
import { ApiRequester } from "./http";
import {
  DEFAULT_LIMITS,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUTS,
  DEFAULT_TOKEN_REFRESH_MARGIN_MS,
  noopLogger,
  type FetchLike,
  type QlikClientOptions,
  type QlikLogger,
  type QlikRetryOptions,
  type QlikTimeoutOptions,
} from "./options";
import { SlidingWindowBudget, type Tier } from "./rate-limit";
import { Redactor } from "./redact";
import { parseCount, parseSingleTenant, parseTenantPage } from "./schemas";
import { isScimFilter, type ScimFilter } from "./scim";
import {
  createRequestStats,
  type QlikClientStats,
  type QlikOperation,
  type RequestStats,
} from "./stats";
import { TokenProvider } from "./token";
import type { QlikContext } from "./transport";

// The Organization API client: tenants list/filter (cursor pages), get by id, count.
// Everything about talking HTTP lives in http.ts/token.ts; this file builds URLs, follows
// pagination safely and parses responses into Tenant.

export const TENANT_SORT_FIELDS = [
  "name",
  "regionCode",
  "countryCode",
  "hostnames",
  "createdAt",
  "updatedAt",
  "status",
  "subscriptionId",
] as const;
export type TenantSortField = (typeof TENANT_SORT_FIELDS)[number];
/** A sortable field, optionally prefixed with "-" (descending) or "+" (ascending). */
export type TenantSort = TenantSortField | `-${TenantSortField}` | `+${TenantSortField}`;

export interface OperationOptions {
  signal?: AbortSignal;
  /** Counted in addition to the client's own stats (e.g. one sync run). */
  stats?: RequestStats;
}

export interface ListTenantsOptions extends OperationOptions {
  /** SCIM expression; build it with `scim` when any part comes from data or user input. */
  filter?: string | ScimFilter;
  sort?: TenantSort | readonly TenantSort[];
  /** Page size, 1–100. Default 100. */
  limit?: number;
  /** Ask for `totalResults` (the number of all matches) on each page. */
  totalResults?: boolean;
  /** Stop with QlikProtocolError after this many pages. Default 10,000. */
  maxPages?: number;
}

export interface TenantPage {
  tenants: Tenant[];
  /** Count of all matches, when `totalResults` was asked for and Qlik sent it. */
  totalResults: number | null;
  /** 0 for the first page. */
  index: number;
}

export interface QlikClient {
  readonly baseUrl: string;
  /** GET /api/core/tenants, page by page (Tier 1). */
  listTenants(options?: ListTenantsOptions): AsyncGenerator<TenantPage, void, undefined>;
  /** POST /api/core/tenants/actions/filter, page by page, same body on every page (Tier 2). */
  filterTenants(
    filter: string | ScimFilter,
    options?: Omit<ListTenantsOptions, "filter">,
  ): AsyncGenerator<TenantPage, void, undefined>;
  /** Every tenant of a listing, in order (convenience over listTenants). */
  listAllTenants(options?: ListTenantsOptions): Promise<Tenant[]>;
  /** GET /api/core/tenants/{id}; null when Qlik answers 404 or an empty envelope. */
  getTenant(id: string, options?: OperationOptions): Promise<Tenant | null>;
  /** GET /api/core/tenants/actions/count; Qlik requires a subscriptionId in the filter. */
  countTenants(filter: string | ScimFilter, options?: OperationOptions): Promise<number>;
  /** Totals since creation (or resetStats), overall and per operation. */
  stats(): QlikClientStats;
  resetStats(): void;
  /** Forget the cached access token (the next request gets a new one). */
  clearToken(): void;
  /** Close idle connections of the default dispatcher. */
  close(): Promise<void>;
}

const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_MAX_PAGES = 10_000;

function newStats(): QlikClientStats {
  return { ...createRequestStats(), tokenRequests: 0, tokensIssued: 0, byOperation: {} };
}

function normalizeBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`Qlik base URL "${raw}" is not an absolute URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`Qlik base URL must be http(s), got ${url.protocol}`);
  }
  // The token request carries the client secret: never in clear text over a network.
  if (!isSafeTransportUrl(url)) {
    throw new TypeError(
      `Qlik base URL must be https:// (http:// only for localhost, 127.0.0.1 or [::1]), got http://${url.host}`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError("Qlik base URL must not contain credentials, a query or a fragment");
  }
  return url;
}

/** `defaults` overridden by the options that are set (an explicit undefined keeps the default). */
function withDefaults<T extends object>(defaults: Required<T>, given: T | undefined): Required<T> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given ?? {})) if (value !== undefined) out[key] = value;
  return out as Required<T>;
}

/** The caller's logger, with every field and message passed through the redactor. */
function redactingLogger(logger: QlikLogger, redactor: Redactor): QlikLogger {
  const wrap =
    (level: keyof QlikLogger) =>
    (obj: Record<string, unknown>, msg?: string): void => {
      const fields = redactor.redactValue(obj) as Record<string, unknown>;
      if (msg === undefined) logger[level](fields);
      else logger[level](fields, redactor.redact(msg));
    };
  return { debug: wrap("debug"), info: wrap("info"), warn: wrap("warn"), error: wrap("error") };
}

export function createQlikClient(options: QlikClientOptions): QlikClient {
  const base = normalizeBaseUrl(options.baseUrl);
  const baseUrl = `${base.origin}${base.pathname.replace(/\/+$/, "")}`;
  const timeouts = withDefaults<QlikTimeoutOptions>(DEFAULT_TIMEOUTS, options.timeouts);
  const retry = withDefaults<QlikRetryOptions>(DEFAULT_RETRY, options.retry);
  if (!(retry.maxAttempts >= 1)) throw new RangeError("retry.maxAttempts must be at least 1");
  const maxResponseBytes = options.limits?.maxResponseBytes;
  if (
    maxResponseBytes !== undefined &&
    !(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)
  )
    throw new RangeError("limits.maxResponseBytes must be a positive whole number of bytes");

  let agent: Agent | undefined;
  let fetchFn: FetchLike;
  if (options.fetch) {
    fetchFn = options.fetch;
  } else {
    agent = new Agent({ connect: { timeout: timeouts.connectMs }, keepAliveTimeout: 10_000 });
    const dispatcher = agent;
    fetchFn = (url, init) => undiciFetch(url, { ...init, dispatcher });
  }

  const now = options.now ?? Date.now;
  let totals = newStats();
  const redactor = new Redactor(options.maskSecret);
  const ctx: QlikContext = {
    baseUrl,
    origin: base.origin,
    fetch: fetchFn,
    logger: redactingLogger(options.logger ?? noopLogger, redactor),
    redactor,
    timeouts,
    retry,
    maxRetryAfterMs: options.limits?.maxRetryAfterMs ?? DEFAULT_LIMITS.maxRetryAfterMs,
    maxResponseBytes: options.limits?.maxResponseBytes ?? DEFAULT_LIMITS.maxResponseBytes,
    now,
    random: options.random ?? Math.random,
    get totals() {
      return totals;
    },
  };

  const budget = (tier: Tier) => {
    const limit = options.limits?.[tier];
    if (limit === false) return undefined;
    return new SlidingWindowBudget(limit ?? DEFAULT_LIMITS[tier], now);
  };
  const tokens = new TokenProvider(ctx, {
    credentials: options.credentials,
    refreshMarginMs: options.tokenRefreshMarginMs ?? DEFAULT_TOKEN_REFRESH_MARGIN_MS,
  });
  const api = new ApiRequester(ctx, tokens, { tier1: budget("tier1"), tier2: budget("tier2") });

  const tenantsUrl = `${baseUrl}/api/core/tenants`;

  async function scrubbed<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw redactor.scrubError(error);
    }
  }

  function filterText(filter: string | ScimFilter): string {
    const text = isScimFilter(filter) ? filter.text : filter;
    if (typeof text !== "string" || text.trim() === "") {
      throw new TypeError("a tenants filter must be a non-empty SCIM expression");
    }
    return text;
  }

  function pageQuery(opts: Omit<ListTenantsOptions, "filter">): URLSearchParams {
    const query = new URLSearchParams();
    const limit = opts.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new RangeError("limit must be a whole number from 1 to 100");
    }
    query.set("limit", String(limit));
    if (opts.sort !== undefined) {
      const keys: readonly string[] = typeof opts.sort === "string" ? [opts.sort] : opts.sort;
      for (const key of keys) {
        if (!(TENANT_SORT_FIELDS as readonly string[]).includes(key.replace(/^[-+]/, ""))) {
          throw new RangeError(`cannot sort tenants by "${key}"`);
        }
      }
      // URLSearchParams encodes "+" as %2B, so an ascending prefix survives.
      if (keys.length > 0) query.set("sort", keys.join(","));
    }
    if (opts.totalResults) query.set("totalResults", "true");
    return query;
  }

  /** links.next.href → absolute URL on our origin, or an error; the token never leaves the origin. */
  function nextUrl(href: string, current: string): string {
    let url: URL;
    try {
      url = new URL(href, current);
    } catch {
      throw new QlikProtocolError("malformed_link", "the next-page link is not a valid URL", {
        field: "links.next.href",
      });
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new QlikProtocolError(
        "malformed_link",
        `the next-page link has scheme ${url.protocol}`,
        {
          field: "links.next.href",
        },
      );
    }
    if (url.origin !== base.origin || url.username || url.password) {
      throw new QlikProtocolError(
        "foreign_link",
        `the next-page link points at ${url.protocol}//${url.host}, not ${base.origin}; it was not followed`,
        { field: "links.next.href" },
      );
    }
    return url.href;
  }

  function cursorOf(url: string): string {
    const parsed = new URL(url);
    return parsed.searchParams.get("next") ?? parsed.searchParams.get("offset") ?? parsed.href;
  }

  async function* paginate(
    op: QlikOperation,
    method: "GET" | "POST",
    firstUrl: string,
    body: unknown,
    opts: ListTenantsOptions,
  ): AsyncGenerator<TenantPage, void, undefined> {
    try {
      yield* pages(op, method, firstUrl, body, opts);
    } catch (error) {
      throw redactor.scrubError(error);
    }
  }

  async function* pages(
    op: QlikOperation,
    method: "GET" | "POST",
    firstUrl: string,
    body: unknown,
    opts: ListTenantsOptions,
  ): AsyncGenerator<TenantPage, void, undefined> {
    const tier: Tier = method === "POST" ? "tier2" : "tier1";
    const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
    const seenCursors = new Set<string>([cursorOf(firstUrl)]);
    let url: string | null = firstUrl;
    for (let index = 0; url !== null; index++) {
      if (index >= maxPages) {
        throw new QlikProtocolError("too_many_pages", `more than ${maxPages} pages of tenants`);
      }
      const response = await api.request({
        op,
        method,
        url,
        tier,
        body,
        signal: opts.signal,
        stats: opts.stats,
      });
      const where = `page ${index + 1} of ${method} /api/core/tenants${method === "POST" ? "/actions/filter" : ""}`;
      const page = parseTenantPage(response?.json, where);
      let next: string | null = null;
      if (page.nextHref !== null) {
        next = nextUrl(page.nextHref, response?.url ?? url);
        const cursor = cursorOf(next);
        if (seenCursors.has(cursor)) {
          throw new QlikProtocolError(
            "cursor_loop",
            `the next-page cursor after ${where} was already followed; stopping instead of looping`,
            { field: "links.next.href" },
          );
        }
        seenCursors.add(cursor);
      }
      yield { tenants: page.tenants, totalResults: page.totalResults, index };
      url = next;
    }
  }

  const client: QlikClient = {
    baseUrl,

    listTenants(opts = {}) {
      const query = pageQuery(opts);
      if (opts.filter !== undefined) query.set("filter", filterText(opts.filter));
      return paginate("listTenants", "GET", `${tenantsUrl}?${query}`, undefined, opts);
    },

    filterTenants(filter, opts = {}) {
      const body = { filter: filterText(filter) };
      const query = pageQuery(opts);
      return paginate("filterTenants", "POST", `${tenantsUrl}/actions/filter?${query}`, body, opts);
    },

    async listAllTenants(opts = {}) {
      const all: Tenant[] = [];
      for await (const page of client.listTenants(opts)) all.push(...page.tenants);
      return all;
    },

    async getTenant(id, opts = {}) {
      if (typeof id !== "string" || id === "") throw new TypeError("getTenant needs a tenant id");
      return scrubbed(async () => {
        const response = await api.request({
          op: "getTenant",
          method: "GET",
          url: `${tenantsUrl}/${encodeURIComponent(id)}`,
          tier: "tier1",
          signal: opts.signal,
          stats: opts.stats,
          allowNotFound: true,
        });
        if (response === null) return null;
        return parseSingleTenant(response.json, id, "GET /api/core/tenants/{id}");
      });
    },

    async countTenants(filter, opts = {}) {
      const query = new URLSearchParams({ filter: filterText(filter) });
      return scrubbed(async () => {
        const response = await api.request({
          op: "countTenants",
          method: "GET",
          url: `${tenantsUrl}/actions/count?${query}`,
          tier: "tier1",
          signal: opts.signal,
          stats: opts.stats,
        });
        return parseCount(response?.json, "GET /api/core/tenants/actions/count");
      });
    },

    stats() {
      return structuredClone(totals);
    },

    resetStats() {
      totals = newStats();
    },

    clearToken() {
      tokens.clear();
    },

    async close() {
      await agent?.close();
    },
  };
  return client;
}
