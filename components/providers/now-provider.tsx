"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

// One clock for every relative time on the page ("3 minutes ago"). The server passes the time it
// rendered at (requestTime()), so the first client render matches the HTML; after that it ticks.

const NowContext = createContext<number | null>(null);

export function NowProvider({
  initialNow,
  intervalMs = 15_000,
  children,
}: {
  initialNow: number;
  intervalMs?: number;
  children: ReactNode;
}) {
  const [now, setNow] = useState(initialNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return <NowContext.Provider value={now}>{children}</NowContext.Provider>;
}

/** The page's ticking clock (epoch ms); outside a NowProvider, the time of the call. */
export function useNow(): number {
  const now = useContext(NowContext);
  // eslint-disable-next-line react-hooks/purity -- only reached without a provider
  return now ?? Date.now();
}
