// What POST /api/annotations/import answers (a dry run and an applied import alike). Client-safe:
// the import page renders it.
import type { SubscriptionLabel, TenantAnnotation } from "../types";
import type { ImportColumn } from "./columns";

export interface ImportTenantChange {
  line: number;
  tenantId: string;
  /** null: the tenant had no annotation. */
  before: TenantAnnotation | null;
  /** null: nothing is left (owner, tags and note all cleared). */
  after: TenantAnnotation | null;
}

export interface ImportSubscriptionChange {
  /** The first line that names the subscription. */
  line: number;
  subscriptionId: string;
  before: SubscriptionLabel | null;
  after: SubscriptionLabel | null;
}

export interface ImportRowProblem {
  line: number;
  reason: string;
}

export interface ImportUnknownId {
  line: number;
  tenantId: string;
}

export interface ImportResult {
  dryRun: boolean;
  /** True once the changes are written (never on a dry run). */
  applied: boolean;
  /** The delimiter found in the header line. */
  delimiter: "," | ";";
  /** The columns read, and the headers of those left alone (e.g. an export's Name, Status). */
  columns: ImportColumn[];
  ignoredColumns: string[];
  /** Data rows in the file (blank lines not counted). */
  rows: number;
  /** Tenants plus subscriptions whose values change (0 when the file is already in place). */
  changed: number;
  tenantsChanged: number;
  subscriptionsChanged: number;
  /** Valid rows of known tenants that change nothing. */
  unchanged: number;
  /** The changes, by line (the first `PREVIEW_LIMIT` of each list; the counts are complete). */
  tenantChanges: ImportTenantChange[];
  subscriptionChanges: ImportSubscriptionChange[];
  /** Ids neither in the current snapshot nor annotated already: their rows are left out. */
  unknownIds: ImportUnknownId[];
  unknownCount: number;
  /** Rows that cannot be imported, with the reason. */
  invalidRows: ImportRowProblem[];
  invalidCount: number;
  /** Applied with skipInvalid=true: the invalid rows were left out. */
  skippedInvalid: boolean;
}

/** How many entries of each list the answer carries. */
export const PREVIEW_LIMIT = 500;
