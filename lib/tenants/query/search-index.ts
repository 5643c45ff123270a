// Substring search over the folded search text of every tenant, without scanning all of them: a
// trigram index. Each tenant's text contributes its distinct trigrams (three consecutive UTF-16
// units within one field), hashed into 2^20 buckets; a bucket's posting list holds the tenants, in
// index order. A word of three or more units can only occur in tenants listed under every one of
// its trigrams, so the shortest of those lists is a candidate set, and `includes` on the candidates
// gives the answer. Hash collisions only make a list longer, never wrong. Words shorter than three
// units fall back to a scan.

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
    /** Posting lists, concatenated; bucket k's list is postings[starts[k] .. starts[k+1]). */
    private readonly starts: Uint32Array,
    private readonly postings: Uint32Array,
  ) {}

  static create(texts: readonly string[]): SearchIndex {
    const steps = SearchIndex.build(texts);
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
  static *build(texts: readonly string[]): Generator<void, SearchIndex, void> {
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
    return new SearchIndex(texts, counts, postings);
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
   * Tenants (ascending index) whose text contains every word; `within`, when given, is a list
   * already known to contain all matches (e.g. a cached answer for a shorter word).
   */
  search(words: readonly string[], within?: Uint32Array): Uint32Array {
    let candidates: Uint32Array | null = within ?? null;
    for (const word of words)
      if (word.length >= 3 && !word.includes("\n")) {
        const list = this.candidatesFor(word);
        if (candidates === null || list.length < candidates.length) candidates = list;
      }
    const texts = this.texts;
    const out = new Uint32Array(candidates?.length ?? texts.length);
    let n = 0;
    if (candidates === null) {
      for (let i = 0; i < texts.length; i++)
        if (containsAll(texts[i] as string, words)) out[n++] = i;
    } else {
      for (let k = 0; k < candidates.length; k++) {
        const i = candidates[k] as number;
        if (containsAll(texts[i] as string, words)) out[n++] = i;
      }
    }
    return out.slice(0, n);
  }

  /** Bytes held by the index (for the bench). */
  get byteLength(): number {
    return this.starts.byteLength + this.postings.byteLength;
  }
}

function containsAll(text: string, words: readonly string[]): boolean {
  for (let w = 0; w < words.length; w++) if (!text.includes(words[w] as string)) return false;
  return true;
}
