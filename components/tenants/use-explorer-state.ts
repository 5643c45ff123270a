"use client";

// Everything the user set on the explorer, read from and written to the URL (nuqs, shallow: the
// server page is not re-rendered on every keystroke). The view is parsed by the same schema as the
// API and the server page, so all three agree on what a URL means; what a link has that cannot be
// used is left out and reported (parseViewLeniently), never an error for the whole view.
import {
  debounce,
  parseAsArrayOf,
  parseAsNativeArrayOf,
  parseAsString,
  useQueryStates,
} from "nuqs";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { TenantView } from "@/lib/tenants/types";
import { DEFAULT_VIEW } from "@/lib/tenants/view-codec";
import type { REPEATED_URL_KEYS } from "./explorer-url";
import {
  ALL_GROUPS,
  colsParam,
  parseViewLeniently,
  toggleGroup,
  URL_VIEW_KEYS,
  viewToUrlValues,
  visibleColumns,
  withoutIgnored,
  type ColumnChoice,
  type ColumnId,
  type CollapseState,
  type IgnoredParam,
  type UrlViewKey,
} from "./explorer-url";

const list = parseAsArrayOf(parseAsString, ",");

const parsers = {
  ...(Object.fromEntries(URL_VIEW_KEYS.map((k) => [k, parseAsString])) as Record<
    Exclude<UrlViewKey, (typeof REPEATED_URL_KEYS)[number]>,
    typeof parseAsString
  >),
  // Repeated (`owner=a&owner=b`), never comma-joined.
  owner: parseAsNativeArrayOf(parseAsString),
  cols: list,
  collapsed: list.withDefault([]),
  expanded: list.withDefault([]),
  tenant: parseAsString,
};

const NOTHING_IGNORED: readonly IgnoredParam[] = [];

/** In the order of the URL's parameters, whichever check found them. */
const inParamOrder = (items: IgnoredParam[]) =>
  items.sort((a, b) => URL_VIEW_KEYS.indexOf(a.param) - URL_VIEW_KEYS.indexOf(b.param));

/**
 * `columnChoice`: the columns the data source offers and shows by default (default: all).
 * `ignoredValues`: values of the URL the server found unusable (a status no tenant has); they are
 * left out of the view like the values the codec itself cannot read.
 */
export function useExplorerState(
  columnChoice?: ColumnChoice,
  ignoredValues: readonly IgnoredParam[] = NOTHING_IGNORED,
) {
  const [params, setParams] = useQueryStates(parsers, {
    history: "replace",
    shallow: true,
    scroll: false,
  });

  const rawView = JSON.stringify(URL_VIEW_KEYS.map((k) => params[k] ?? ""));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- rawView is the content of params' view keys
  const parsed = useMemo(() => parseViewLeniently(params), [rawView]);
  const view = useMemo(
    () => withoutIgnored(parsed.view, ignoredValues),
    [parsed.view, ignoredValues],
  );

  // A link with unusable parts: say what was left out (kept until dismissed) and put the usable
  // view in the URL, so a copied link is clean.
  const [notice, setNotice] = useState<readonly IgnoredParam[]>(() =>
    inParamOrder([...ignoredValues, ...parsed.ignored]),
  );
  // A later URL with unusable parts (Back to an old link) adds to the notice.
  const [noticed, setNoticed] = useState(parsed.ignored);
  if (parsed.ignored !== noticed) {
    setNoticed(parsed.ignored);
    const seen = new Set(notice.map((i) => `${i.param}\u0000${i.value}`));
    const fresh = parsed.ignored.filter((i) => !seen.has(`${i.param}\u0000${i.value}`));
    if (fresh.length) setNotice(inParamOrder([...notice, ...fresh]));
  }
  const dropped = parsed.ignored.length > 0 || view !== parsed.view;
  useEffect(() => {
    if (dropped) void setParams(viewToUrlValues(view));
  }, [dropped, view, setParams]);
  const dismissNotice = useCallback(() => setNotice(NOTHING_IGNORED), []);

  /**
   * Applies `update` to the latest view in the URL (two quick clicks both count). The state changes
   * at once; `urlDebounceMs` delays only the URL write (typing: the history API and the router's
   * re-render stay off the keystroke's critical path).
   */
  const setView = useCallback(
    (update: (view: TenantView) => TenantView, options: { urlDebounceMs?: number } = {}) => {
      void setParams(
        (latest) =>
          viewToUrlValues(update(withoutIgnored(parseViewLeniently(latest).view, ignoredValues))),
        options.urlDebounceMs ? { limitUrlUpdates: debounce(options.urlDebounceMs) } : undefined,
      );
    },
    [setParams, ignoredValues],
  );

  const columns = useMemo(
    () => visibleColumns(params.cols, columnChoice),
    [params.cols, columnChoice],
  );
  const defaults = columnChoice?.defaults;
  const setColumns = useCallback(
    (visible: ColumnId[]) => void setParams({ cols: colsParam(visible, defaults) }),
    [setParams, defaults],
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
    view,
    /** What the link had that could not be used (shown until dismissed). */
    ignored: notice,
    dismissIgnored: dismissNotice,
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
