// Maps the table's display positions to what sits there: a group header or the tenant at a given
// position of the server's (grouped, sorted) row order. Stored as segments, not one entry per row,
// so 50,000 rows cost a few dozen objects and a lookup is a binary search.
import type { GroupSummary } from "@/lib/tenants/types";
import { groupKey, isGroupCollapsed, type CollapseState } from "./explorer-url";

export type LayoutItem =
  | {
      kind: "group";
      key: string;
      group: GroupSummary;
      /** 1 for a top-level group, 2 for a subgroup. */
      level: number;
      collapsed: boolean;
    }
  | {
      kind: "row";
      /** Position in the server's row order (the `offset` to fetch it with). */
      rowIndex: number;
      /** aria-level: one below the innermost group header. */
      level: number;
    };

type Segment =
  | { start: number; kind: "group"; item: Extract<LayoutItem, { kind: "group" }> }
  | { start: number; kind: "rows"; first: number; length: number; level: number };

export interface TableLayout {
  count: number;
  itemAt(index: number): LayoutItem | null;
  /** Display index of a group header, or -1. */
  indexOfGroup(key: string): number;
  /** Whether the item at a display index is a group header (O(1), allocates nothing). */
  isGroupAt(index: number): boolean;
  /** Keys of every group and subgroup (for "collapse all"). */
  groupKeys: string[];
}

export function buildTableLayout(
  total: number,
  groups: readonly GroupSummary[],
  collapse: CollapseState,
  grouped: boolean,
): TableLayout {
  const segments: Segment[] = [];
  const groupIndex = new Map<string, number>();
  const groupAt = new Set<number>();
  const groupKeys: string[] = [];
  let count = 0;

  const pushRows = (first: number, length: number, level: number) => {
    if (length <= 0) return;
    segments.push({ start: count, kind: "rows", first, length, level });
    count += length;
  };
  const walk = (list: readonly GroupSummary[], level: number, parent?: string) => {
    for (const group of list) {
      const key = groupKey(group.field, group.value, parent);
      const collapsed = isGroupCollapsed(collapse, key);
      groupKeys.push(key);
      groupIndex.set(key, count);
      groupAt.add(count);
      segments.push({
        start: count,
        kind: "group",
        item: { kind: "group", key, group, level, collapsed },
      });
      count += 1;
      if (collapsed) continue;
      if (group.children?.length) walk(group.children, level + 1, key);
      else pushRows(group.offset, group.count, level + 1);
    }
  };

  if (grouped && groups.length > 0) walk(groups, 1);
  else pushRows(0, total, 1);

  return {
    count,
    groupKeys,
    indexOfGroup: (key) => groupIndex.get(key) ?? -1,
    isGroupAt: (index) => groupAt.has(index),
    itemAt(index) {
      if (index < 0 || index >= count) return null;
      let lo = 0;
      let hi = segments.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((segments[mid] as Segment).start <= index) lo = mid;
        else hi = mid - 1;
      }
      const seg = segments[lo];
      if (!seg) return null;
      if (seg.kind === "group") return seg.item;
      return { kind: "row", rowIndex: seg.first + (index - seg.start), level: seg.level };
    },
  };
}
