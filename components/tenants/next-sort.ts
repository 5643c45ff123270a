import type { SortKey } from "@/lib/tenants/types";

/**
 * The sort after a click on a column header (`multi`: a shift-click). A shift-click adds the column
 * as the last key, or turns it round where it is. A plain click sorts by the column alone, except
 * on the last key, which turns round in place and keeps the keys before it. New keys start ascending.
 */
export function nextSort(
  sort: readonly SortKey[],
  field: SortKey["field"],
  multi: boolean,
): SortKey[] {
  const index = sort.findIndex((k) => k.field === field);
  const desc = index >= 0 ? !(sort[index] as SortKey).desc : false;
  const keys = sort.map((k) => ({ field: k.field, desc: k.field === field ? desc : k.desc }));
  if (index >= 0 && (multi || index === sort.length - 1)) return keys;
  if (multi && sort.length > 0) return [...keys, { field, desc }];
  return [{ field, desc }];
}
