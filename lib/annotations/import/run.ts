import "server-only";
import { badRequest } from "@/lib/api/errors";
import { getSnapshot } from "@/lib/tenants/snapshot";
import { currentOverlay } from "../overlay";
import { updateAnnotations } from "../write";
import { CsvFileError, decodeCsv, parseCsv } from "./parse";
import { planImport, type ImportContext } from "./plan";
import { PREVIEW_LIMIT, type ImportResult } from "./types";

// POST /api/annotations/import: a dry run answers what the file would change; applying writes it
// in one transaction (audited: one entry per change and one for the import). The same file twice
// changes nothing the second time: only values that differ from the stored ones are written.

export interface ImportOptions {
  dryRun: boolean;
  /** Apply the valid rows even though some rows are invalid. */
  skipInvalid: boolean;
  actor: string;
}

export async function importAnnotations(
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportResult> {
  let table;
  try {
    table = parseCsv(decodeCsv(bytes));
  } catch (error) {
    if (error instanceof CsvFileError) throw badRequest(error.message);
    throw error;
  }
  const [snapshot, overlay] = await Promise.all([getSnapshot(), currentOverlay()]);
  const subscriptions = new Set<string>();
  for (const t of snapshot.tenants) if (t.subscriptionId) subscriptions.add(t.subscriptionId);
  const context: ImportContext = {
    subscriptionOf: (id) => {
      const tenant = snapshot.index.get(id);
      return tenant ? tenant.subscriptionId : undefined;
    },
    isAnnotated: (id) => overlay.tenants.has(id),
    isKnownSubscription: (id) => subscriptions.has(id) || overlay.subscriptions.has(id),
    label: (id) => overlay.subscriptions.get(id),
  };
  let plan;
  try {
    plan = planImport(table, context);
  } catch (error) {
    if (error instanceof CsvFileError) throw badRequest(error.message);
    throw error;
  }

  const invalidCount = plan.invalidRows.length;
  if (!options.dryRun && invalidCount > 0 && !options.skipInvalid) {
    const first = plan.invalidRows[0]!;
    throw badRequest(
      `${invalidCount === 1 ? "1 row is" : `${invalidCount} rows are`} invalid (line ${first.line}: ${first.reason}) Nothing was imported. Fix the file, or apply with skipInvalid=true to import the other rows.`,
    );
  }

  const result = await updateAnnotations({
    actor: options.actor,
    source: "import",
    dryRun: options.dryRun,
    tenants: plan.tenants.map(({ line: _line, ...patch }) => patch),
    subscriptions: plan.subscriptions.map(({ line: _line, ...patch }) => patch),
    summary: {
      action: "annotations.import",
      details: {
        rows: plan.rows,
        bytes: bytes.byteLength,
        columns: plan.columns,
        unknownIds: plan.unknownIds.length,
        invalidRows: invalidCount,
        skippedInvalid: invalidCount > 0,
      },
    },
  });

  const tenantLine = new Map(plan.tenants.map((p) => [p.tenantId, p.line]));
  const subscriptionLine = new Map(plan.subscriptions.map((p) => [p.subscriptionId, p.line]));
  const tenantChanges = result.tenants
    .map((c) => ({ line: tenantLine.get(c.id)!, tenantId: c.id, before: c.before, after: c.after }))
    .sort((a, b) => a.line - b.line);
  const subscriptionChanges = result.subscriptions
    .map((c) => ({
      line: subscriptionLine.get(c.id)!,
      subscriptionId: c.id,
      before: c.before,
      after: c.after,
    }))
    .sort((a, b) => a.line - b.line);

  return {
    dryRun: options.dryRun,
    applied: !options.dryRun,
    delimiter: table.delimiter,
    columns: plan.columns,
    ignoredColumns: plan.ignoredColumns,
    rows: plan.rows,
    changed: tenantChanges.length + subscriptionChanges.length,
    tenantsChanged: tenantChanges.length,
    subscriptionsChanged: subscriptionChanges.length,
    unchanged: plan.tenants.length - tenantChanges.length,
    tenantChanges: tenantChanges.slice(0, PREVIEW_LIMIT),
    subscriptionChanges: subscriptionChanges.slice(0, PREVIEW_LIMIT),
    unknownIds: plan.unknownIds.slice(0, PREVIEW_LIMIT),
    unknownCount: plan.unknownIds.length,
    invalidRows: plan.invalidRows.slice(0, PREVIEW_LIMIT),
    invalidCount,
    skippedInvalid: !options.dryRun && invalidCount > 0,
  };
}
