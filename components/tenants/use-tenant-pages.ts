"use client";

// The rows the table shows, fetched in windows of TENANT_PAGE_SIZE by offset as the visible range
// moves. Only windows on screen are observed: scrolling past a window cancels its request.
import { useQueries } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import type { TenantRow, TenantView } from "@/lib/tenants/types";
import {
  TENANT_PAGE_SIZE,
  tenantsPageOptions,
  type ExplorerDataSource,
  type TenantsPage,
} from "@/lib/api-client/tenants";

export interface TenantPages {
  rowAt(rowIndex: number): TenantRow | undefined;
  /** A window failed to load (kept short: the table shows placeholders and retries on scroll). */
  error: Error | null;
  /** takenAt of every loaded window, to notice a snapshot change under the scrollbar. */
  snapshots: (string | null)[];
}

export function pageOffsetsFor(rowIndices: readonly number[]): number[] {
  const offsets = new Set<number>();
  for (const i of rowIndices) offsets.add(Math.floor(i / TENANT_PAGE_SIZE) * TENANT_PAGE_SIZE);
  return [...offsets].sort((a, b) => a - b);
}

export function useTenantPages(
  source: ExplorerDataSource,
  view: TenantView,
  rowIndices: readonly number[],
): TenantPages {
  const key = rowIndices.length ? pageOffsetsFor(rowIndices).join(",") : "";
  const offsets = useMemo(() => (key ? key.split(",").map(Number) : []), [key]);

  const combine = useCallback(
    (results: { data?: TenantsPage | undefined; error: Error | null }[]) => ({
      pages: results.map((r) => r.data),
      error: results.find((r) => r.error)?.error ?? null,
    }),
    [],
  );
  const { pages, error } = useQueries({
    queries: offsets.map((offset) => tenantsPageOptions(source, view, offset)),
    combine,
  });

  return useMemo(() => {
    const byOffset = new Map<number, TenantRow[]>();
    offsets.forEach((offset, i) => {
      const page = pages[i];
      if (page) byOffset.set(offset, page.rows);
    });
    return {
      rowAt(rowIndex) {
        const offset = Math.floor(rowIndex / TENANT_PAGE_SIZE) * TENANT_PAGE_SIZE;
        return byOffset.get(offset)?.[rowIndex - offset];
      },
      error,
      snapshots: pages.filter((p) => p !== undefined).map((p) => p.snapshot.takenAt),
    };
  }, [offsets, pages, error]);
}
