"use client";

// Everything the user set on the explorer, read from and written to the URL (nuqs, shallow: the
// server page is not re-rendered on every keystroke). The view is parsed by the same schema as the
// API and the server page, so all three agree on what a URL means.
import { debounce, parseAsArrayOf, parseAsString, useQueryStates } from "nuqs";
import { useCallback, useMemo } from "react";
import type { TenantView } from "@/lib/tenants/types";
import { DEFAULT_VIEW, parseViewParams, ViewParamsError } from "@/lib/tenants/view-params";
import {
  ALL_GROUPS,
  colsParam,
  toggleGroup,
  URL_VIEW_KEYS,
  viewToUrlValues,
  visibleColumns,
  type ColumnId,
  type CollapseState,
} from "./explorer-url";

const list = parseAsArrayOf(parseAsString, ",");

const parsers = {
  ...(Object.fromEntries(URL_VIEW_KEYS.map((k) => [k, parseAsString])) as Record<
    (typeof URL_VIEW_KEYS)[number],
    typeof parseAsString
  >),
  cols: list,
  collapsed: list.withDefault([]),
  expanded: list.withDefault([]),
  tenant: parseAsString,
};

export type ViewParse = { view: TenantView; error: null } | { view: TenantView; error: string };

function parseView(
  params: Partial<Record<(typeof URL_VIEW_KEYS)[number], string | null>>,
): ViewParse {
  const input: Record<string, string> = {};
  for (const k of URL_VIEW_KEYS) {
    const v = params[k];
    if (v !== null && v !== undefined && v !== "") input[k] = v;
  }
  try {
    return { view: parseViewParams(input).view, error: null };
  } catch (error) {
    if (error instanceof ViewParamsError) return { view: DEFAULT_VIEW, error: error.message };
    throw error;
  }
}

export function useExplorerState() {
  const [params, setParams] = useQueryStates(parsers, {
    history: "replace",
    shallow: true,
    scroll: false,
  });

  const rawView = URL_VIEW_KEYS.map((k) => params[k] ?? "").join("\u0000");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- rawView is the content of params' view keys
  const parsed = useMemo(() => parseView(params), [rawView]);

  /**
   * Applies `update` to the latest view in the URL (two quick clicks both count). The state changes
   * at once; `urlDebounceMs` delays only the URL write (typing: the history API and the router's
   * re-render stay off the keystroke's critical path).
   */
  const setView = useCallback(
    (update: (view: TenantView) => TenantView, options: { urlDebounceMs?: number } = {}) => {
      void setParams(
        (latest) => viewToUrlValues(update(parseView(latest).view)),
        options.urlDebounceMs ? { limitUrlUpdates: debounce(options.urlDebounceMs) } : undefined,
      );
    },
    [setParams],
  );

  const columns = useMemo(() => visibleColumns(params.cols), [params.cols]);
  const setColumns = useCallback(
    (visible: ColumnId[]) => void setParams({ cols: colsParam(visible) }),
    [setParams],
  );

  const collapse: CollapseState = useMemo(
    () => ({ collapsed: params.collapsed, expanded: params.expanded }),
    [params.collapsed, params.expanded],
  );
  const toggle = useCallback(
    (key: string) => {
      const next = toggleGroup(collapse, key);
      void setParams({
        collapsed: next.collapsed.length ? [...next.collapsed] : null,
        expanded: next.expanded.length ? [...next.expanded] : null,
      });
    },
    [collapse, setParams],
  );
  const setAllCollapsed = useCallback(
    (collapsed: boolean) =>
      void setParams({ collapsed: collapsed ? [ALL_GROUPS] : null, expanded: null }),
    [setParams],
  );

  const openTenant = useCallback(
    (id: string | null) =>
      void setParams({ tenant: id }, { history: id === null ? "replace" : "push" }),
    [setParams],
  );

  /** Back to the default view, keeping the columns the person chose. */
  const resetView = useCallback(
    () =>
      void setParams({
        ...viewToUrlValues(DEFAULT_VIEW),
        collapsed: null,
        expanded: null,
      }),
    [setParams],
  );

  return {
    view: parsed.view,
    viewError: parsed.error,
    setView,
    resetView,
    columns,
    setColumns,
    collapse,
    toggleGroup: toggle,
    setAllCollapsed,
    tenantId: params.tenant,
    openTenant,
  };
}

export type ExplorerState = ReturnType<typeof useExplorerState>;
