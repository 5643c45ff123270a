// The explorer's visible column ids (components/tenants/explorer-url.ts COLUMN_IDS) → the export's
// column ids (docs/export.md). Most are the same id; a table column that shows two things exports
// both: "regionCode" shows "US East (N. Virginia) · us-east-1" (code and name), "hostname" shows the
// primary hostname and "+N" others. Ids with no export counterpart are skipped.
import { isExportColumnId, type ExportColumnId } from "@/lib/tenants/export/columns";

const EXPANSIONS: Record<string, ExportColumnId[]> = {
  regionCode: ["regionCode", "regionName"],
  hostname: ["hostname", "otherHostnames"],
};

export function exportColumnsForVisible(visible: readonly string[]): ExportColumnId[] {
  const out: ExportColumnId[] = [];
  for (const id of visible) {
    const ids = EXPANSIONS[id] ?? (isExportColumnId(id) ? [id] : []);
    for (const x of ids) if (!out.includes(x)) out.push(x);
  }
  return out;
}
