"use client";

// /annotations/import for admins: choose (or drop) a CSV file, see what it would change (a dry run
// runs as soon as the file is chosen), then "Apply import" writes it in one transaction.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertCircle } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { IMPORT_MAX_FILE_BYTES, postAnnotationImport } from "@/lib/api-client/annotation-import";
import { ApiRequestError } from "@/lib/api-client/fetch-json";
import type { ImportResult } from "@/lib/annotations/import/types";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { ImportFilePicker } from "./import-file-picker";
import { ImportPreview, ImportSummary } from "./import-preview";

const sizeText = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** A refusal of the file itself (400, 413) in words about the file; anything else as usual. */
function ImportError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiRequestError && (error.status === 400 || error.status === 413))
    return (
      <div
        role="alert"
        data-testid="import-error"
        className="flex items-start gap-3 rounded-lg border border-rose-300 bg-rose-50 p-3 text-sm text-rose-950 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100"
      >
        <AlertCircle aria-hidden className="mt-0.5 size-4 shrink-0" />
        <div className="grid gap-1">
          <p className="font-semibold">
            {error.status === 413 ? "The file is too large" : "The file cannot be imported"}
          </p>
          <p>{error.message}</p>
        </div>
      </div>
    );
  return <ErrorState compact error={error} onRetry={onRetry} />;
}

export function ImportView() {
  const queryClient = useQueryClient();
  const skipId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);

  const preview = useMutation({
    mutationFn: (f: File) => postAnnotationImport(f, { dryRun: true }),
  });
  const apply = useMutation({
    mutationFn: (f: File) => postAnnotationImport(f, { dryRun: false, skipInvalid }),
    onSuccess: (result) => {
      toast.success(
        result.changed === 0
          ? "Imported: nothing needed to change."
          : `Imported: ${result.changed.toLocaleString("en")} changes written.`,
      );
      // Rows, facets, tags and subscription names all read the annotations.
      void queryClient.invalidateQueries();
    },
  });

  const choose = (f: File) => {
    apply.reset();
    setSkipInvalid(false);
    setFile(f);
    if (f.size > IMPORT_MAX_FILE_BYTES) {
      preview.reset();
      return;
    }
    preview.mutate(f);
  };
  const startOver = () => {
    setFile(null);
    preview.reset();
    apply.reset();
    setSkipInvalid(false);
  };

  const tooBig = file !== null && file.size > IMPORT_MAX_FILE_BYTES;
  const dryRun: ImportResult | undefined = preview.data;
  const applied: ImportResult | undefined = apply.data;
  const needsSkip = (dryRun?.invalidCount ?? 0) > 0;
  const canApply =
    file !== null &&
    dryRun !== undefined &&
    dryRun.changed > 0 &&
    (!needsSkip || skipInvalid) &&
    !apply.isPending;

  return (
    <div className="grid gap-6">
      {applied ? null : (
        <ImportFilePicker onFile={choose} disabled={preview.isPending || apply.isPending} />
      )}

      {file ? (
        <p className="text-sm" data-testid="import-file">
          File: <span className="font-medium">{file.name}</span> ({sizeText(file.size)})
        </p>
      ) : null}

      <div aria-live="polite" className="grid gap-4">
        {tooBig ? (
          <p role="alert" className="text-sm text-rose-800 dark:text-rose-300">
            This file is over 8 MB. Split it into smaller files and import them one by one.
          </p>
        ) : null}
        {preview.isPending ? (
          <p role="status" data-testid="import-checking">
            Checking the file… nothing is written yet.
          </p>
        ) : null}
        {preview.error ? (
          <ImportError
            error={preview.error}
            onRetry={file ? () => preview.mutate(file) : undefined}
          />
        ) : null}
        {apply.isPending ? (
          <p role="status" data-testid="import-applying">
            Applying the import…
          </p>
        ) : null}
        {apply.error ? (
          <ImportError error={apply.error} onRetry={file ? () => apply.mutate(file) : undefined} />
        ) : null}
      </div>

      {applied ? (
        <section
          className="grid gap-4"
          data-testid="import-result"
          aria-labelledby={`${skipId}-done`}
        >
          <h2 id={`${skipId}-done`} className="text-lg font-semibold">
            Import applied
          </h2>
          <ImportSummary result={applied} />
          <ImportPreview result={applied} />
          <div>
            <Button onClick={startOver} data-testid="import-another">
              Import another file
            </Button>
          </div>
        </section>
      ) : dryRun ? (
        <section
          className="grid gap-4"
          data-testid="import-preview"
          aria-labelledby={`${skipId}-preview`}
        >
          <h2 id={`${skipId}-preview`} className="text-lg font-semibold">
            Preview: what the import would change
          </h2>
          <ImportSummary result={dryRun} />
          <div className="flex flex-wrap items-center gap-4">
            {needsSkip ? (
              <label htmlFor={skipId} className="flex items-center gap-2 text-sm">
                <input
                  id={skipId}
                  type="checkbox"
                  checked={skipInvalid}
                  onChange={(e) => setSkipInvalid(e.target.checked)}
                  className="size-4"
                  data-testid="import-skip-invalid"
                />
                Skip the {dryRun.invalidCount === 1 ? "invalid row" : "invalid rows"} and import the
                rest
              </label>
            ) : null}
            <Button
              variant="primary"
              disabled={!canApply}
              onClick={() => file && apply.mutate(file)}
              data-testid="import-apply"
            >
              Apply import
            </Button>
            <Button variant="ghost" onClick={startOver} disabled={apply.isPending}>
              Choose another file
            </Button>
          </div>
          {dryRun.changed === 0 ? (
            <p className="text-sm text-zinc-700 dark:text-zinc-300">There is nothing to apply.</p>
          ) : needsSkip && !skipInvalid ? (
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              Fix the invalid rows below and choose the file again, or tick “Skip the invalid rows”
              to import the others.
            </p>
          ) : null}
          <ImportPreview result={dryRun} />
        </section>
      ) : null}
    </div>
  );
}
