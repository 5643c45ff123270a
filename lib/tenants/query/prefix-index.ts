// Identifiers (the tenant id, the subscription id, the license number) are found by their whole
// value or by a prefix of at least MIN_PREFIX characters, never by a fragment from their middle: a
// short word typed for a name must not find tenants whose random id happens to contain it. The
// folded values are kept sorted once, so a word's matches are one binary search and a range.

/** The shortest word that matches an identifier it only begins. */
export const MIN_PREFIX = 4;

/** Whether a folded identifier matches a folded search word. */
export function identifierMatches(value: string, word: string): boolean {
  return word.length >= MIN_PREFIX ? value.startsWith(word) : value === word;
}

export class PrefixIndex {
  private constructor(
    /** Distinct folded values, in code-unit order. */
    private readonly values: readonly string[],
    /** Tenants of values[k]: owners[starts[k] .. starts[k+1]), ascending. */
    private readonly starts: Uint32Array,
    private readonly owners: Uint32Array,
    /** Per tenant, "\n" + its values joined by "\n" + "\n": one `includes` tests them all. */
    private readonly lines: readonly string[],
  ) {}

  /** `values[i]`: tenant i's folded identifiers (repeats and nulls allowed). */
  static create(values: readonly (readonly (string | null)[])[]): PrefixIndex {
    const ownersOf = new Map<string, number[]>();
    const lines: string[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      let line = "\n";
      for (const value of values[i] as readonly (string | null)[]) {
        if (!value) continue;
        let list = ownersOf.get(value);
        if (list === undefined) ownersOf.set(value, (list = []));
        if (list[list.length - 1] !== i) list.push(i); // one tenant listed once per value
        line += `${value}\n`;
      }
      lines[i] = line;
    }
    const sorted = [...ownersOf.keys()].sort(); // code-unit order
    const starts = new Uint32Array(sorted.length + 1);
    let total = 0;
    for (let k = 0; k < sorted.length; k++) {
      starts[k] = total;
      total += (ownersOf.get(sorted[k] as string) as number[]).length;
    }
    starts[sorted.length] = total;
    const owners = new Uint32Array(total);
    for (let k = 0; k < sorted.length; k++)
      owners.set(ownersOf.get(sorted[k] as string) as number[], starts[k] as number);
    return new PrefixIndex(sorted, starts, owners, lines);
  }

  /** The range of values `word` matches: [from, to). */
  private range(word: string): [number, number] {
    const values = this.values;
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((values[mid] as string) < word) lo = mid + 1;
      else hi = mid;
    }
    if (word.length < MIN_PREFIX) return values[lo] === word ? [lo, lo + 1] : [lo, lo];
    let to = lo;
    while (to < values.length && (values[to] as string).startsWith(word)) to++;
    return [lo, to];
  }

  /** Tenants with a value `word` matches, counting a tenant once per value (0: none). */
  count(word: string): number {
    const [from, to] = this.range(word);
    return (this.starts[to] as number) - (this.starts[from] as number);
  }

  /** Tenants with a value `word` matches, ascending and distinct. */
  lookup(word: string): Uint32Array {
    const [from, to] = this.range(word);
    if (to === from) return new Uint32Array(0);
    const list = this.owners.slice(this.starts[from] as number, this.starts[to] as number);
    if (to - from === 1) return list;
    list.sort();
    let n = 0;
    for (let k = 0; k < list.length; k++)
      if (k === 0 || list[k] !== list[k - 1]) list[n++] = list[k]!;
    return list.subarray(0, n);
  }

  /** What `matches` looks for in a tenant's line: made once per word, used per candidate. */
  static needle(word: string): string {
    return word.length >= MIN_PREFIX ? `\n${word}` : `\n${word}\n`;
  }

  /** Whether tenant `i` has a value the word of `needle` (PrefixIndex.needle) matches. */
  matches(i: number, needle: string): boolean {
    return (this.lines[i] as string).includes(needle);
  }

  /** Bytes held by the typed arrays (for the bench). */
  get byteLength(): number {
    return this.starts.byteLength + this.owners.byteLength;
  }
}
