"use client";

import { useEffect, useState } from "react";

/**
 * `flag`, but turning true only once it has stayed true for `delayMs`: a loading cue that does not
 * flicker for answers that come quickly. It turns false at once.
 */
export function useDelayedFlag(flag: boolean, delayMs: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!flag) return;
    const timer = setTimeout(() => setShown(true), delayMs);
    return () => {
      clearTimeout(timer);
      setShown(false);
    };
  }, [flag, delayMs]);
  return flag && shown;
}
