// The export as a byte stream that pulls rows from an iterator one chunk at a time: the reader's
// pace sets the pace, and at most one encoded chunk (plus the one being read) is in memory, whatever
// the number of rows.
import type { TenantRow } from "@/lib/tenants/types";
import type { ExportColumn } from "./columns";
import { rowEncoder, type ExportFormat } from "./encode";

export const UTF8_BOM = "\uFEFF";

/** Rows per chunk, and the text length after which a chunk is cut early (long names, many hosts). */
const CHUNK_ROWS = 500;
const CHUNK_CHARS = 128 * 1024;

export interface ExportResult {
  rows: number;
  bytes: number;
  /** false when the reader cancelled (closed the connection) or the source failed. */
  completed: boolean;
  error?: unknown;
}

export interface ExportStreamOptions {
  rows: Iterable<TenantRow>;
  columns: readonly ExportColumn[];
  format: ExportFormat;
  /** UTF-8 byte-order mark before CSV (Excel needs it to read UTF-8); never before JSON. */
  bom: boolean;
  chunkRows?: number;
  /** Called exactly once, when the stream ends in any way. */
  onFinish?: (result: ExportResult) => void;
}

export function createExportStream(options: ExportStreamOptions): ReadableStream<Uint8Array> {
  const { columns, format, onFinish } = options;
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  const encoder = rowEncoder(format, columns);
  const utf8 = new TextEncoder();
  let iterator: Iterator<TenantRow> | null = null;
  let rows = 0;
  let bytes = 0;
  let finished = false;

  const finish = (result: Omit<ExportResult, "rows" | "bytes">) => {
    if (finished) return;
    finished = true;
    onFinish?.({ rows, bytes, ...result });
  };

  return new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        let text = "";
        if (!iterator) {
          iterator = options.rows[Symbol.iterator]();
          text = (options.bom && format === "csv" ? UTF8_BOM : "") + encoder.head;
        }
        let done = false;
        for (let n = 0; n < chunkRows && text.length < CHUNK_CHARS; n++) {
          const next = iterator.next();
          if (next.done) {
            done = true;
            break;
          }
          text += encoder.row(next.value, rows);
          rows++;
        }
        if (done) text += encoder.tail;
        const chunk = utf8.encode(text);
        bytes += chunk.byteLength;
        if (chunk.byteLength > 0) controller.enqueue(chunk);
        if (done) {
          controller.close();
          finish({ completed: true });
        }
      } catch (error) {
        controller.error(error);
        finish({ completed: false, error });
      }
    },
    cancel() {
      iterator?.return?.();
      finish({ completed: false });
    },
  });
}
