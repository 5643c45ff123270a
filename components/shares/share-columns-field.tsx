"use client";

// The columns a link shows: every export column as a checkbox, `id` and `name` always on, and the
// ones that say more than a colleague usually needs marked as sensitive (in words, not colour).
import { ShieldAlert } from "lucide-react";
import { useId } from "react";
import { ALWAYS_SHOWN_COLUMNS } from "@/lib/shares/types";
import { EXPORT_COLUMN_IDS, exportColumn, type ExportColumnId } from "@/lib/tenants/export/columns";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";

export const ALWAYS_SHARED: readonly ExportColumnId[] = ALWAYS_SHOWN_COLUMNS;

export const SENSITIVE_COLUMNS: Partial<Record<ExportColumnId, string>> = {
  licenseNumber: "identifies the customer's contract",
  createdBy: "a person's user id",
};

const linkButton = cn(
  "rounded text-sky-800 underline-offset-2 hover:underline dark:text-sky-300",
  focusRing,
);

export function ShareColumnsField({
  selected,
  onChange,
}: {
  selected: readonly ExportColumnId[];
  onChange: (next: ExportColumnId[]) => void;
}) {
  const id = useId();
  const count = EXPORT_COLUMN_IDS.filter(
    (c) => selected.includes(c) || ALWAYS_SHARED.includes(c),
  ).length;
  const set = (column: ExportColumnId, on: boolean) =>
    onChange(EXPORT_COLUMN_IDS.filter((c) => (c === column ? on : selected.includes(c))));

  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 text-sm font-medium">
        Columns the link shows{" "}
        <span className="font-normal text-zinc-700 dark:text-zinc-300">({count} selected)</span>
      </legend>
      <div className="mb-2 flex gap-3 text-xs">
        <button
          type="button"
          className={linkButton}
          onClick={() => onChange([...EXPORT_COLUMN_IDS])}
        >
          Select all
        </button>
        <button type="button" className={linkButton} onClick={() => onChange([...ALWAYS_SHARED])}>
          Only name and ID
        </button>
      </div>
      <ul
        className="max-h-56 overflow-y-auto rounded-md border border-zinc-200 dark:border-zinc-800"
        data-testid="share-columns"
      >
        {EXPORT_COLUMN_IDS.map((column) => {
          const inputId = `${id}-${column}`;
          const locked = ALWAYS_SHARED.includes(column);
          const sensitive = SENSITIVE_COLUMNS[column];
          return (
            <li
              key={column}
              className="flex items-center gap-2 border-b border-zinc-100 px-2 py-1.5 last:border-b-0 dark:border-zinc-800"
            >
              <input
                id={inputId}
                type="checkbox"
                className="size-4 accent-sky-700"
                value={column}
                checked={locked || selected.includes(column)}
                disabled={locked}
                onChange={(e) => set(column, e.target.checked)}
                aria-describedby={sensitive ? `${inputId}-why` : undefined}
              />
              <label htmlFor={inputId} className="min-w-0 flex-1 text-sm">
                {exportColumn(column).header}
                {locked ? (
                  <span className="text-zinc-700 dark:text-zinc-300"> (always included)</span>
                ) : null}
              </label>
              {sensitive ? (
                <span
                  id={`${inputId}-why`}
                  title={`Sensitive: ${sensitive}`}
                  className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200"
                  data-sensitive
                >
                  <ShieldAlert aria-hidden className="size-3.5" />
                  Sensitive<span className="sr-only">: {sensitive}</span>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
