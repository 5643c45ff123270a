// The in-memory index over one snapshot: built once (createTenantIndex), then every view, facet
// count, group summary, page and export is answered from its columns without touching the tenant
// objects except to return them. Pure and synchronous; no I/O. Answers depend on the tenants, the
// annotations (an AnnotationSource: its columns are built per version, ./annotation-layer.ts) and
// the view only: "ended" licenses are counted as of a time fixed at build (`asOf`).
import { FACET_DIMENSIONS } from "@/lib/tenants/types";
import type {
  FacetCount,
  FacetDimension,
  GroupField,
  GroupSummary,
  RowAnnotation,
  SearchMatchField,
  SortField,
  SortKey,
  Tenant,
  TenantRow,
  TenantView,
} from "@/lib/tenants/types";
import { DEFAULT_SORT, viewKey } from "@/lib/tenants/view-codec";
import {
  buildAnnotationLayer,
  type AnnotationLayer,
  type MultiDimension,
} from "./annotation-layer";
import { annotatedRow, NO_ANNOTATIONS, type AnnotationSource } from "./annotations";
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
  type TenantDimension,
  type TenantSortField,
} from "./columns";
import { Lru } from "@/lib/cache/lru";
import { searchMatch } from "./match";
import { searchTokens } from "./normalize";
import { bucketSort, type BucketColumn } from "./order";
import { MIN_PREFIX, PrefixIndex } from "./prefix-index";
import { SearchIndex, type ExtraMatches } from "./search-index";

export interface QueryPage {
  offset: number;
  limit: number;
}

export interface TenantQueryResult {
  /**
   * The page: tenants at positions offset … offset+limit-1 of the view's order. Grouped by tag, a
   * tenant with several tags has a position in each of their groups.
   */
  rows: Tenant[];
  /** Per row: its annotations (the source's). */
  annotations: RowAnnotation[];
  /** Per row: where the search found it besides the name (TenantRow.match); undefined: the name. */
  matches: (readonly SearchMatchField[] | undefined)[];
  /** Tenants matching the view. */
  total: number;
  /** Positions in the view's order: `total`, or more when grouped by tag (see rows). */
  positions: number;
  /** Tenants in the snapshot. */
  totalAll: number;
  /** Per dimension, counts with every other filter applied. */
  facets: Record<FacetDimension, FacetCount[]>;
  /** Group summaries for the view's group mode ([] for "none"). */
  groups: GroupSummary[];
}

/**
 * Every matching tenant in the view's order, each once (grouped by tag: where it first appears),
 * with its annotations, produced lazily; `total` is known up front.
 */
export interface TenantSelection extends IterableIterator<TenantRow> {
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
   * One page of a view plus its facets and groups, with `annotations` joined (default: none).
   * Results may be shared between callers (cache): treat them as read-only.
   */
  query(view: TenantView, page: QueryPage, annotations?: AnnotationSource): TenantQueryResult;
  /** All tenants matching `view`, in row order (group keys, then the sort, then id). */
  select(view: TenantView, annotations?: AnnotationSource): TenantSelection;
  get(id: string): Tenant | undefined;
  /** One tenant with its annotations. */
  row(id: string, annotations?: AnnotationSource): TenantRow | undefined;
  /** Every value of every dimension with its count over the whole snapshot. */
  facetValues(annotations?: AnnotationSource): Record<FacetDimension, FacetCount[]>;
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
  /** Positions → tenant index; longer than `total` when grouped by tag. */
  order: Uint32Array;
  total: number;
  facets: Record<FacetDimension, FacetCount[]>;
  groups: GroupSummary[];
}

const GROUP_LEVELS: Record<TenantView["group"], readonly GroupField[]> = {
  none: [],
  region: ["region"],
  subscription: ["subscription"],
  "region,subscription": ["region", "subscription"],
  "subscription,region": ["subscription", "region"],
  owner: ["owner"],
  tag: ["tag"],
};

/** One value per single-valued facet dimension, in FACET_DIMENSIONS order. */
type PerDimension<T> = [T, T, T, T, T];

