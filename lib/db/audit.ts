import "server-only";
import { getStorage } from "./storage";
import type { AuditEntry, AuditQuery, Page, RecordAuditInput } from "./types";

// The audit log (who did what, when): exports, refreshes, share changes. A thin shortcut over
// getStorage() for the features that record there.

export type { AuditEntry, AuditQuery, RecordAuditInput } from "./types";

/** Appends one entry, e.g. recordAudit({ actor: session.email, action: "export.csv", details: { rows } }). */
export async function recordAudit(entry: RecordAuditInput): Promise<AuditEntry> {
  return (await getStorage()).recordAudit(entry);
}

/** Entries newest first; filter by action, actor and time, page with nextCursor. */
export async function listAudit(query: AuditQuery = {}): Promise<Page<AuditEntry>> {
  return (await getStorage()).listAudit(query);
}
