// Share links from the browser: query keys and options for the list (/shares), the writes behind the
// "Share view" dialog and the manage page, and the explorer data source a link reads through.
import { queryOptions } from "@tanstack/react-query";
import type { ShareAccess, ShareExpiresIn, ShareJson } from "@/lib/shares/types";
import { fetchJson } from "./fetch-json";
import type { ExplorerDataSource } from "./tenants";

export type { ShareAccess, ShareExpiresIn };

/** How long a link lives: a preset, a date-time (ISO), or never (admins only). */
export type ShareExpiry =
  { expiresIn: ShareExpiresIn } | { expiresAt: string } | { expiresIn: null };

export type CreateShareInput = {
  name: string;
  /** The explorer's query string (filters, group, sort). */
  view: string;
  columns: string[];
  access: ShareAccess;
  allowExport: boolean;
} & ShareExpiry;

export interface CreatedShare {
  share: ShareJson;
  /** `<site>/s/<token>`: the only time the token is ever sent. */
  url: string;
}

/** A PATCH: any of these; `expiresIn` or `expiresAt`, not both. */
export interface ShareUpdate {
  name?: string;
  allowExport?: boolean;
  expiresIn?: ShareExpiresIn | null;
  expiresAt?: string;
}

export const shareKeys = {
  all: ["shares"] as const,
  list: (mine: boolean) => ["shares", "list", mine ? "mine" : "all"] as const,
};

/** The links the person may manage: a viewer's own; an admin's all, or their own with `mine`. */
export function sharesListOptions(mine = false) {
  return queryOptions({
    queryKey: shareKeys.list(mine),
    queryFn: ({ signal }) =>
      fetchJson<{ shares: ShareJson[] }>(mine ? "/api/shares?mine=true" : "/api/shares", {
        signal,
      }),
  });
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export function createShare(input: CreateShareInput): Promise<CreatedShare> {
  return fetchJson<CreatedShare>("/api/shares", json("POST", input));
}

export function updateShare(id: string, patch: ShareUpdate): Promise<{ share: ShareJson }> {
  return fetchJson(`/api/shares/${encodeURIComponent(id)}`, json("PATCH", patch));
}

export function revokeShare(id: string): Promise<void> {
  return fetchJson<void>(`/api/shares/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** Where the shared page's explorer reads: the link's own API, which applies its scope and columns. */
export function shareDataSource(token: string, shareId: string): ExplorerDataSource {
  const base = `/api/s/${encodeURIComponent(token)}/tenants`;
  return { id: `share:${shareId}`, tenantsUrl: base, tenantUrl: base, syncUrl: null };
}

/** The export endpoint under a link (same parameters as /api/tenants/export). */
export const shareExportPath = (token: string) =>
  `/api/s/${encodeURIComponent(token)}/tenants/export`;
