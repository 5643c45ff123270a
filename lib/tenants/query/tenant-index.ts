// The in-memory index over one snapshot: built once (createTenantIndex), then every view, facet
// count, group summary, page and export is answered from its columns without touching the tenant
// objects except to return them. Pure and synchronous; no I/O. Answers depend on the tenants and
// the view only: "ended" licenses are counted as of a time fixed at build (`asOf`).
import { FACET_DIMENSIONS } from "@/lib/tenants/types";
import type {
  FacetCount,
  FacetDimension,
  GroupSummary,
  SearchMatchField,
  SortField,
  SortKey,
  Tenant,
  TenantView,
} from "@/lib/tenants/types";
import { DEFAULT_SORT, viewKey } from "@/lib/tenants/view-params";
import {
  buildDimensions,
  buildGroupColumn,
  parseTime,
  searchIdentifiers,
  searchTexts,
  sortColumnSteps,
  type Dimension,
  type GroupColumn,
  type SortColumn,
} from "./columns";
import { Lru } from "@/lib/cache/lru";
import { searchMatch } from "./match";
import { searchTokens } from "./normalize";
import { bucketSort, type BucketColumn } from "./order";
import { MIN_PREFIX, PrefixIndex } from "./prefix-index";
import { SearchIndex } from "./search-index";

export interface QueryPage {
  offset: number;
  limit: number;
}

export interface TenantQueryResult {
  /** The page: tenants at positions offset … offset+limit-1 of the view's order. */
  rows: Tenant[];
  /** Per row: where the search found it besides the name (TenantRow.match); undefined: the name. */
  matches: (readonly SearchMatchField[] | undefined)[];
  /** Tenants matching the view. */
  total: number;
  /** Tenants in the snapshot. */
  totalAll: number;
  /** Per dimension, counts with every other filter applied. */
  facets: Record<FacetDimension, FacetCount[]>;
  /** Group summaries for the view's group mode ([] for "none"). */
  groups: GroupSummary[];
}

/** Every matching tenant in the view's order, produced lazily; `total` is known up front. */
export interface TenantSelection extends IterableIterator<Tenant> {
  readonly total: number;
}

export interface TenantIndexStats {
  tenants: number;
  buildMs: number;
  /** Bytes in the index's typed arrays (trigram lists, columns, permutations); strings not counted. */
  columnBytes: number;
  cacheHits: number;
  cacheMisses: number;
}

export interface TenantIndex {
  readonly size: number;
  /** The time (ms) group summaries count ended licenses at: the snapshot's. */
  readonly asOf: number;
  /** The snapshot's tenants, in the order they were given. */
  readonly tenants: readonly Tenant[];
  /**
   * One page of a view plus its facets and groups. Results may be shared between callers (cache):
   * treat them as read-only.
   */
  query(view: TenantView, page: QueryPage): TenantQueryResult;
  /** All tenants matching `view`, in row order (group keys, then the sort, then id). */
  select(view: TenantView): TenantSelection;
  get(id: string): Tenant | undefined;
  /** Every value of every dimension with its count over the whole snapshot. */
  facetValues(): Record<FacetDimension, FacetCount[]>;
  stats(): TenantIndexStats;
}

export interface TenantIndexOptions {
  /** Views whose evaluated order, facets and groups are kept (LRU); 0 turns the cache off. */
  cacheSize?: number;
  /**
   * When the data was taken (ms or ISO 8601): a license that ends before it has ended. Default:
   * the time of the build.
   */
  asOf?: number | string;
}

export const DEFAULT_QUERY_CACHE_SIZE = 64;
/** Search answers kept per word list (they also narrow longer searches); off with the view cache. */
const WORD_CACHE_SIZE = 256;

/** Below 1/16 of the snapshot, sorting the matches beats walking a whole permutation. */
const SMALL_RESULT_RATIO = 16;

interface Evaluated {
  order: Uint32Array;
  total: number;
  facets: Record<FacetDimension, FacetCount[]>;
  groups: GroupSummary[];
}

const GROUP_LEVELS: Record<TenantView["group"], readonly ("region" | "subscription")[]> = {
  none: [],
  region: ["region"],
  subscription: ["subscription"],
  "region,subscription": ["region", "subscription"],
  "subscription,region": ["subscription", "region"],
};

/** One value per facet dimension, in FACET_DIMENSIONS order. */
type PerDimension<T> = [T, T, T, T];

