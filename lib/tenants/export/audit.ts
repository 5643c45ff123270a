import "server-only";
import { getStorage } from "@/lib/db/storage";
import { log } from "@/lib/log";
import type { UserPrincipal } from "@/lib/auth/principal";
import { viewKey } from "@/lib/tenants/view-codec";
import type { PreparedExport } from "./create-export";
import type { ExportQuery } from "./params";
import type { ExportResult } from "./stream";

// Every export leaves one audit entry (who, when, which view, how many rows), written
// when the stream ends: finished, cancelled by the reader, or failed. A failed audit write is
// logged; the download it describes has already been sent.

export interface ExportAuditDetails {
  scope: ExportQuery["scope"];
  format: ExportQuery["format"];
  /** The view as canonical query string (`viewToSearchParams`): paste after `/?` to see it. */
  view: string;
  columns: string[];
  /** Rows written, and rows the export had. */
  rows: number;
  total: number;
  bytes: number;
  completed: boolean;
  filename: string;
  snapshotId: string | number | null;
}

export function exportAuditAction(format: ExportQuery["format"]): string {
  return `export.${format}`;
}

export async function recordExport(
  actor: UserPrincipal,
  query: ExportQuery,
  prepared: Pick<PreparedExport, "columns" | "total" | "filename">,
  result: ExportResult,
  snapshotId: string | number | null,
): Promise<void> {
  const details: ExportAuditDetails = {
    scope: query.scope,
    format: query.format,
    view: viewKey(query.view),
    columns: prepared.columns.map((c) => c.id),
    rows: result.rows,
    total: prepared.total,
    bytes: result.bytes,
    completed: result.completed,
    filename: prepared.filename,
    snapshotId,
  };
  try {
    const storage = await getStorage();
    await storage.recordAudit({
      actor: actor.email,
      action: exportAuditAction(query.format),
      details: { ...details },
    });
  } catch (err) {
    log("export").error({ err, details }, "could not record the export in the audit log");
  }
  if (result.error) log("export").error({ err: result.error, details }, "export stream failed");
}
