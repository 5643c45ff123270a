import { z } from "zod";

// POST /api/annotations/import?dryRun=true|false&skipInvalid=true|false; the body is the CSV file.

const flag = (name: string) =>
  z.enum(["true", "false"], { error: `must be "true" or "false"` }).optional().describe(name);

export const importQuerySchema = z.strictObject({
  /** Default true: nothing is written unless dryRun=false is asked for. */
  dryRun: flag("dryRun"),
  skipInvalid: flag("skipInvalid"),
});

/** The largest CSV accepted (a full 50,000-tenant export with notes is well under it). */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;

/** Content types a CSV upload arrives with (browsers send Excel's for .csv files on Windows). */
export const CSV_CONTENT_TYPES = [
  "text/csv",
  "text/plain",
  "application/csv",
  "application/vnd.ms-excel",
  "application/octet-stream",
];
