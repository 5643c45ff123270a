// Search over every tenant without scanning all of them. Names and hostnames match by substring:
// a trigram index over their folded text (name, then each hostname, one per line). Each tenant's
// text contributes its distinct trigrams (three consecutive UTF-16 units within one line), hashed
// into 2^20 buckets; a bucket's posting list holds the tenants, in index order. A word of three or
// more units can only occur in tenants listed under every one of its trigrams, so the shortest of
// those lists is a candidate set, and `includes` on the candidates gives the answer. Hash
// collisions only make a list longer, never wrong. Words shorter than three units fall back to a
// scan. Identifiers (id, subscription, license number) match by whole value or prefix instead: see
// ./prefix-index.ts; a word's candidates are its trigram list and its identifier hits together.
// Texts that change apart from the snapshot (a subscription's name, the owner) are matched by the
// caller (./annotation-layer.ts) and handed in per word as `ExtraMatches`.
import { PrefixIndex } from "./prefix-index";

/** Tenants a word matches outside the index's own text: ascending list, and a flag per tenant. */
export interface ExtraMatches {
  list: Uint32Array;
  flags: Uint8Array;
}

const BUCKET_BITS = 20;
const BUCKETS = 1 << BUCKET_BITS;
const SEPARATOR = 10; // "\n" between fields: no trigram spans two fields

function bucketOf(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h >>> (32 - BUCKET_BITS);
}

/** Calls `visit(bucket)` for each trigram of `text` (a bucket may repeat). */
function forEachTrigram(text: string, visit: (bucket: number) => void): void {
  let a = -1;
  let b = -1;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === SEPARATOR) {
      a = b = -1;
      continue;
    }
    if (a >= 0) visit(bucketOf(a, b, c));
    a = b;
    b = c;
  }
}

/** Tenants per slice of the build between two yields (see `SearchIndex.build`). */
const BUILD_SLICE = 10_000;

export class SearchIndex {
  private constructor(
    private readonly texts: readonly string[],
    /** Per tenant, the length of its folded name: the text's first line(s) before the hostnames. */
    private readonly nameEnds: Uint32Array,
    private readonly identifiers: PrefixIndex,
    /** Posting lists, concatenated; bucket k's list is postings[starts[k] .. starts[k+1]). */
    private readonly starts: Uint32Array,
    private readonly postings: Uint32Array,
  ) {}

