// Where a row's annotations come from: the team's own words on Qlik's data (a subscription's name
// and customer reference, a tenant's owner, tags and note) live apart from the snapshot and change
// on their own (lib/annotations/overlay.ts). The query engine reads them through an
// `AnnotationSource`: a version (equal versions, equal annotations: part of every cache key and
// ETag) and the annotation of one tenant. Pure and client-safe.
import type { SubscriptionLabel, TenantAnnotation } from "@/lib/annotations/types";
import type { RowAnnotation, Tenant } from "@/lib/tenants/types";

/** The shape of lib/annotations/overlay.ts's AnnotationOverlay (that module is server-only). */
export interface OverlayLike {
  readonly version: string;
  readonly subscriptions: ReadonlyMap<string, SubscriptionLabel>;
  readonly tenants: ReadonlyMap<string, TenantAnnotation>;
}

export interface AnnotationSource {
  /** Equal versions give equal annotations for every tenant. */
  readonly version: string;
  /** The tenant's own annotation (owner, tags, note), when it has one. Read-only. */
  ownAnnotation(tenant: Tenant): TenantAnnotation | undefined;
  /** The label (name, customer reference) of the tenant's subscription, when it has one. */
  subscriptionLabel(tenant: Tenant): SubscriptionLabel | undefined;
}

/** No subscription name, no owner, no tags, no note. */
export const NO_ANNOTATION: RowAnnotation = Object.freeze({
  subscriptionName: null,
  customerRef: null,
  owner: null,
  tags: Object.freeze([]) as unknown as string[],
  note: null,
});

const none = () => undefined;

/** A source without annotations (an empty overlay). */
export const NO_ANNOTATIONS: AnnotationSource = Object.freeze({
  version: "0",
  ownAnnotation: none,
  subscriptionLabel: none,
});

export const blankToNull = (s: string | null | undefined) =>
  s == null || s.trim() === "" ? null : s;

const sources = new WeakMap<OverlayLike, AnnotationSource>();

/**
 * The source an overlay gives (one per overlay object, which is immutable per version): a tenant's
 * own annotation by its id, its subscription's label by the subscription id.
 */
export function overlaySource(overlay: OverlayLike): AnnotationSource {
  let source = sources.get(overlay);
  if (source) return source;
  const { subscriptions, tenants } = overlay;
  source = {
    version: overlay.version,
    ownAnnotation: tenants.size === 0 ? none : (tenant) => tenants.get(tenant.id),
    subscriptionLabel:
      subscriptions.size === 0
        ? none
        : (tenant) =>
            tenant.subscriptionId === null ? undefined : subscriptions.get(tenant.subscriptionId),
  };
  sources.set(overlay, source);
  return source;
}

/** A row's annotation from a tenant's own annotation and its subscription's label. */
export function rowAnnotation(
  own: TenantAnnotation | undefined,
  label: SubscriptionLabel | undefined,
): RowAnnotation {
  if (!own && !label) return NO_ANNOTATION;
  return {
    subscriptionName: blankToNull(label?.name),
    customerRef: label ? blankToNull(label.customerRef) : null,
    owner: own ? blankToNull(own.owner) : null,
    tags: own && own.tags.length > 0 ? own.tags : NO_ANNOTATION.tags,
    note: own ? blankToNull(own.note) : null,
  };
}

/** The annotation of one tenant (the query engine keeps them per version: prefer its rows). */
export function annotationOf(source: AnnotationSource, tenant: Tenant): RowAnnotation {
  return rowAnnotation(source.ownAnnotation(tenant), source.subscriptionLabel(tenant));
}

/** Whether a tenant carries any annotation of its own (owner, a tag or a note). */
export function isAnnotated(a: RowAnnotation): boolean {
  return a.owner !== null || a.tags.length > 0 || a.note !== null;
}

/** A tenant as the API answers it: its fields, then its annotations. */
export function annotatedRow(tenant: Tenant, annotation: RowAnnotation) {
  return {
    ...tenant,
    subscriptionName: annotation.subscriptionName,
    customerRef: annotation.customerRef,
    owner: annotation.owner,
    tags: annotation.tags,
    note: annotation.note,
  };
}