// The filter loop (MemoryTenantIndex.filter) is unrolled by hand for exactly these four dimensions:
// one local per column and no inner loop over dimensions, which is what keeps it fast. This fails
// to compile when a dimension is added to (or removed from) FACET_DIMENSIONS, so the loop cannot
// silently ignore one: unroll it for the new count, then widen PerDimension to match.
const UNROLLED_DIMENSIONS = FACET_DIMENSIONS satisfies Readonly<PerDimension<FacetDimension>>;

/** Count desc, then value; selected values stay listed at 0 so the UI can show and clear them. */
function facetList(dim: Dimension, counts: Uint32Array, selected: readonly string[]): FacetCount[] {
  const out: FacetCount[] = [];
  const chosen = new Set(selected);
  for (let code = 0; code < dim.values.length; code++) {
    const value = dim.values[code] as string;
    const count = counts[code] as number;
    if (count > 0 || chosen.has(value)) out.push({ value, count });
  }
  for (const value of chosen) if (!dim.lookup.has(value)) out.push({ value, count: 0 });
  return out.sort(
    (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}

/** The search's words, folded, each once, in code-unit order. */
function searchWords(view: TenantView): string[] {
  return [...new Set(searchTokens(view.q))].sort();
}

/** The sort keys without repeats (the first mention of a field wins). */
function sortKeys(view: TenantView): SortKey[] {
  const seen = new Set<string>();
  const keys = (view.sort.length ? view.sort : DEFAULT_SORT).filter((k) => {
    if (seen.has(k.field)) return false;
    seen.add(k.field);
    return true;
  });
  return keys;
}

class MemoryTenantIndex implements TenantIndex {
  readonly size: number;
  readonly asOf: number;
  private readonly byIdMap: Map<string, number>;
  private readonly search: SearchIndex;
  private readonly words: Lru<string, { words: string[]; matches: Uint32Array }>;
  private readonly created: Float64Array;
  /** Per tenant: 1 when its license ended before `asOf`. */
  private readonly ended: Uint8Array;
  private readonly dims: Record<FacetDimension, Dimension>;
  private readonly sorts: Record<SortField, SortColumn>;
  private readonly groupColumns: Record<"region" | "subscription", GroupColumn>;
  private readonly allFacets: Record<FacetDimension, FacetCount[]>;
  private readonly cache: Lru<string, Evaluated>;
  private readonly buildMs: number;
  private hits = 0;
  private misses = 0;

  constructor(
    readonly tenants: readonly Tenant[],
    parts: IndexParts,
    options: TenantIndexOptions,
  ) {
    this.size = tenants.length;
    this.asOf = parts.asOf;
    this.ended = parts.ended;
    this.byIdMap = parts.byIdMap;
    this.search = parts.search;
    this.created = parts.created;
    this.dims = parts.dims;
    this.sorts = parts.sorts;
    this.groupColumns = parts.groupColumns;
    this.allFacets = parts.allFacets;
    this.buildMs = parts.buildMs;
    this.cache = new Lru(options.cacheSize ?? DEFAULT_QUERY_CACHE_SIZE);
    this.words = new Lru(this.cache.capacity > 0 ? WORD_CACHE_SIZE : 0);
  }

  private columnBytes(): number {
    let bytes = this.search.byteLength + this.created.byteLength + this.ended.byteLength;
    for (const dim of Object.values(this.dims)) bytes += dim.codes.byteLength;
    for (const column of Object.values(this.sorts))
      bytes += column.keys.byteLength + column.asc.byteLength + column.desc.byteLength;
    for (const column of Object.values(this.groupColumns)) bytes += column.keys.byteLength;
    return bytes;
  }

  get(id: string): Tenant | undefined {
    const i = this.byIdMap.get(id);
    return i === undefined ? undefined : this.tenants[i];
  }

  facetValues(): Record<FacetDimension, FacetCount[]> {
    return this.allFacets;
  }

  stats(): TenantIndexStats {
    return {
      tenants: this.size,
      buildMs: this.buildMs,
      columnBytes: this.columnBytes(),
      cacheHits: this.hits,
      cacheMisses: this.misses,
    };
  }

  query(view: TenantView, page: QueryPage): TenantQueryResult {
    const { order, total, facets, groups } = this.evaluate(view);
    const start = Math.min(Math.max(0, Math.floor(page.offset)), total);
    const end = Math.min(start + Math.max(0, Math.floor(page.limit)), total);
    const rows: Tenant[] = new Array(end - start);
    const matches: TenantQueryResult["matches"] = new Array(end - start);
    const words = searchWords(view);
    const keyed = words.map((word) => this.search.hasIdentifier(word));
    for (let p = start; p < end; p++) {
      const i = order[p] as number;
      const tenant = this.tenants[i] as Tenant;
      rows[p - start] = tenant;
      matches[p - start] = words.length
        ? searchMatch(this.search, i, tenant, words, keyed)
        : undefined;
    }
    return { rows, matches, total, totalAll: this.size, facets, groups };
  }

  select(view: TenantView): TenantSelection {
    const { order, total } = this.evaluate(view);
    const tenants = this.tenants;
    function* rows(): Generator<Tenant, undefined, undefined> {
      for (let p = 0; p < total; p++) yield tenants[order[p] as number] as Tenant;
      return undefined;
    }
    return Object.assign(rows(), { total });
  }

  private evaluate(view: TenantView): Evaluated {
    if (this.cache.capacity <= 0) return this.compute(view);
    const key = viewKey(view);
    const cached = this.cache.get(key);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const result = this.compute(view);
    this.cache.set(key, result);
    return result;
  }

  private compute(view: TenantView): Evaluated {
    const { matched, counts } = this.filter(view);
    const order = this.order(view, matched);
    const total = matched.length;
    const facets = Object.fromEntries(
      FACET_DIMENSIONS.map((d, k) => [
        d,
        facetList(this.dims[d], counts[k] as Uint32Array, view[d]),
      ]),
    ) as Record<FacetDimension, FacetCount[]>;
    const levels = GROUP_LEVELS[view.group].map((f) => this.groupColumns[f]);
    const groups = levels.length ? this.summarize(levels, order, 0, 0, total) : [];
    return { order, total, facets, groups };
  }

  /**
   * Tenants matching every search word (ascending index), or null when there is no search. The
   * word cache also narrows a longer search to the answer of a shorter one it contains ("zur" →
   * "zuri"), which is how a search box is typed.
   */
  private searchMatches(view: TenantView): Uint32Array | null {
    const words = searchWords(view);
    if (words.length === 0) return null;
    if (this.words.capacity <= 0) return this.search.search(words);
    const key = words.join(" ");
    const hit = this.words.get(key);
    if (hit) return hit.matches;
    // A word's matches lie within those of a shorter word it contains, except the identifiers it
    // begins: those lie within the shorter word's only when that is itself a prefix long enough.
    const keyed = new Set(words.filter((word) => this.search.hasIdentifier(word)));
    const narrows = (word: string, w: string) =>
      word.includes(w) &&
      (!keyed.has(word) || word === w || (w.length >= MIN_PREFIX && word.startsWith(w)));
    let within: Uint32Array | undefined;
    for (const entry of this.words.values())
      if (
        (within === undefined || entry.matches.length < within.length) &&
        entry.words.every((w) => words.some((word) => narrows(word, w)))
      )
        within = entry.matches;
    const matches = this.search.search(words, within);
    this.words.set(key, { words, matches });
    return matches;
  }

  /**
   * One pass over the tenants that pass the search (all of them without one): a tenant outside the
   * date range counts nowhere; one inside counts toward dimension D's facet when D is the only
   * dimension it fails, and toward every facet (and the result) when it fails none.
   */
  private filter(view: TenantView): { matched: Uint32Array; counts: Uint32Array[] } {
    const dims = UNROLLED_DIMENSIONS.map((d) => this.dims[d]);
    const selected = UNROLLED_DIMENSIONS.map((d, k): Uint8Array | null => {
      const values = view[d];
      if (values.length === 0) return null;
      const dim = dims[k] as Dimension;
      const mask = new Uint8Array(dim.values.length);
      for (const v of values) {
        const code = dim.lookup.get(v);
        if (code !== undefined) mask[code] = 1;
      }
      return mask;
    });
    const counts = dims.map((dim) => new Uint32Array(dim.values.length));
    const [c0, c1, c2, c3] = dims.map((dim) => dim.codes) as PerDimension<Uint32Array>;
    const [s0, s1, s2, s3] = selected as PerDimension<Uint8Array | null>;
    const [n0, n1, n2, n3] = counts as PerDimension<Uint32Array>;
    const found = this.searchMatches(view);
    const from = view.createdFrom === null ? -Infinity : Date.parse(view.createdFrom);
    const to = view.createdTo === null ? Infinity : Date.parse(view.createdTo);
    const hasDates = view.createdFrom !== null || view.createdTo !== null;
    const created = this.created;
    const candidates = found === null ? this.size : found.length;
    const matched = new Uint32Array(candidates);
    let total = 0;

    for (let k = 0; k < candidates; k++) {
      const i = found === null ? k : (found[k] as number);
      if (hasDates) {
        const t = created[i] as number;
        if (!(t >= from && t <= to)) continue; // NaN (unreadable) fails any range
      }
      const a = c0[i] as number;
      const b = c1[i] as number;
      const c = c2[i] as number;
      const d = c3[i] as number;
      let failed = 0;
      let which = -1;
      if (s0 !== null && s0[a] === 0) {
        failed++;
        which = 0;
      }
      if (s1 !== null && s1[b] === 0) {
        failed++;
        which = 1;
      }
      if (s2 !== null && s2[c] === 0) {
        failed++;
        which = 2;
      }
      if (s3 !== null && s3[d] === 0) {
        failed++;
        which = 3;
      }
      switch (failed > 1 ? -2 : which) {
        case -1:
          matched[total++] = i;
          n0[a]!++;
          n1[b]!++;
          n2[c]!++;
          n3[d]!++;
          break;
        case 0:
          n0[a]!++;
          break;
        case 1:
          n1[b]!++;
          break;
        case 2:
          n2[c]!++;
          break;
        case 3:
          n3[d]!++;
          break;
      }
    }
    return { matched: matched.subarray(0, total), counts };
  }

  /**
   * Row order. The least significant sort key comes from its ready-made permutation (which already
   * breaks ties by id): for a large result, walk the permutation keeping matches; for a small one,
   * sort the matches by their position in it. Then one stable bucket pass per more significant
   * key: the other sort keys, then the group levels (inner first).
   */
  private order(view: TenantView, matched: Uint32Array): Uint32Array {
    const total = matched.length;
    const keys = sortKeys(view);
    const last = keys[keys.length - 1] as SortKey;
    const column = this.sorts[last.field] as SortColumn;
    let a: Uint32Array<ArrayBufferLike>;
    if (total * SMALL_RESULT_RATIO < this.size) {
      const rank = last.desc ? column.descRank() : column.ascRank();
      a = matched.slice().sort((x, y) => (rank[x] as number) - (rank[y] as number));
    } else {
      const perm = last.desc ? column.desc : column.asc;
      const flags = new Uint8Array(this.size);
      for (let k = 0; k < total; k++) flags[matched[k] as number] = 1;
      a = new Uint32Array(total);
      let p = 0;
      for (let k = 0; k < perm.length && p < total; k++) {
        const i = perm[k] as number;
        if (flags[i] === 1) a[p++] = i;
      }
    }
    const passes: { column: BucketColumn; desc: boolean }[] = [];
    for (let k = keys.length - 2; k >= 0; k--) {
      const key = keys[k] as SortKey;
      passes.push({ column: this.sorts[key.field] as SortColumn, desc: key.desc });
    }
    const levels = GROUP_LEVELS[view.group];
    for (let k = levels.length - 1; k >= 0; k--)
      passes.push({
        column: this.groupColumns[levels[k] as "region" | "subscription"],
        desc: false,
      });
    if (passes.length === 0) return a;
    let b: Uint32Array<ArrayBufferLike> = new Uint32Array(total);
    for (const pass of passes) {
      bucketSort(a, total, pass.column, pass.desc, b);
      [a, b] = [b, a];
    }
    return a;
  }

  /** Group summaries over `order[start, end)`, which is already ordered by the group levels. */
  private summarize(
    levels: readonly GroupColumn[],
    order: Uint32Array,
    depth: number,
    start: number,
    end: number,
  ): GroupSummary[] {
    const level = levels[depth] as GroupColumn;
    const statusDim = this.dims.status;
    const statusCodes = statusDim.codes;
    const ended = this.ended;
    const out: GroupSummary[] = [];
    let p = start;
    while (p < end) {
      const bucket = level.keys[order[p] as number] as number;
      const statusCounts = new Uint32Array(statusDim.values.length);
      let endedCount = 0;
      let q = p;
      while (q < end) {
        const i = order[q] as number;
        if (level.keys[i] !== bucket) break;
        statusCounts[statusCodes[i] as number]!++;
        endedCount += ended[i] as number;
        q++;
      }
      const statuses: Record<string, number> = {};
      statusCounts.forEach((count, code) => {
        if (count > 0) statuses[statusDim.values[code] as string] = count;
      });
      const group: GroupSummary = {
        field: level.field,
        value: level.values[bucket] as string,
        label: level.labels[bucket] as string,
        count: q - p,
        offset: p,
        statuses,
        ended: endedCount,
      };
      if (depth + 1 < levels.length)
        group.children = this.summarize(levels, order, depth + 1, p, q);
      out.push(group);
      p = q;
    }
    return out;
  }
}

interface IndexParts {
  asOf: number;
  byIdMap: Map<string, number>;
  search: SearchIndex;
  created: Float64Array;
  ended: Uint8Array;
  dims: Record<FacetDimension, Dimension>;
  sorts: Record<SortField, SortColumn>;
  groupColumns: Record<"region" | "subscription", GroupColumn>;
  allFacets: Record<FacetDimension, FacetCount[]>;
  /** Time spent building, not counting the pauses of an async build. */
  buildMs: number;
}

/** The build in steps of at most ~100 ms each (50,000 tenants); yields between them. */
function* buildSteps(
  tenants: readonly Tenant[],
  options: TenantIndexOptions,
): Generator<void, IndexParts, void> {
  let buildMs = 0;
  let started = performance.now();
  const pause = function* () {
    buildMs += performance.now() - started;
    yield;
    started = performance.now();
  };
  const asOf =
    typeof options.asOf === "string" ? Date.parse(options.asOf) : (options.asOf ?? Date.now());
  const byIdMap = new Map(tenants.map((t, i) => [t.id, i]));
  const created = new Float64Array(tenants.length);
  const ended = new Uint8Array(tenants.length);
  for (let i = 0; i < tenants.length; i++) {
    const t = tenants[i] as Tenant;
    created[i] = parseTime(t.createdAt) ?? NaN;
    const licenseEnds = parseTime(t.licenseEndsAt);
    if (licenseEnds !== null && licenseEnds < asOf) ended[i] = 1;
  }
  yield* pause();
  const { texts, nameEnds } = searchTexts(tenants);
  const identifiers = PrefixIndex.create(tenants.map(searchIdentifiers));
  yield* pause();
  const searchSteps = SearchIndex.build(texts, nameEnds, identifiers);
  let search: SearchIndex | undefined;
  while (!search) {
    yield* pause();
    const step = searchSteps.next();
    if (step.done) search = step.value;
  }
  yield* pause();
  const dims = buildDimensions(tenants);
  const sortSteps = sortColumnSteps(tenants);
  let sorts: Record<SortField, SortColumn> | undefined;
  while (!sorts) {
    yield* pause();
    const step = sortSteps.next();
    if (step.done) sorts = step.value;
  }
  const groupColumns = {
    region: buildGroupColumn("region", dims.region),
    subscription: buildGroupColumn("subscription", dims.subscription),
  };
  const allFacets = Object.fromEntries(
    FACET_DIMENSIONS.map((d) => {
      const counts = new Uint32Array(dims[d].values.length);
      for (const code of dims[d].codes) counts[code]!++;
      return [d, facetList(dims[d], counts, [])];
    }),
  ) as Record<FacetDimension, FacetCount[]>;
  buildMs += performance.now() - started;
  return {
    asOf,
    byIdMap,
    search,
    created,
    ended,
    dims,
    sorts,
    groupColumns,
    allFacets,
    buildMs,
  };
}

/**
 * Builds the index for one snapshot in one go (≈ 0.5–1 s for 50,000 tenants on an idle core; see
 * bench/api.ts). A server that keeps answering while it builds should use createTenantIndexAsync.
 */
export function createTenantIndex(
  tenants: readonly Tenant[],
  options: TenantIndexOptions = {},
): TenantIndex {
  const steps = buildSteps(tenants, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return new MemoryTenantIndex(tenants, step.value, options);
  }
}

const nextTurn = () =>
  new Promise<void>((resolve) =>
    typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0),
  );

/**
 * The same index, built in steps of at most ~100 ms with a turn of the event loop between them,
 * so requests on the current snapshot are still answered while the next one is indexed.
 */
export async function createTenantIndexAsync(
  tenants: readonly Tenant[],
  options: TenantIndexOptions = {},
): Promise<TenantIndex> {
  const steps = buildSteps(tenants, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return new MemoryTenantIndex(tenants, step.value, options);
    await nextTurn();
  }
}
