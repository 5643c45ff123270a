// Tenant Atlas's own tenant type and the shapes of the tenants API. Upstream JSON is parsed into
// `Tenant` at the boundary (lib/qlik); nothing past that boundary sees Qlik's raw shape.

export interface Tenant {
  id: string;
  name: string;
  /** One of TENANT_STATUSES; kept as string so a new upstream status is shown, not dropped. */
  status: string;
  /** Primary hostname first. */
  hostnames: string[];
  regionCode: string;
  countryCode: string;
  subscriptionId: string | null;
  licenseNumber: string | null;
  createdBy: string | null;
  /** ISO-8601 UTC date-times. */
  createdAt: string;
  updatedAt: string;
  /** ISO-8601 UTC date-time, or null; date-only upstream values are normalized to T00:00:00.000Z. */
  licenseStartsAt: string | null;
  licenseEndsAt: string | null;
  deletionStartsAt: string | null;
}

/**
 * Where a search word can be found besides the name: a hostname, the subscription's name or the
 * owner (any part of them), or the tenant id, subscription id or license number (the whole value,
 * or a prefix of at least 4 characters).
 */
export const SEARCH_MATCH_FIELDS = [
  "hostname",
  "id",
  "subscriptionId",
  "licenseNumber",
  "subscriptionName",
  "owner",
] as const;
export type SearchMatchField = (typeof SEARCH_MATCH_FIELDS)[number];

/**
 * What the team records about a tenant, joined onto it from the annotation overlay
 * (lib/annotations): its subscription's name and customer reference, and the tenant's owner, tags
 * and note. Absent values are null / [].
 */
export interface RowAnnotation {
  /** The subscription's name; null when the subscription has none (or the tenant no subscription). */
  subscriptionName: string | null;
  customerRef: string | null;
  owner: string | null;
  /** Lower-case words joined by "-", sorted, no duplicates. */
  tags: string[];
  note: string | null;
}

/**
 * A tenant as a page of a view answers it: with the team's annotations, and with where the search
 * found it, if not the name.
 */
export interface TenantRow extends Tenant, RowAnnotation {
  /**
   * With a search: the fields holding a search word that the name does not hold, in
   * SEARCH_MATCH_FIELDS order. Absent when the name holds every word, or without a search.
   */
  match?: readonly SearchMatchField[];
}

export const SORT_FIELDS = [
  "name",
  "status",
  "regionCode",
  "countryCode",
  "subscriptionId",
  "hostname",
  "id",
  "createdAt",
  "updatedAt",
  "licenseEndsAt",
  "deletionStartsAt",
  "subscriptionName",
  "owner",
] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export interface SortKey {
  field: SortField;
  desc: boolean;
}

export const GROUP_MODES = [
  "none",
  "region",
  "subscription",
  "region,subscription",
  "subscription,region",
  "owner",
  "tag",
] as const;
export type GroupMode = (typeof GROUP_MODES)[number];
/** One level of grouping. A tenant with several tags is in each of their groups (group=tag). */
export type GroupField = "region" | "subscription" | "owner" | "tag";

/**
 * Facet dimensions: the single-valued ones (one value per tenant), then `tag` (any number per
 * tenant; a tenant counts toward each of its tags, an untagged one toward "none").
 */
export const FACET_DIMENSIONS = [
  "region",
  "country",
  "subscription",
  "status",
  "owner",
  "tag",
] as const;
export type FacetDimension = (typeof FACET_DIMENSIONS)[number];

/** A parsed, validated view of the tenants: what GET /api/tenants and the export take. */
export interface TenantView {
  q: string;
  region: string[];
  country: string[];
  subscription: string[];
  status: string[];
  /** Owners, exact; "none" = tenants without an owner. */
  owner: string[];
  /** Tags; a tenant matches when it has ANY of them (OR); "none" = tenants without tags. */
  tag: string[];
  /** true: has an owner, a tag or a note; false: has none of them; null: either. */
  annotated: boolean | null;
  /** Inclusive ISO date-times (createdTo a date is taken as the end of that day). */
  createdFrom: string | null;
  createdTo: string | null;
  /** Inclusive, like createdFrom/To; a tenant without a license end is outside any range. */
  licenseEndsFrom: string | null;
  licenseEndsTo: string | null;
  /** true: has a deletionStartsAt; false: has none; null: either. */
  deletionScheduled: boolean | null;
  sort: SortKey[];
  group: GroupMode;
}

export interface FacetCount {
  value: string;
  count: number;
  /** The subscription's name, for a named subscription (absent otherwise). */
  label?: string;
}

export interface GroupSummary {
  field: GroupField;
  value: string;
  /**
   * Human label, e.g. "US East (N. Virginia) · us-east-1"; a subscription's name when it has one
   * (else its id); "No owner", "No tags", "No subscription" for the "none" groups.
   */
  label: string;
  count: number;
  /** Position in the grouped, sorted row order where this group's rows start. */
  offset: number;
  statuses: Record<string, number>;
  /** Tenants of the group whose license had ended when the snapshot was taken. */
  ended: number;
  children?: GroupSummary[];
}

export interface SyncRunSummary {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: "running" | "success" | "failed";
  tenants: number | null;
  requests: number;
  retries: number;
  rateLimited: number;
  error: string | null;
}

export interface SnapshotInfo {
  /** When the snapshot served was completed; null until the first sync succeeds. */
  takenAt: string | null;
  tenantCount: number;
  syncing: boolean;
  /** Progress of the running pass, when one runs. */
  progress: { tenantsRead: number; expected: number | null } | null;
  lastRun: SyncRunSummary | null;
  /** The last run failed: plain-words reason; the snapshot above is still served. */
  lastError: string | null;
}

/** Which snapshot an answer was computed from: answers of the same snapshot never change. */
export interface SnapshotRef {
  id: number;
  /** When the snapshot was completed (ISO 8601). */
  takenAt: string;
}

export interface TenantsResponse {
  rows: TenantRow[];
  /** Tenants matching the view. */
  total: number;
  /** Tenants in the snapshot. */
  totalAll: number;
  offset: number;
  limit: number;
  facets: Record<FacetDimension, FacetCount[]>;
  groups: GroupSummary[];
  snapshot: SnapshotRef;
}

export type ChangeKind =
  | "added"
  | "removed"
  | "status_changed"
  | "renamed"
  | "hostnames_changed"
  | "moved_subscription"
  | "moved_region";

export interface TenantChange {
  id: number;
  tenantId: string;
  tenantName: string;
  kind: ChangeKind;
  /** Previous and new value, as display strings (hostnames joined with ", "). */
  before: string | null;
  after: string | null;
  detectedAt: string;
}
