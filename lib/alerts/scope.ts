import "server-only";
import {
  createTenantIndexAsync,
  NO_ANNOTATIONS,
  type AnnotationSource,
  type TenantIndex,
} from "@/lib/tenants/query";
import type { Tenant, TenantView } from "@/lib/tenants/types";
import { parseViewSearch } from "@/lib/tenants/view-codec";

// A rule's scope (a view's filters, as a share link has them) decides which tenants its trigger
// may announce. The filters are applied by the explorer's own query engine, so a scope selects
// exactly the tenants the explorer shows for the same filters, annotations (owner, tags, names)
// included. Tenants of the new snapshot are looked up in its query index (the one the app builds
// to serve it anyway) when the caller has it; the others (removed tenants, as they were) and, when
// no index is given, every candidate, in a small index over just this evaluation's candidates.

/** Which scopes each tenant is in: `matches(scope, tenantId)`. */
export interface ScopeMatches {
  matches(scope: string, tenantId: string): boolean;
  /** Scopes that could not be read (a filter retired since the rule was saved). */
  invalid: ReadonlySet<string>;
}

/** Whether a view's filters read annotations (then the current overlay must be loaded). */
export function readsAnnotations(view: TenantView): boolean {
  return (
    view.q.trim() !== "" || view.owner.length > 0 || view.tag.length > 0 || view.annotated !== null
  );
}

/**
 * Up to this many candidates, a scope is checked in a small index over the candidates (cheap to
 * build); with more, in the snapshot's serving index (reading a whole selection costs per row).
 */
export const SMALL_SCOPE_CANDIDATES = 2_000;

export async function matchScopes(input: {
  /** Per scope, the tenants its rules' triggers matched (only these are ever asked about). */
  candidates: ReadonlyMap<string, readonly Tenant[]>;
  /** The new snapshot's query index, when at hand. */
  snapshotIndex?: TenantIndex | null;
  /** The overlay's annotations; loaded only when some scope reads them. */
  annotations: () => Promise<AnnotationSource>;
  /** When the data was taken (ended licenses). */
  asOf: string;
}): Promise<ScopeMatches> {
  const views = new Map<string, TenantView>();
  const invalid = new Set<string>();
  for (const scope of input.candidates.keys()) {
    if (scope === "") continue;
    try {
      views.set(scope, parseViewSearch(scope).view);
    } catch {
      invalid.add(scope);
    }
  }
  const selected = new Map<string, Set<string>>();
  if (views.size > 0) {
    const full = input.snapshotIndex ?? null;
    const onFull = new Set<string>();
    const small = new Map<string, Tenant>();
    for (const scope of views.keys()) {
      const candidates = input.candidates.get(scope) ?? [];
      const useFull = full !== null && candidates.length > SMALL_SCOPE_CANDIDATES;
      if (useFull) onFull.add(scope);
      // A tenant the serving index does not hold (a removed one, as it was) is always in the small one.
      for (const t of candidates) if (!useFull || full.get(t.id) !== t) small.set(t.id, t);
    }
    const smallIndex =
      small.size > 0
        ? await createTenantIndexAsync([...small.values()], { cacheSize: 0, asOf: input.asOf })
        : null;
    const needAnnotations = [...views.values()].some(readsAnnotations);
    const annotations = needAnnotations ? await input.annotations() : NO_ANNOTATIONS;
    for (const [scope, view] of views) {
      const ids = new Set<string>();
      if (onFull.has(scope)) for (const t of full!.select(view, annotations)) ids.add(t.id);
      if (smallIndex) for (const t of smallIndex.select(view, annotations)) ids.add(t.id);
      selected.set(scope, ids);
    }
  }
  return {
    invalid,
    matches: (scope, tenantId) =>
      scope === "" ? true : (selected.get(scope)?.has(tenantId) ?? false),
  };
}
