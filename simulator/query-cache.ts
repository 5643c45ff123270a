// Ordered result lists per (filter, sort), cached until the store changes, with an ObjectId →
// position index so cursor pages cost O(limit). A cursor outside the list (a tenant that no longer
// matches, or a deleted one's tombstone) is placed by binary search on its sort position.
import { compileFilter } from "./scim/evaluator";
import { filterKey, type FilterNode } from "./scim/parser";
import { comparator, sortText, type RecordComparator, type SortKey } from "./sort";
import type { TenantRecord, TenantStore } from "./store";

export interface OrderedResult {
  list: readonly TenantRecord[];
  /** Index of the first element that sorts after `cursor` (cursor itself excluded). */
  after(cursor: TenantRecord): number;
  /** Index of the first element that sorts at or after `cursor`, i.e. the count before it. */
  before(cursor: TenantRecord): number;
}

interface Entry {
  version: number;
  list: TenantRecord[];
  compare: RecordComparator;
  positions?: Map<string, number>;
}

const MAX_ENTRIES = 64;

export class QueryCache {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly store: TenantStore) {}

  get(filter: FilterNode | undefined, sort: SortKey[]): OrderedResult {
    const key = `${filter ? filterKey(filter) : ""}\u0000${sortText(sort)}`;
    let entry = this.entries.get(key);
    if (!entry || entry.version !== this.store.version) {
      entry = this.build(filter, sort);
      this.entries.delete(key);
      if (this.entries.size >= MAX_ENTRIES) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    } else {
      this.entries.delete(key); // re-insert below: Map order doubles as LRU order
    }
    this.entries.set(key, entry);
    const e = entry;
    const lowerBound = (cursor: TenantRecord) => {
      let lo = 0;
      let hi = e.list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (e.compare(e.list[mid] as TenantRecord, cursor) < 0) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const position = (cursor: TenantRecord) => {
      e.positions ??= new Map(e.list.map((r, i) => [r.oid, i]));
      return e.positions.get(cursor.oid);
    };
    return {
      list: e.list,
      after: (cursor) => {
        const i = position(cursor);
        return i !== undefined && e.list[i] === cursor ? i + 1 : lowerBound(cursor);
      },
      before: (cursor) => {
        const i = position(cursor);
        return i !== undefined && e.list[i] === cursor ? i : lowerBound(cursor);
      },
    };
  }

  private build(filter: FilterNode | undefined, sort: SortKey[]): Entry {
    const all = this.store.all();
    const list = filter ? all.filter(compileFilter(filter)) : all.slice();
    const compare = comparator(sort);
    if (sort.length > 0) list.sort(compare);
    return { version: this.store.version, list, compare };
  }
}
