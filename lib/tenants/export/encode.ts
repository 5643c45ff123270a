// Row encoders for the two export formats. Each turns one tenant into one piece of text; the stream
// (stream.ts) decides how many go into a chunk.
import type { TenantRow } from "@/lib/tenants/types";
import type { ExportColumn } from "./columns";
import { CSV_LIST_SEPARATOR, csvField, formatUtc, neutralizeFormula } from "./cells";

export type ExportFormat = "csv" | "json";

export interface RowEncoder {
  /** Written once before the first row. */
  head: string;
  /** Text of the row at position `index` (0-based), including its separator/line end. */
  row(tenant: TenantRow, index: number): string;
  /** Written once after the last row. */
  tail: string;
}

const CRLF = "\r\n";

function csvCell(column: ExportColumn): (t: TenantRow) => string {
  const { value } = column;
  switch (column.kind) {
    case "date":
      return (t) => {
        const v = value(t) as string | null;
        return v === null ? "" : csvField(formatUtc(v));
      };
    case "list":
      return (t) => {
        const v = value(t) as string[];
        return csvField(neutralizeFormula(v.join(CSV_LIST_SEPARATOR)));
      };
    case "text":
      return (t) => {
        const v = value(t) as string | null;
        return v === null ? "" : csvField(neutralizeFormula(v));
      };
  }
}

/** RFC 4180 with CRLF line ends and a header row; every row has one field per column. */
export function csvEncoder(columns: readonly ExportColumn[]): RowEncoder {
  const cells = columns.map(csvCell);
  // Headers are ours and never start with a trigger; quoted the same way all the same.
  const head = columns.map((c) => csvField(c.header)).join(",") + CRLF;
  return {
    head,
    row: (t) => {
      let line = "";
      for (let i = 0; i < cells.length; i++) {
        if (i > 0) line += ",";
        line += (cells[i] as (t: TenantRow) => string)(t);
      }
      return line + CRLF;
    },
    tail: "",
  };
}

/** A JSON array of objects keyed by column id, one per line; values as the tenants API gives them. */
export function jsonEncoder(columns: readonly ExportColumn[]): RowEncoder {
  const ids = columns.map((c) => c.id);
  const values = columns.map((c) => c.value);
  return {
    head: "[",
    row: (t, index) => {
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < ids.length; i++) {
        obj[ids[i] as string] = (values[i] as (t: TenantRow) => unknown)(t);
      }
      return (index === 0 ? "\n" : ",\n") + JSON.stringify(obj);
    },
    tail: "\n]\n",
  };
}

export function rowEncoder(format: ExportFormat, columns: readonly ExportColumn[]): RowEncoder {
  return format === "csv" ? csvEncoder(columns) : jsonEncoder(columns);
}
