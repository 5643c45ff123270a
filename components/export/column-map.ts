// The explorer's visible column ids → the export's column ids (docs/export.md). An explorer column
// may stand for several export columns (a region column shows code and name; a hostnames column
// shows the primary and the others); ids with no export counterpart (selection, actions) are skipped.
import { isExportColumnId, type ExportColumnId } from "@/lib/tenants/export/columns";

const ALIASES: Record<string, ExportColumnId[]> = {
  region: ["regionCode", "regionName"],
  hostnames: ["hostname", "otherHostnames"],
  host: ["hostname"],
  primaryHostname: ["hostname"],
  country: ["countryCode"],
  subscription: ["subscriptionId"],
  license: ["licenseNumber"],
  licenseEnd: ["licenseEndsAt"],
  licenseStart: ["licenseStartsAt"],
  created: ["createdAt"],
  updated: ["updatedAt"],
  deletion: ["deletionStartsAt"],
};

export function exportColumnsForVisible(visible: readonly string[]): ExportColumnId[] {
  const out: ExportColumnId[] = [];
  for (const id of visible) {
    const ids = isExportColumnId(id) ? [id] : (ALIASES[id] ?? []);
    for (const x of ids) if (!out.includes(x)) out.push(x);
  }
  return out;
}
