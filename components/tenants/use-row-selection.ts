"use client";

// The rows an admin has selected for a bulk change, by tenant id. A click toggles one row, a
// shift-click selects the range from the last toggled row, "select all" takes every loaded row. The
// selection belongs to one view: changing the filters, sort or grouping starts a new one.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

export interface RowSelection {
  ids: ReadonlySet<string>;
  /** Toggles `id` at `rowIndex`; `range`: also every row from the last toggled one (same state). */
  toggle: (id: string, rowIndex: number, range: boolean) => void;
  /** Selects these ids (all loaded rows), or clears them all when every one is selected. */
  toggleAll: (ids: readonly string[]) => void;
  clear: () => void;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * `viewKey`: the view the selection belongs to. `loaded()`: the tenants loaded so far by position
 * in the view's row order, for shift-click ranges (asked once per range).
 */
export function useRowSelection(
  viewKey: string,
  loaded: () => ReadonlyMap<number, string>,
): RowSelection {
  const [state, setState] = useState<{ key: string; ids: ReadonlySet<string> }>({
    key: viewKey,
    ids: NONE,
  });
  const anchor = useRef<number | null>(null);
  const ids = state.key === viewKey ? state.ids : NONE;
  const loadedRef = useRef(loaded);
  useEffect(() => {
    loadedRef.current = loaded;
  });

  const toggle = useCallback(
    (id: string, rowIndex: number, range: boolean) =>
      setState((prev) => {
        const current = prev.key === viewKey ? prev.ids : NONE;
        const next = new Set(current);
        const on = !current.has(id);
        const from = anchor.current;
        if (range && from !== null && from !== rowIndex) {
          const [lo, hi] = from < rowIndex ? [from, rowIndex] : [rowIndex, from];
          const rows = loadedRef.current();
          for (let i = lo; i <= hi; i++) {
            const other = rows.get(i);
            if (other === undefined) continue;
            if (on) next.add(other);
            else next.delete(other);
          }
        }
        if (on) next.add(id);
        else next.delete(id);
        anchor.current = rowIndex;
        return { key: viewKey, ids: next };
      }),
    [viewKey],
  );

  const toggleAll = useCallback(
    (all: readonly string[]) =>
      setState((prev) => {
        const current = prev.key === viewKey ? prev.ids : NONE;
        const every = all.length > 0 && all.every((id) => current.has(id));
        anchor.current = null;
        return { key: viewKey, ids: every ? NONE : new Set([...current, ...all]) };
      }),
    [viewKey],
  );

  const clear = useCallback(() => {
    anchor.current = null;
    setState({ key: viewKey, ids: NONE });
  }, [viewKey]);

  return useMemo(() => ({ ids, toggle, toggleAll, clear }), [ids, toggle, toggleAll, clear]);
}
