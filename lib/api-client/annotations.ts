// The team's own words on Qlik's data from the browser: subscription names (GET/PUT
// /api/subscriptions), a tenant's owner, tags and note (GET/PATCH /api/tenants/{id}/annotations),
// bulk changes (POST /api/tenants/annotations) and the known tags for autocomplete (GET /api/tags).
import { queryOptions } from "@tanstack/react-query";
import type { TenantAnnotation } from "@/lib/annotations/types";
import { fetchJson } from "./fetch-json";

export interface SubscriptionSummary {
  id: string;
  /** null: not named (the id is shown). */
  name: string | null;
  customerRef: string | null;
  /** Tenants of the current snapshot in it. */
  tenants: number;
}

export interface TagCount {
  tag: string;
  /** Tenants carrying it. */
  tenants: number;
}

/** A bulk change: the selected tenants, or every tenant of a view (its query string). */
export type BulkTarget = { ids: string[] } | { view: string };

export interface BulkChange {
  addTags?: string[];
  removeTags?: string[];
  /** null clears the owner. */
  owner?: string | null;
}

export interface BulkResult {
  /** Tenants the target matched, and those whose annotations actually changed. */
  matched: number;
  changed: number;
}

/** A PATCH: any of these; null clears (tags: [] clears). */
export type AnnotationPatch = Partial<{
  owner: string | null;
  tags: string[];
  note: string | null;
}>;

export const annotationKeys = {
  all: ["annotations"] as const,
  subscriptions: ["annotations", "subscriptions"] as const,
  tags: ["annotations", "tags"] as const,
  tenant: (id: string) => ["annotations", "tenant", id] as const,
};

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const EMPTY: TenantAnnotation = { owner: null, tags: [], note: null };

/** The annotation in an answer, whether it comes bare or as `{ annotation }`. */
function annotationOf(body: unknown): TenantAnnotation {
  const raw = (
    body && typeof body === "object" && "annotation" in body
      ? (body as { annotation: unknown }).annotation
      : body
  ) as Partial<TenantAnnotation> | null;
  if (!raw) return EMPTY;
  return {
    owner: raw.owner ?? null,
    tags: Array.isArray(raw.tags) ? raw.tags : [],
    note: raw.note ?? null,
  };
}

export function subscriptionsOptions() {
  return queryOptions({
    queryKey: annotationKeys.subscriptions,
    queryFn: async ({ signal }) =>
      (await fetchJson<{ subscriptions: SubscriptionSummary[] }>("/api/subscriptions", { signal }))
        .subscriptions,
  });
}

export function tagsOptions() {
  return queryOptions({
    queryKey: annotationKeys.tags,
    queryFn: async ({ signal }) =>
      (await fetchJson<{ tags: TagCount[] }>("/api/tags", { signal })).tags,
  });
}

export function tenantAnnotationOptions(id: string) {
  return queryOptions({
    queryKey: annotationKeys.tenant(id),
    queryFn: async ({ signal }) =>
      annotationOf(
        await fetchJson<unknown>(`/api/tenants/${encodeURIComponent(id)}/annotations`, { signal }),
      ),
  });
}

export function saveSubscriptionLabel(
  id: string,
  label: { name: string | null; customerRef: string | null },
): Promise<unknown> {
  return fetchJson(`/api/subscriptions/${encodeURIComponent(id)}`, json("PUT", label));
}

export async function patchTenantAnnotation(
  id: string,
  patch: AnnotationPatch,
): Promise<TenantAnnotation> {
  return annotationOf(
    await fetchJson<unknown>(
      `/api/tenants/${encodeURIComponent(id)}/annotations`,
      json("PATCH", patch),
    ),
  );
}

export function bulkAnnotate(target: BulkTarget, change: BulkChange): Promise<BulkResult> {
  return fetchJson<BulkResult>("/api/tenants/annotations", json("POST", { ...target, ...change }));
}
