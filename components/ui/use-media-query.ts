"use client";

import { useSyncExternalStore } from "react";

/**
 * Whether a media query matches. The server and the hydrating render say `serverValue` (a guess:
 * the server cannot measure the screen), so both render the same; components that differ by width
 * also hide themselves with CSS, so a wrong guess shows nothing wrong, only something late.
 */
export function useMediaQuery(query: string, serverValue = false): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => serverValue,
  );
}

/** Below Tailwind's `sm` (640 px): the phone layout. */
export const PHONE_QUERY = "(max-width: 639.98px)";
