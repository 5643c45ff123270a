"use client";

// Where the CSV file comes from: a "Choose a CSV file" button (keyboard and screen readers) or a
// file dropped on the area around it.
import { FileUp } from "lucide-react";
import { useId, useRef, useState, type DragEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export function ImportFilePicker({
  onFile,
  disabled,
}: {
  onFile: (file: File) => void;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };

  return (
    <div
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="import-dropzone"
      data-over={over || undefined}
      className={cn(
        "flex flex-col items-center gap-3 rounded-lg border-2 border-dashed px-4 py-8 text-center",
        over
          ? "border-sky-600 bg-sky-50 dark:border-sky-400 dark:bg-sky-950"
          : "border-zinc-300 dark:border-zinc-700",
      )}
    >
      <FileUp aria-hidden className="size-8 text-zinc-600 dark:text-zinc-400" />
      <Button
        variant="primary"
        onClick={() => input.current?.click()}
        disabled={disabled}
        aria-describedby={hintId}
        data-testid="import-choose-file"
      >
        Choose a CSV file
      </Button>
      <p id={hintId} className="text-sm text-zinc-700 dark:text-zinc-300">
        or drop it here. UTF-8, comma- or semicolon-separated, at most 8 MB.
      </p>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        data-testid="import-file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ""; // the same file again fires a change
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