  static create(
    texts: readonly string[],
    nameEnds: Uint32Array,
    identifiers: PrefixIndex,
  ): SearchIndex {
    const steps = SearchIndex.build(texts, nameEnds, identifiers);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Builds in slices of BUILD_SLICE tenants, yielding between them (an async caller can let
   * requests through). Two passes over every trigram: count each bucket's tenants, then fill the
   * lists. The loops are written out (no callback): they run ~10 million times for 50,000 tenants.
   */
  static *build(
    texts: readonly string[],
    nameEnds: Uint32Array,
    identifiers: PrefixIndex,
  ): Generator<void, SearchIndex, void> {
    const counts = new Uint32Array(BUCKETS + 1);
    const lastSeen = new Int32Array(BUCKETS).fill(-1);
    for (let i = 0; i < texts.length; i++) {
      if (i > 0 && i % BUILD_SLICE === 0) yield;
      const text = texts[i] as string;
      let a = -1;
      let b = -1;
      for (let j = 0; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (c === SEPARATOR) {
          a = b = -1;
          continue;
        }
        if (a >= 0) {
          const bucket = bucketOf(a, b, c);
          if (lastSeen[bucket] !== i) {
            lastSeen[bucket] = i;
            counts[bucket + 1]!++;
          }
        }
        a = b;
        b = c;
      }
    }
    for (let k = 1; k <= BUCKETS; k++) counts[k]! += counts[k - 1]!;
    const postings = new Uint32Array(counts[BUCKETS] as number);
    const cursor = counts.slice(0, BUCKETS);
    lastSeen.fill(-1);
    for (let i = 0; i < texts.length; i++) {
      if (i % BUILD_SLICE === 0) yield;
      const text = texts[i] as string;
      let a = -1;
      let b = -1;
      for (let j = 0; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (c === SEPARATOR) {
          a = b = -1;
          continue;
        }
        if (a >= 0) {
          const bucket = bucketOf(a, b, c);
          if (lastSeen[bucket] !== i) {
            lastSeen[bucket] = i;
            postings[cursor[bucket]!++] = i;
          }
        }
        a = b;
        b = c;
      }
    }
    return new SearchIndex(texts, nameEnds, identifiers, counts, postings);
  }

  /** The shortest posting list among `word`'s trigrams (a superset of the tenants containing it). */
  private candidatesFor(word: string): Uint32Array {
    let best: Uint32Array | null = null;
    forEachTrigram(word, (bucket) => {
      const start = this.starts[bucket] as number;
      const length = (this.starts[bucket + 1] as number) - start;
      if (best === null || length < best.length)
        best = this.postings.subarray(start, start + length);
    });
    return best ?? this.postings.subarray(0, 0);
  }

  /**
   * Tenants (ascending index) matching every word: in the name or a hostname, or as an identifier
   * (whole or prefix); `within`, when given, is a list already known to contain all matches (e.g. a
   * cached answer for a shorter word).
   */
  search(
    words: readonly string[],
    within?: Uint32Array,
    extra?: readonly (ExtraMatches | null)[],
  ): Uint32Array {
    let candidates: Uint32Array | null = within ?? null;
    // Per word: what to look for among identifiers, or null when no tenant has one it matches
    // (most words): then a candidate's text alone decides.
    const needles: (string | null)[] = [];
    for (let w = 0; w < words.length; w++) {
      const word = words[w] as string;
      const keyed = this.identifiers.count(word);
      const more = extra?.[w] ?? null;
      needles.push(keyed > 0 ? PrefixIndex.needle(word) : null);
      if (word.length >= 3 && !word.includes("\n")) {
        const list = this.candidatesFor(word);
        const extraCount = more?.list.length ?? 0;
        if (candidates === null || list.length + keyed + extraCount < candidates.length) {
          let found = keyed > 0 ? union(list, this.identifiers.lookup(word)) : list;
          if (more !== null && extraCount > 0) found = union(found, more.list);
          candidates = found;
        }
      }
    }
    const count = candidates?.length ?? this.texts.length;
    const out = new Uint32Array(count);
    let n = 0;
    for (let k = 0; k < count; k++) {
      const i = candidates === null ? k : (candidates[k] as number);
      if (this.matchesAll(i, words, needles, extra)) out[n++] = i;
    }
    return out.slice(0, n);
  }

  private matchesAll(
    i: number,
    words: readonly string[],
    needles: readonly (string | null)[],
    extra: readonly (ExtraMatches | null)[] | undefined,
  ) {
    const text = this.texts[i] as string;
    for (let w = 0; w < words.length; w++) {
      if (text.includes(words[w] as string)) continue;
      const needle = needles[w] as string | null;
      if (needle !== null && this.identifiers.matches(i, needle)) continue;
      const more = extra?.[w];
      if (more && more.flags[i] === 1) continue;
      return false;
    }
    return true;
  }

  /** Whether some tenant has an identifier `word` matches (so it may match outside the text). */
  hasIdentifier(word: string): boolean {
    return this.identifiers.count(word) > 0;
  }

  /** Whether tenant `i`'s name holds `word`. */
  inName(i: number, word: string): boolean {
    const at = (this.texts[i] as string).indexOf(word);
    return at >= 0 && at < (this.nameEnds[i] as number);
  }

  /** Whether one of tenant `i`'s hostnames holds `word` (a word holds no "\n", so never spans). */
  inHostnames(i: number, word: string): boolean {
    return (this.texts[i] as string).lastIndexOf(word) > (this.nameEnds[i] as number);
  }

  /** Bytes held by the index (for the bench). */
  get byteLength(): number {
    return (
      this.starts.byteLength +
      this.postings.byteLength +
      this.nameEnds.byteLength +
      this.identifiers.byteLength
    );
  }
}

/** The sorted union of two ascending lists without repeats. */
function union(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x <= y) i++;
    if (y <= x) j++;
    out[n++] = x <= y ? x : y;
  }
  while (i < a.length) out[n++] = a[i++] as number;
  while (j < b.length) out[n++] = b[j++] as number;
  return out.subarray(0, n);
}
