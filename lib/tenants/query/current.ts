import "server-only";
import { badRequest } from "@/lib/api/errors";
import { currentOverlay } from "@/lib/annotations/overlay";
import { getSnapshot } from "@/lib/tenants/snapshot";
import type { TenantView } from "@/lib/tenants/types";
import {
  parseViewParams,
  parseViewSearch,
  ViewParamsError,
  type ViewQuery,
} from "@/lib/tenants/view-codec";
import { unknownViewValue } from "@/lib/tenants/view-values";
import { overlaySource, type AnnotationSource } from "./annotations";
import type { TenantIndex } from "./tenant-index";

// The views of the current snapshot with the current annotations, for server code that needs a
// view's tenants rather than a page of them: the bulk annotation endpoint (a view's tenants) and
// alert rule scopes (a rule's view). Every read answers from the snapshot's index joined with the
// annotation overlay of this moment.

/** The annotations every read joins onto the snapshot right now (lib/annotations/overlay.ts). */
export async function currentAnnotations(): Promise<AnnotationSource> {
  return overlaySource(await currentOverlay());
}

export interface TenantIdsForViewOptions {
  /** The index to read (default: the current snapshot's, waiting for the first sync like the API). */
  index?: TenantIndex;
  /** The annotations to join (default: the current overlay). */
  annotations?: AnnotationSource;
}

/**
 * The ids of the tenants a view selects (its filters and search; `sort` and `group` only order
 * them, each id once; `offset` and `limit` are accepted and ignored), in the view's row order.
 * `params`: a query string (with or without "?") or URLSearchParams, as GET /api/tenants takes.
 * A parameter that is unknown or has a bad value throws ApiError 400 with the same message
 * GET /api/tenants gives; before the first sync, ApiError 503 like every read of the snapshot.
 */
export async function tenantIdsForView(
  params: URLSearchParams | string,
  options: TenantIdsForViewOptions = {},
): Promise<string[]> {
  const { view } = viewOf(params);
  const index = options.index ?? (await getSnapshot()).index;
  const unknown = unknownViewValue(view, index.facetValues());
  if (unknown) throw badRequest(unknown.message);
  const annotations = options.annotations ?? (await currentAnnotations());
  return idsOf(index, view, annotations);
}

function idsOf(index: TenantIndex, view: TenantView, annotations: AnnotationSource): string[] {
  const selection = index.select(view, annotations);
  const ids: string[] = new Array(selection.total);
  let k = 0;
  for (const row of selection) ids[k++] = row.id;
  return ids;
}

function viewOf(params: URLSearchParams | string): Readonly<ViewQuery> {
  try {
    return typeof params === "string" ? parseViewSearch(params) : parseViewParams(params);
  } catch (error) {
    throw error instanceof ViewParamsError ? badRequest(error.message) : error;
  }
}
