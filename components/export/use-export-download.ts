"use client";

// Runs one export: fetches the export URL, reads the body as it streams (rows and bytes so far, for
// the progress line), and saves it under the server's file name. Cancel aborts the request, which
// also stops the server's stream. Progress shows only once an export has run for a second, so a
// small export just downloads.
import { useCallback, useEffect, useRef, useState } from "react";

export type ExportPhase =
  | { phase: "idle" }
  | { phase: "running"; rows: number; bytes: number; total: number; slow: boolean }
  | { phase: "done"; rows: number; bytes: number; filename: string }
  | { phase: "cancelled" }
  | { phase: "error"; message: string };

const SLOW_AFTER_MS = 1000;
const LF = 0x0a;

/** `attachment; filename="tenants-view-….csv"` → the name (our names are quote-free ASCII). */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  const match = header ? /filename="?([A-Za-z0-9._-]+)"?/.exec(header) : null;
  return match?.[1] ?? fallback;
}

function countLineFeeds(chunk: Uint8Array): number {
  let n = 0;
  for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) n++;
  return n;
}

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not our JSON error shape
  }
  return res.status === 401
    ? "Your session has ended. Sign in again to export."
    : `The export failed (HTTP ${res.status}).`;
}

function save(blob: Blob, filename: string) {
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the blob goes.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export function useExportDownload() {
  const [state, setState] = useState<ExportPhase>({ phase: "idle" });
  const controllerRef = useRef<AbortController | null>(null);

  // Leaving the page (or unmounting the menu) stops a running export.
  useEffect(() => () => controllerRef.current?.abort(), []);

  const start = useCallback(async (url: string, expectedRows: number, format: "csv" | "json") => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    const startedAt = performance.now();
    let rows = 0;
    let bytes = 0;
    let lineFeeds = 0;
    let lastPaint = 0;
    setState({ phase: "running", rows: 0, bytes: 0, total: expectedRows, slow: false });
    const slowTimer = setTimeout(
      () => setState((s) => (s.phase === "running" ? { ...s, slow: true } : s)),
      SLOW_AFTER_MS,
    );
    try {
      const res = await fetch(url, { signal: controller.signal, credentials: "same-origin" });
      if (!res.ok || !res.body) throw new Error(await errorMessage(res));
      const total = Number(res.headers.get("X-Atlas-Export-Rows") ?? expectedRows);
      const filename = filenameFromDisposition(
        res.headers.get("Content-Disposition"),
        `tenants.${format}`,
      );
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        lineFeeds += countLineFeeds(value);
        // One line per row after the header line (CSV) or the opening bracket (JSON); a name with
        // a line break counts twice, hence the cap.
        rows = Math.min(Math.max(0, lineFeeds - 1), total);
        const now = performance.now();
        if (now - lastPaint > 100) {
          lastPaint = now;
          const slow = now - startedAt > SLOW_AFTER_MS;
          setState({ phase: "running", rows, bytes, total, slow });
        }
      }
      const type = res.headers.get("Content-Type") ?? "application/octet-stream";
      save(new Blob(chunks as BlobPart[], { type }), filename);
      setState({ phase: "done", rows: total, bytes, filename });
    } catch (error) {
      if (controller.signal.aborted) setState({ phase: "cancelled" });
      else
        setState({
          phase: "error",
          message:
            error instanceof Error && error.message
              ? error.message
              : "The export failed. Try again.",
        });
    } finally {
      clearTimeout(slowTimer);
      if (controllerRef.current === controller) controllerRef.current = null;
    }
  }, []);

  const cancel = useCallback(() => controllerRef.current?.abort(), []);
  const reset = useCallback(() => setState({ phase: "idle" }), []);

  return { state, start, cancel, reset };
}
