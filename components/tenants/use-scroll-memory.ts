"use client";

// Where the list was scrolled to, per view, for the life of the tab (sessionStorage): coming back
// to the explorer (the browser's Back from a tenant's page) puts the list where it was. A change of
// view inside the explorer goes back to the top, as before.
import type { Virtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, type RefObject } from "react";

const PREFIX = "atlas:scroll:";
const SAVE_AFTER_MS = 150;
/** Keeps the storage small: the positions of the last few views only. */
const MAX_KEPT = 20;

function read(key: string): number {
  try {
    const n = Number(sessionStorage.getItem(PREFIX + key));
    return Number.isFinite(n) && n > 0 ? n : 0;
  } catch {
    return 0; // storage unavailable (privacy mode): no memory, no harm
  }
}

function write(key: string, offset: number): void {
  try {
    if (offset > 0) sessionStorage.setItem(PREFIX + key, String(Math.round(offset)));
    else sessionStorage.removeItem(PREFIX + key);
    const keys = Object.keys(sessionStorage).filter((k) => k.startsWith(PREFIX));
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_KEPT)))
      sessionStorage.removeItem(old);
  } catch {
    // Full or unavailable: forgetting a scroll position is fine.
  }
}

export function useScrollMemory(
  scrollRef: RefObject<HTMLElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  key: string,
): void {
  const mounted = useRef(false);

  // On mount: back where this view was left. On a later change of view: the top (the virtualizer
  // knows the offset from scroll events, so an unscrolled list costs no forced layout).
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      const saved = read(key);
      if (saved) virtualizer.scrollToOffset(saved);
      return;
    }
    if (virtualizer.scrollOffset) virtualizer.scrollToOffset(0);
  }, [key, virtualizer]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let offset = el.scrollTop;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      offset = el.scrollTop;
      clearTimeout(timer);
      timer = setTimeout(() => write(key, offset), SAVE_AFTER_MS);
    };
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      el.removeEventListener("scroll", onScroll);
      clearTimeout(timer);
      write(key, offset);
    };
  }, [scrollRef, key]);
}
