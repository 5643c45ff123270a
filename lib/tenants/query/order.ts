// Ordering by buckets instead of comparisons: every sort column and group is stored as a small
// integer per tenant (its dense rank), so a multi-key order is a few stable counting-sort passes
// (least significant key first) over the matching tenants: O(keys × (matches + buckets)).

/** Bucket of tenant `i` in a column: rank ascending; descending reverses ranks, nulls stay last. */
export interface BucketColumn {
  /** Per tenant: dense rank of its value ascending; `buckets - 1` for a missing value. */
  readonly keys: Uint32Array;
  readonly buckets: number;
  /** True when the last bucket holds missing values (kept last in both directions). */
  readonly hasNullBucket: boolean;
}

/**
 * Stable counting sort of `order[0..len)` by `column` into `out`; returns `out`. Ties keep their
 * input order, which is what makes least-significant-key-first passes produce a multi-key order.
 */
export function bucketSort(
  order: Uint32Array,
  len: number,
  column: BucketColumn,
  desc: boolean,
  out: Uint32Array,
): Uint32Array {
  const { keys, buckets } = column;
  const counts = new Uint32Array(buckets + 1);
  // Descending maps rank r to (last value rank - r); the null bucket stays where it is.
  const flip = desc ? (column.hasNullBucket ? buckets - 2 : buckets - 1) : -1;
  if (flip < 0) {
    for (let p = 0; p < len; p++) counts[(keys[order[p]!]! as number) + 1]!++;
    for (let b = 1; b <= buckets; b++) counts[b]! += counts[b - 1]!;
    for (let p = 0; p < len; p++) {
      const i = order[p]!;
      out[counts[keys[i]!]!++] = i;
    }
  } else {
    const bucketOf = (k: number) => (k > flip ? k : flip - k);
    for (let p = 0; p < len; p++) counts[bucketOf(keys[order[p]!]!) + 1]!++;
    for (let b = 1; b <= buckets; b++) counts[b]! += counts[b - 1]!;
    for (let p = 0; p < len; p++) {
      const i = order[p]!;
      out[counts[bucketOf(keys[i]!)]!++] = i;
    }
  }
  return out;
}

/** The identity permutation 0..n-1 sorted by `column` (stable, so ties keep index order). */
export function permutation(base: Uint32Array, column: BucketColumn, desc: boolean): Uint32Array {
  return bucketSort(base, base.length, column, desc, new Uint32Array(base.length));
}

/** Dense ranks of numbers (null or NaN = missing): a native sort of the distinct values, no Map. */
export function denseNumberRanks(values: Float64Array): BucketColumn {
  const sorted = values.slice().sort(); // numeric; NaN last
  let distinct = 0;
  for (let k = 0; k < sorted.length; k++) {
    const v = sorted[k] as number;
    if (Number.isNaN(v)) break;
    if (k === 0 || v !== sorted[k - 1]) sorted[distinct++] = v;
  }
  const keys = new Uint32Array(values.length);
  let hasNull = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) {
      keys[i] = distinct;
      hasNull = true;
      continue;
    }
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    keys[i] = lo;
  }
  return { keys, buckets: distinct + (hasNull ? 1 : 0), hasNullBucket: hasNull };
}

/**
 * Dense ranks of texts (null = missing) ordered by `keyOf(text)` in code-unit order. The key is
 * computed once per distinct text, so low-cardinality columns (status, region) cost one Map lookup
 * per tenant; texts with equal keys share a rank.
 */
export function denseTextRanks(
  values: readonly (string | null)[],
  keyOf: (text: string) => string,
): BucketColumn {
  return denseRanksOf(values, (distinct) => {
    const keys = distinct.map(keyOf);
    return (a, b) => compareCodeUnits(keys[a] as string, keys[b] as string);
  });
}

/** Dense ranks of texts (null = missing) in `collator` order; texts it finds equal share a rank. */
export function denseCollatedRanks(
  values: readonly (string | null)[],
  collator: Intl.Collator,
): BucketColumn {
  const compare = collator.compare;
  return denseRanksOf(
    values,
    (distinct) => (a, b) => compare(distinct[a] as string, distinct[b] as string),
  );
}

/**
 * Dense ranks of texts (null = missing, ranked last): each distinct text once, ordered by the
 * comparison of their codes (indices into `distinct`) that `order` makes; equal ones share a rank.
 */
function denseRanksOf(
  values: readonly (string | null)[],
  order: (distinct: readonly string[]) => (a: number, b: number) => number,
): BucketColumn {
  const codeOf = new Map<string, number>();
  const distinct: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string | null;
    if (v === null) {
      codes[i] = -1;
      continue;
    }
    let code = codeOf.get(v);
    if (code === undefined) {
      code = distinct.length;
      codeOf.set(v, code);
      distinct.push(v);
    }
    codes[i] = code;
  }
  const compare = order(distinct);
  const sorted = distinct.map((_, code) => code).sort(compare);
  const rankOfCode = new Uint32Array(distinct.length);
  let rank = -1;
  for (let k = 0; k < sorted.length; k++) {
    const code = sorted[k] as number;
    if (k === 0 || compare(code, sorted[k - 1] as number) !== 0) rank++;
    rankOfCode[code] = rank;
  }
  const ranks = rank + 1;
  let hasNull = false;
  const out = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const code = codes[i] as number;
    if (code < 0) {
      out[i] = ranks;
      hasNull = true;
    } else out[i] = rankOfCode[code] as number;
  }
  return { keys: out, buckets: ranks + (hasNull ? 1 : 0), hasNullBucket: hasNull };
}

export const compareCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
