// Reading an uploaded CSV file: UTF-8 (a byte order mark is fine), "," or ";" as the delimiter
// (Excel writes ";" in locales whose decimal separator is ","), detected from the header line,
// RFC 4180 quoting (cells may span lines), and each record's line number in the file for messages.
import { CsvError, parse } from "csv-parse/sync";

/** The file cannot be read at all (not UTF-8, broken quoting, no header, too many rows): a 400. */
export class CsvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvFileError";
  }
}

export type CsvDelimiter = "," | ";";

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: CsvDelimiter;
  header: string[];
  rows: CsvRecord[];
}

/** More data rows than this are refused (the largest organizations have ~50,000 tenants). */
export const MAX_IMPORT_ROWS = 200_000;

/** The bytes as UTF-8 text (a leading byte order mark dropped); CsvFileError when not UTF-8. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CsvFileError(
      'The file is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)".',
    );
  }
}

/** ";" when the header line has more semicolons than commas outside quotes, else ",". */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === "\n" || c === "\r") {
      if (commas + semicolons > 0) break; // the first line with a delimiter is the header
    } else if (c === ",") commas++;
    else if (c === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

const countNewlines = (cells: readonly string[]) => {
  let n = 0;
  for (const cell of cells)
    for (let i = cell.indexOf("\n"); i !== -1; i = cell.indexOf("\n", i + 1)) n++;
  return n;
};

/** The header and the data records of a CSV text; blank lines (and rows of empty cells) skipped. */
export function parseCsv(text: string): CsvTable {
  // One line end everywhere: cells spanning lines keep "\n", and line numbers count right.
  const normalized = text.replace(/\r\n?/g, "\n");
  const delimiter = detectDelimiter(normalized);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(normalized, {
      delimiter,
      bom: true,
      record_delimiter: "\n",
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError)
      throw new CsvFileError(`The file is not valid CSV: ${error.message}`);
    throw error;
  }
  const [first, ...rest] = records;
  if (!first) throw new CsvFileError("The file is empty: it needs a header row and data rows.");
  if (rest.length > MAX_IMPORT_ROWS)
    throw new CsvFileError(
      `The file has ${rest.length.toLocaleString("en")} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString("en")} at a time.`,
    );
  return {
    delimiter,
    header: first.record,
    rows: rest.map(({ record, info }) => ({
      line: info.lines - countNewlines(record),
      cells: record,
    })),
  };
}
