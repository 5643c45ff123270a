"use client";

// Keyboard navigation for the grid: arrows, Home/End, PageUp/PageDown, Enter (and Space on a group
// header), ArrowRight/ArrowLeft to expand or collapse a group, Space on a tenant row to select it
// (when the grid has row selection). Focus stays on the grid; the active
// row is its aria-activedescendant, so virtualization never takes focus away.
import type { Virtualizer } from "@tanstack/react-virtual";
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from "react";
import type { LayoutItem, TableLayout } from "./table-layout";

export interface GridKeyboard {
  /** Display index of the active row, or null before the grid is first focused. */
  activeIndex: number | null;
  /** Makes a row active and acts on it (a click or Enter). */
  activate: (index: number) => void;
  onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => void;
  onFocus: (e: FocusEvent<HTMLDivElement>) => void;
}

export function useGridKeyboard({
  layout,
  scrollRef,
  virtualizer,
  rowHeight,
  onActivate,
  onToggleGroup,
  onSelect,
}: {
  layout: TableLayout;
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  rowHeight: number;
  /** What a row does when activated: toggle a group, open a tenant. */
  onActivate: (entry: LayoutItem) => void;
  onToggleGroup: (key: string) => void;
  /** Space on a tenant row: toggles its selection. Absent: the grid has no row selection. */
  onSelect?: (entry: Extract<LayoutItem, { kind: "row" }>) => void;
}): GridKeyboard {
  const [active, setActive] = useState<number | null>(null);
  const activeIndex = active === null ? null : Math.min(active, layout.count - 1);

  const moveTo = useCallback(
    (index: number) => {
      if (layout.count === 0) return;
      const next = Math.max(0, Math.min(layout.count - 1, index));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: "auto" });
    },
    [layout.count, virtualizer],
  );

  // `activate` reads the latest layout and handler through a ref, so memoized rows keep one handler.
  const latest = useRef({ layout, onActivate });
  useEffect(() => {
    latest.current = { layout, onActivate };
  });
  const activate = useCallback((index: number) => {
    const entry = latest.current.layout.itemAt(index);
    if (!entry) return;
    setActive(index);
    latest.current.onActivate(entry);
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.target !== e.currentTarget) return; // keys on header buttons are theirs
    const current = activeIndex ?? -1;
    const pageRows = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 2,
    );
    const entry = activeIndex === null ? null : layout.itemAt(activeIndex);
    switch (e.key) {
      case "ArrowDown":
        moveTo(current + 1);
        break;
      case "ArrowUp":
        moveTo(current <= 0 ? 0 : current - 1);
        break;
      case "PageDown":
        moveTo(current + pageRows);
        break;
      case "PageUp":
        moveTo(current - pageRows);
        break;
      case "Home":
        moveTo(0);
        break;
      case "End":
        moveTo(layout.count - 1);
        break;
      case "Enter":
      case " ":
        if (activeIndex === null) return;
        if (e.key === " " && entry?.kind === "row") {
          if (!onSelect) return;
          onSelect(entry);
          break;
        }
        activate(activeIndex);
        break;
      case "ArrowRight":
        if (entry?.kind === "group" && entry.collapsed) onToggleGroup(entry.key);
        else return;
        break;
      case "ArrowLeft":
        if (entry?.kind === "group" && !entry.collapsed) onToggleGroup(entry.key);
        else return;
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  function onFocus(e: FocusEvent<HTMLDivElement>) {
    if (e.target === e.currentTarget && activeIndex === null && layout.count > 0) setActive(0);
  }

  return { activeIndex, activate, onKeyDown, onFocus };
}