// The filter loop (MemoryTenantIndex.filter) is unrolled by hand for exactly these five
// single-valued dimensions (one local per column and no inner loop over dimensions, which is what
// keeps it fast), followed by the one multi-valued dimension, `tag`. The second line fails to
// compile when a dimension is added to, removed from or moved in FACET_DIMENSIONS, so the loop
// cannot silently ignore one: unroll it for the new dimension, then change both lines to match.
const UNROLLED_DIMENSIONS = [
  "region",
  "country",
  "subscription",
  "status",
  "owner",
] as const satisfies Readonly<PerDimension<FacetDimension>>;
const CHECKED_DIMENSIONS: readonly [...typeof UNROLLED_DIMENSIONS, "tag"] = FACET_DIMENSIONS;
void CHECKED_DIMENSIONS;

type FacetValues = Pick<Dimension, "values" | "lookup">;

/**
 * Count desc, then value; selected values stay listed at 0 so the UI can show and clear them.
 * `labels`: the named subscriptions' names.
 */
function facetList(
  dim: FacetValues,
  counts: Uint32Array,
  selected: readonly string[],
  labels?: ReadonlyMap<string, string>,
): FacetCount[] {
  const out: FacetCount[] = [];
  const chosen = new Set(selected);
  const entry = (value: string, count: number): FacetCount => {
    const label = labels?.get(value);
    return label === undefined ? { value, count } : { value, count, label };
  };
  for (let code = 0; code < dim.values.length; code++) {
    const value = dim.values[code] as string;
    const count = counts[code] as number;
    if (count > 0 || chosen.has(value)) out.push(entry(value, count));
  }
  for (const value of chosen) if (!dim.lookup.has(value)) out.push(entry(value, 0));
  return out.sort(
    (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}

/** A group level as `summarize` reads it: the bucket at each position of the order. */
interface GroupLevel {
  field: GroupField;
  values: readonly string[];
  labels: readonly string[];
  bucketAt: (position: number) => number;
}

/** Annotation versions whose columns are kept per index (the current one and the one before). */
const LAYERS_KEPT = 2;

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
  private readonly words: Lru<string, { version: string; words: string[]; matches: Uint32Array }>;
  private readonly created: Float64Array;
  /** Per tenant: the license end (ms), NaN without one. */
  private readonly licenseEnds: Float64Array;
  /** Per tenant: 1 when a deletion is scheduled (deletionStartsAt set). */
  private readonly deletion: Uint8Array;
  /** Per tenant: 1 when its license ended before `asOf`. */
  private readonly ended: Uint8Array;
  private readonly dims: Record<TenantDimension, Dimension>;
  private readonly sorts: Record<TenantSortField, SortColumn>;
  private readonly regionGroups: GroupColumn;
  private readonly layers = new Lru<string, AnnotationLayer>(LAYERS_KEPT);
  private readonly allFacets = new WeakMap<AnnotationLayer, Record<FacetDimension, FacetCount[]>>();
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
    this.licenseEnds = parts.licenseEnds;
    this.deletion = parts.deletion;
    this.dims = parts.dims;
    this.sorts = parts.sorts;
    this.regionGroups = parts.regionGroups;
    this.buildMs = parts.buildMs;
    this.cache = new Lru(options.cacheSize ?? DEFAULT_QUERY_CACHE_SIZE);
    this.words = new Lru(this.cache.capacity > 0 ? WORD_CACHE_SIZE : 0);
  }

  /** The annotation columns for `source`'s version: built on first use, the last two kept. */
  private layer(source: AnnotationSource = NO_ANNOTATIONS): AnnotationLayer {
    let layer = this.layers.get(source.version);
    if (!layer) {
      layer = buildAnnotationLayer(this.tenants, this.dims.subscription, this.sorts.id.asc, source);
      // Without a cache (the bench's "caches off") the layer is still kept: it is per version,
      // not per view, and building it per query would measure something no server does.
      this.layers.set(source.version, layer);
    }
    return layer;
  }

  private columnBytes(): number {
    let bytes =
      this.search.byteLength +
      this.created.byteLength +
      this.licenseEnds.byteLength +
      this.deletion.byteLength +
      this.ended.byteLength;
    for (const dim of Object.values(this.dims)) bytes += dim.codes.byteLength;
    for (const column of Object.values(this.sorts))
      bytes += column.keys.byteLength + column.asc.byteLength + column.desc.byteLength;
    bytes += this.regionGroups.keys.byteLength;
    for (const layer of this.layers.values()) bytes += layer.byteLength;
    return bytes;
  }

  get(id: string): Tenant | undefined {
    const i = this.byIdMap.get(id);
    return i === undefined ? undefined : this.tenants[i];
  }

  row(id: string, annotations?: AnnotationSource): TenantRow | undefined {
    const i = this.byIdMap.get(id);
    if (i === undefined) return undefined;
    return annotatedRow(this.tenants[i] as Tenant, this.layer(annotations).annotationAt(i));
  }

  facetValues(annotations?: AnnotationSource): Record<FacetDimension, FacetCount[]> {
    const layer = this.layer(annotations);
    let facets = this.allFacets.get(layer);
    if (!facets) {
      const count = (codes: Uint32Array, values: number) => {
        const counts = new Uint32Array(values);
        for (const code of codes) counts[code]!++;
        return counts;
      };
      const dims = this.dims;
      facets = {
        region: facetList(dims.region, count(dims.region.codes, dims.region.values.length), []),
        country: facetList(dims.country, count(dims.country.codes, dims.country.values.length), []),
        subscription: facetList(
          dims.subscription,
          count(dims.subscription.codes, dims.subscription.values.length),
          [],
          layer.subscriptionNames,
        ),
        status: facetList(dims.status, count(dims.status.codes, dims.status.values.length), []),
        owner: facetList(layer.owner, count(layer.owner.codes, layer.owner.values.length), []),
        tag: facetList(layer.tag, count(layer.tag.codes, layer.tag.values.length), []),
      };
      this.allFacets.set(layer, facets);
    }
    return facets;
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

  query(view: TenantView, page: QueryPage, annotations?: AnnotationSource): TenantQueryResult {
    const layer = this.layer(annotations);
    const { order, total, facets, groups } = this.evaluate(view, layer);
    const positions = order.length;
    const start = Math.min(Math.max(0, Math.floor(page.offset)), positions);
    const end = Math.min(start + Math.max(0, Math.floor(page.limit)), positions);
    const rows: Tenant[] = new Array(end - start);
    const rowAnnotations: RowAnnotation[] = new Array(end - start);
    const matches: TenantQueryResult["matches"] = new Array(end - start);
    const words = searchWords(view);
    const keyed = words.map((word) => this.search.hasIdentifier(word));
    for (let p = start; p < end; p++) {
      const i = order[p] as number;
      const tenant = this.tenants[i] as Tenant;
      rows[p - start] = tenant;
      rowAnnotations[p - start] = layer.annotationAt(i);
      matches[p - start] = words.length
        ? searchMatch(this.search, layer, i, tenant, words, keyed)
        : undefined;
    }
    return {
      rows,
      annotations: rowAnnotations,
      matches,
      total,
      positions,
      totalAll: this.size,
      facets,
      groups,
    };
  }

  select(view: TenantView, annotations?: AnnotationSource): TenantSelection {
    const layer = this.layer(annotations);
    const { order, total } = this.evaluate(view, layer);
    const tenants = this.tenants;
    const annotationAt = layer.annotationAt;
    // Grouped by tag, a tenant may sit in several groups: yield it where it first appears.
    const seen = order.length > total ? new Uint8Array(this.size) : null;
    function* rows(): Generator<TenantRow, undefined, undefined> {
      for (let p = 0; p < order.length; p++) {
        const i = order[p] as number;
        if (seen !== null) {
          if (seen[i] === 1) continue;
          seen[i] = 1;
        }
        yield annotatedRow(tenants[i] as Tenant, annotationAt(i));
      }
      return undefined;
    }
    return Object.assign(rows(), { total });
  }

  private evaluate(view: TenantView, layer: AnnotationLayer): Evaluated {
    if (this.cache.capacity <= 0) return this.compute(view, layer);
    const key = `${layer.version}\n${viewKey(view)}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const result = this.compute(view, layer);
    this.cache.set(key, result);
    return result;
  }

  private compute(view: TenantView, layer: AnnotationLayer): Evaluated {
    const { matched, counts, tagCounts } = this.filter(view, layer);
    const total = matched.length;
    const dims = this.dims;
    const facets: Record<FacetDimension, FacetCount[]> = {
      region: facetList(dims.region, counts[0] as Uint32Array, view.region),
      country: facetList(dims.country, counts[1] as Uint32Array, view.country),
      subscription: facetList(
        dims.subscription,
        counts[2] as Uint32Array,
        view.subscription,
        layer.subscriptionNames,
      ),
      status: facetList(dims.status, counts[3] as Uint32Array, view.status),
      owner: facetList(layer.owner, counts[4] as Uint32Array, view.owner),
      tag: facetList(layer.tag, tagCounts, view.tag),
    };
    const { order, levels } = this.order(view, matched, layer);
    const groups = levels.length ? this.summarize(levels, order, 0, 0, order.length) : [];
    return { order, total, facets, groups };
  }

  /**
   * Tenants matching every search word (ascending index), or null when there is no search. The
   * word cache also narrows a longer search to the answer of a shorter one it contains ("zur" →
   * "zuri"), which is how a search box is typed. A word also finds tenants by their subscription's
   * name and their owner (the layer's), so answers are kept per annotation version.
   */
  private searchMatches(view: TenantView, layer: AnnotationLayer): Uint32Array | null {
    const words = searchWords(view);
    if (words.length === 0) return null;
    const extra: (ExtraMatches | null)[] = words.map((word) => layer.extraMatches(word));
    if (this.words.capacity <= 0) return this.search.search(words, undefined, extra);
    const key = `${layer.version}\n${words.join(" ")}`;
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
        entry.version === layer.version &&
        (within === undefined || entry.matches.length < within.length) &&
        entry.words.every((w) => words.some((word) => narrows(word, w)))
      )
        within = entry.matches;
    const matches = this.search.search(words, within, extra);
    this.words.set(key, { version: layer.version, words, matches });
    return matches;
  }

  /**
   * One pass over the tenants that pass the search (all of them without one): a tenant outside a
   * date range or failing a yes/no filter counts nowhere; one inside counts toward dimension D's
   * facet when D is the only dimension it fails, and toward every facet (and the result) when it
   * fails none. `tag` counts a tenant toward each of its tags ("none" for an untagged one).
   */
  private filter(
    view: TenantView,
    layer: AnnotationLayer,
  ): { matched: Uint32Array; counts: Uint32Array[]; tagCounts: Uint32Array } {
    const dims = UNROLLED_DIMENSIONS.map((d) => (d === "owner" ? layer.owner : this.dims[d]));
    const maskOf = (dim: FacetValues, values: readonly string[]): Uint8Array | null => {
      if (values.length === 0) return null;
      const mask = new Uint8Array(dim.values.length);
      for (const v of values) {
        const code = dim.lookup.get(v);
        if (code !== undefined) mask[code] = 1;
      }
      return mask;
    };
    const selected = UNROLLED_DIMENSIONS.map((d, k) => maskOf(dims[k] as Dimension, view[d]));
    const counts = dims.map((dim) => new Uint32Array(dim.values.length));
    const [c0, c1, c2, c3, c4] = dims.map((dim) => dim.codes) as PerDimension<Uint32Array>;
    const [s0, s1, s2, s3, s4] = selected as PerDimension<Uint8Array | null>;
    const [n0, n1, n2, n3, n4] = counts as PerDimension<Uint32Array>;
    const tag: MultiDimension = layer.tag;
    const tagStarts = tag.starts;
    const tagCodes = tag.codes;
    const sTag = maskOf(tag, view.tag);
    const nTag = new Uint32Array(tag.values.length);
    const found = this.searchMatches(view, layer);
    const from = view.createdFrom === null ? -Infinity : Date.parse(view.createdFrom);
    const to = view.createdTo === null ? Infinity : Date.parse(view.createdTo);
    const hasDates = view.createdFrom !== null || view.createdTo !== null;
    const created = this.created;
    const endsFrom = view.licenseEndsFrom === null ? -Infinity : Date.parse(view.licenseEndsFrom);
    const endsTo = view.licenseEndsTo === null ? Infinity : Date.parse(view.licenseEndsTo);
    const hasEnds = view.licenseEndsFrom !== null || view.licenseEndsTo !== null;
    const licenseEnds = this.licenseEnds;
    const deletionWanted = view.deletionScheduled === null ? -1 : view.deletionScheduled ? 1 : 0;
    const deletion = this.deletion;
    const annotatedWanted = view.annotated === null ? -1 : view.annotated ? 1 : 0;
    const annotated = layer.annotated;
    const candidates = found === null ? this.size : found.length;
    const matched = new Uint32Array(candidates);
    let total = 0;

    for (let k = 0; k < candidates; k++) {
      const i = found === null ? k : (found[k] as number);
      if (hasDates) {
        const t = created[i] as number;
        if (!(t >= from && t <= to)) continue; // NaN (unreadable) fails any range
      }
      if (hasEnds) {
        const t = licenseEnds[i] as number;
        if (!(t >= endsFrom && t <= endsTo)) continue; // no license end: outside any range
      }
      if (deletionWanted >= 0 && deletion[i] !== deletionWanted) continue;
      if (annotatedWanted >= 0 && annotated[i] !== annotatedWanted) continue;
      const a = c0[i] as number;
      const b = c1[i] as number;
      const c = c2[i] as number;
      const d = c3[i] as number;
      const e = c4[i] as number;
      const tagFrom = tagStarts[i] as number;
      const tagTo = tagStarts[i + 1] as number;
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
      if (s4 !== null && s4[e] === 0) {
        failed++;
        which = 4;
      }
      if (sTag !== null) {
        let any = false;
        for (let t = tagFrom; t < tagTo; t++)
          if (sTag[tagCodes[t] as number] === 1) {
            any = true;
            break;
          }
        if (!any) {
          failed++;
          which = 5;
        }
      }
      switch (failed > 1 ? -2 : which) {
        case -1:
          matched[total++] = i;
          n0[a]!++;
          n1[b]!++;
          n2[c]!++;
          n3[d]!++;
          n4[e]!++;
          for (let t = tagFrom; t < tagTo; t++) nTag[tagCodes[t] as number]!++;
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
        case 4:
          n4[e]!++;
          break;
        case 5:
          for (let t = tagFrom; t < tagTo; t++) nTag[tagCodes[t] as number]!++;
          break;
      }
    }
    return { matched: matched.subarray(0, total), counts, tagCounts: nTag };
  }

  private sortColumn(field: SortField, layer: AnnotationLayer): SortColumn {
    return field === "owner" || field === "subscriptionName"
      ? layer.sortColumn(field)
      : this.sorts[field];
  }

  /**
   * Row order. The least significant sort key comes from its ready-made permutation (which already
   * breaks ties by id): for a large result, walk the permutation keeping matches; for a small one,
   * sort the matches by their position in it. Then one stable bucket pass per more significant
   * key: the other sort keys, then the group levels (inner first). Grouped by tag, the sorted
   * tenants are then laid out once per tag they have (a counting pass over their tags).
   */
  private order(
    view: TenantView,
    matched: Uint32Array,
    layer: AnnotationLayer,
  ): { order: Uint32Array; levels: GroupLevel[] } {
    const total = matched.length;
    const keys = sortKeys(view);
    const last = keys[keys.length - 1] as SortKey;
    const column = this.sortColumn(last.field, layer);
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
      passes.push({ column: this.sortColumn(key.field, layer), desc: key.desc });
    }
    const fields = GROUP_LEVELS[view.group];
    const columns = fields.map((field) =>
      field === "region" ? this.regionGroups : field === "tag" ? null : layer.groups[field],
    );
    for (let k = columns.length - 1; k >= 0; k--) {
      const group = columns[k];
      if (group) passes.push({ column: group, desc: false });
    }
    if (passes.length > 0) {
      let b: Uint32Array<ArrayBufferLike> = new Uint32Array(total);
      for (const pass of passes) {
        bucketSort(a, total, pass.column, pass.desc, b);
        [a, b] = [b, a];
      }
    }
    const order = a as Uint32Array;
    if (fields[0] === "tag") return this.byTag(order, layer);
    const levels = columns.map((group): GroupLevel => {
      const g = group as GroupColumn;
      const keysOf = g.keys;
      return {
        field: g.field,
        values: g.values,
        labels: g.labels,
        bucketAt: (p) => keysOf[order[p] as number] as number,
      };
    });
    return { order, levels };
  }

  /** `sorted` laid out by tag group: each tenant once per tag it has, "No tags" last. */
  private byTag(
    sorted: Uint32Array,
    layer: AnnotationLayer,
  ): { order: Uint32Array; levels: GroupLevel[] } {
    const { starts, codes } = layer.tag;
    const { bucketOfCode, values, labels } = layer.groups.tag;
    const offsets = new Uint32Array(values.length + 1);
    for (let k = 0; k < sorted.length; k++) {
      const i = sorted[k] as number;
      for (let t = starts[i] as number; t < (starts[i + 1] as number); t++)
        offsets[(bucketOfCode[codes[t] as number] as number) + 1]!++;
    }
    for (let b = 1; b <= values.length; b++) offsets[b]! += offsets[b - 1]!;
    const positions = offsets[values.length] as number;
    const order = new Uint32Array(positions);
    const buckets = new Uint32Array(positions);
    const cursor = offsets.slice(0, values.length);
    for (let k = 0; k < sorted.length; k++) {
      const i = sorted[k] as number;
      for (let t = starts[i] as number; t < (starts[i + 1] as number); t++) {
        const bucket = bucketOfCode[codes[t] as number] as number;
        const p = cursor[bucket]!++;
        order[p] = i;
        buckets[p] = bucket;
      }
    }
    return {
      order,
      levels: [{ field: "tag", values, labels, bucketAt: (p) => buckets[p] as number }],
    };
  }

  /** Group summaries over `order[start, end)`, which is already ordered by the group levels. */
  private summarize(
    levels: readonly GroupLevel[],
    order: Uint32Array,
    depth: number,
    start: number,
    end: number,
  ): GroupSummary[] {
    const level = levels[depth] as GroupLevel;
    const bucketAt = level.bucketAt;
    const statusDim = this.dims.status;
    const statusCodes = statusDim.codes;
    const ended = this.ended;
    const out: GroupSummary[] = [];
    let p = start;
    while (p < end) {
      const bucket = bucketAt(p);
      const statusCounts = new Uint32Array(statusDim.values.length);
      let endedCount = 0;
      let q = p;
      while (q < end) {
        if (bucketAt(q) !== bucket) break;
        const i = order[q] as number;
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
  licenseEnds: Float64Array;
  deletion: Uint8Array;
  ended: Uint8Array;
  dims: Record<TenantDimension, Dimension>;
  sorts: Record<TenantSortField, SortColumn>;
  regionGroups: GroupColumn;
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
  const licenseEnds = new Float64Array(tenants.length);
  const deletion = new Uint8Array(tenants.length);
  const ended = new Uint8Array(tenants.length);
  for (let i = 0; i < tenants.length; i++) {
    const t = tenants[i] as Tenant;
    created[i] = parseTime(t.createdAt) ?? NaN;
    const ends = parseTime(t.licenseEndsAt);
    licenseEnds[i] = ends ?? NaN;
    if (ends !== null && ends < asOf) ended[i] = 1;
    if (parseTime(t.deletionStartsAt) !== null) deletion[i] = 1;
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
  let sorts: Record<TenantSortField, SortColumn> | undefined;
  while (!sorts) {
    yield* pause();
    const step = sortSteps.next();
    if (step.done) sorts = step.value;
  }
  const regionGroups = buildGroupColumn("region", dims.region);
  buildMs += performance.now() - started;
  return {
    asOf,
    byIdMap,
    search,
    created,
    licenseEnds,
    deletion,
    ended,
    dims,
    sorts,
    regionGroups,
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
