"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { useEffect, type ReactNode } from "react";
import { Toaster } from "sonner";
import { getQueryClient } from "@/lib/api-client/get-query-client";

/** Client-side context for every page: the query cache, URL state (nuqs) and toasts. */
export function AppProviders({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  // <html data-hydrated>: every control of the page answers from here on (browser tests wait for
  // it before they press anything; a click before hydration reaches no handler).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <QueryClientProvider client={queryClient}>
      <NuqsAdapter>{children}</NuqsAdapter>
      <Toaster theme="system" position="bottom-right" closeButton />
    </QueryClientProvider>
  );
}
