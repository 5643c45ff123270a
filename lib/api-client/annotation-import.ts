// POST /api/annotations/import from the import page: the chosen file as the body (text/csv), a dry
// run first, then the same file applied.
import type { ImportResult } from "@/lib/annotations/import/types";
import { fetchJson } from "./fetch-json";

export const IMPORT_URL = "/api/annotations/import";
/** The server refuses bodies over this (413); the page says so before uploading. */
export const IMPORT_MAX_FILE_BYTES = 8 * 1024 * 1024;

export function postAnnotationImport(
  file: Blob,
  options: { dryRun: boolean; skipInvalid?: boolean },
): Promise<ImportResult> {
  const params = new URLSearchParams({ dryRun: String(options.dryRun) });
  if (options.skipInvalid) params.set("skipInvalid", "true");
  return fetchJson<ImportResult>(`${IMPORT_URL}?${params}`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: file,
  });
}
