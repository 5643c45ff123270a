// One export, from a parsed request to the response parts: which tenants (the view, or every
// tenant in the view's order), which columns, the stream, the file name and the headers. The route
// adds the guard and the audit record; tests and the bench call this directly.
import type { AnnotationSource, TenantIndex } from "@/lib/tenants/query";
import type { TenantView } from "@/lib/tenants/types";
import { DEFAULT_VIEW } from "@/lib/tenants/view-codec";
import { EXPORT_VERSION, resolveExportColumns, type ExportColumn } from "./columns";
import { attachmentDisposition, exportFilename } from "./filename";
import type { ExportQuery } from "./params";
import { createExportStream, type ExportResult } from "./stream";

export interface PreparedExport {
  /** The view whose rows are written: the request's, or with scope=all its order without filters. */
  view: TenantView;
  columns: ExportColumn[];
  /** Rows the file will have. */
  total: number;
  filename: string;
  headers: Headers;
  stream: ReadableStream<Uint8Array>;
}

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8; header=present",
  json: "application/json; charset=utf-8",
} as const;

/** scope=all: every tenant, still in the view's sort (and grouping) order. */
export function exportedView(query: Pick<ExportQuery, "view" | "scope">): TenantView {
  if (query.scope === "view") return query.view;
  return { ...DEFAULT_VIEW, sort: query.view.sort, group: query.view.group };
}

export function createExport(
  index: TenantIndex,
  query: ExportQuery,
  options: {
    now?: Date;
    snapshotTakenAt?: string | null;
    chunkRows?: number;
    onFinish?: (result: ExportResult) => void;
    /** Joined onto every row (subscription name, owner, tags, note); default: none. */
    annotations?: AnnotationSource;
  } = {},
): PreparedExport {
  const view = exportedView(query);
  const columns = resolveExportColumns(query.columns, view.group);
  const selection = index.select(view, options.annotations);
  const filename = exportFilename(query.scope, query.view, query.format, options.now);
  const headers = new Headers({
    "Content-Type": CONTENT_TYPES[query.format],
    "Content-Disposition": attachmentDisposition(filename),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Atlas-Export-Version": String(EXPORT_VERSION),
    "X-Atlas-Export-Rows": String(selection.total),
    "X-Atlas-Export-Columns": columns.map((c) => c.id).join(","),
  });
  if (options.snapshotTakenAt) headers.set("X-Atlas-Snapshot-Taken-At", options.snapshotTakenAt);
  const stream = createExportStream({
    rows: selection,
    columns,
    format: query.format,
    bom: query.bom,
    chunkRows: options.chunkRows,
    onFinish: options.onFinish,
  });
  return { view, columns, total: selection.total, filename, headers, stream };
}
