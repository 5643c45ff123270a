// The shapes of share links as the API answers them, and the choices a link is made from.
// Client-safe (no server imports): the "Share view" dialog and the manage page import these.
import type { ExportColumnId } from "@/lib/tenants/export/columns";

export const SHARE_EXPIRY_CHOICES = ["1h", "1d", "7d", "30d"] as const;
/** A preset lifetime; `null` in the API means never (admins only). */
export type ShareExpiresIn = (typeof SHARE_EXPIRY_CHOICES)[number];
export const DEFAULT_SHARE_EXPIRY: ShareExpiresIn = "7d";
/** The furthest `expiresAt` may be, from the moment of the request. */
export const MAX_SHARE_DAYS = 90;

export const SHARE_ACCESS = ["anyone", "signed-in"] as const;
export type ShareAccess = (typeof SHARE_ACCESS)[number];

/** Revoked wins over expired. */
export type ShareStatus = "active" | "expired" | "revoked";

/** A link's id: `shr_` + 16 URL-safe characters. */
export const SHARE_ID = /^shr_[A-Za-z0-9_-]{16}$/;

/** Columns every link shows whatever was chosen. */
export const ALWAYS_SHOWN_COLUMNS = ["id", "name"] as const satisfies readonly ExportColumnId[];

/**
 * The filters of a link's view as the view params give them, only those that are set:
 * `{ "region": ["eu-central-1"], "status": ["active"], "q": "acme", "createdFrom": "2024-01-01" }`.
 */
export type ShareScope = Partial<Record<string, string | string[]>>;

/** A link as its owner and the admins see it (POST/GET/PATCH /api/shares). Never holds the token. */
export interface ShareJson {
  id: string;
  name: string;
  scope: ShareScope;
  /** e.g. "Region eu-central-1 · Status active"; "Everything" without a filter. */
  scopeSummary: string;
  /** The view as a query string: paste after `/?` to see it in the explorer. */
  view: string;
  columns: ExportColumnId[];
  access: ShareAccess;
  allowExport: boolean;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  /** null: never expires. */
  expiresAt: string | null;
  revokedAt: string | null;
  status: ShareStatus;
  lastOpenedAt: string | null;
  opens: number;
  exports: number;
}

/** What a link's visitor learns about it (GET /api/s/{token}, and the shared page). */
export interface PublicShare {
  id: string;
  name: string;
  /** The sharer's display name. */
  sharedBy: string;
  expiresAt: string | null;
  /** Only filters on columns the link shows: a hidden column's values stay hidden here too. */
  scope: ShareScope;
  scopeSummary: string;
  columns: ExportColumnId[];
  allowExport: boolean;
  /** The shared page's starting point: those filters, the grouping and the sort. */
  view: string;
  snapshot: { takenAt: string | null };
}
