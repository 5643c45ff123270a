"use client";

// The export's columns as a checkbox list in export order; checked columns can be moved up and
// down (buttons, so it works from the keyboard and with a screen reader).
import { ArrowDown, ArrowUp } from "lucide-react";
import { exportColumn, type ExportColumnId } from "@/lib/tenants/export/columns";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";

export interface ColumnChoice {
  id: ExportColumnId;
  checked: boolean;
}

const iconButton = cn(
  "inline-flex size-7 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 disabled:opacity-30 dark:text-zinc-300 dark:hover:bg-zinc-800",
  focusRing,
);
const linkButton = cn(
  "rounded text-sky-800 underline-offset-2 hover:underline dark:text-sky-300",
  focusRing,
);

function move(list: ColumnChoice[], from: number, to: number): ColumnChoice[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item) next.splice(to, 0, item);
  return next;
}

export function ColumnPicker({
  choices,
  onChange,
  locked,
}: {
  choices: ColumnChoice[];
  onChange: (next: ColumnChoice[]) => void;
  /** Columns the export always contains (the grouping fields of a grouped view). */
  locked: readonly ExportColumnId[];
}) {
  const checkedCount = choices.filter((c) => c.checked).length;
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 flex w-full items-center justify-between text-sm font-medium">
        <span>
          Columns <span className="font-normal text-zinc-500">({checkedCount} selected)</span>
        </span>
      </legend>
      <div className="mb-2 flex gap-3 text-xs">
        <button
          type="button"
          className={linkButton}
          onClick={() => onChange(choices.map((c) => ({ ...c, checked: true })))}
        >
          Select all
        </button>
        <button
          type="button"
          className={linkButton}
          onClick={() => onChange(choices.map((c) => ({ ...c, checked: false })))}
        >
          Clear
        </button>
      </div>
      <ul
        className="max-h-64 overflow-y-auto rounded-md border border-zinc-200 dark:border-zinc-800"
        data-testid="export-columns"
      >
        {choices.map((choice, i) => {
          const column = exportColumn(choice.id);
          const inputId = `export-col-${choice.id}`;
          const isLocked = locked.includes(choice.id);
          return (
            <li
              key={choice.id}
              className="flex items-center gap-2 border-b border-zinc-100 px-2 py-1 last:border-b-0 dark:border-zinc-800"
            >
              <input
                id={inputId}
                type="checkbox"
                className="size-4 accent-sky-700"
                checked={choice.checked || isLocked}
                disabled={isLocked}
                onChange={(e) =>
                  onChange(
                    choices.map((c, j) => (j === i ? { ...c, checked: e.target.checked } : c)),
                  )
                }
              />
              <label htmlFor={inputId} className="min-w-0 flex-1 truncate text-sm">
                <span data-column-header>{column.header}</span>
                {isLocked ? (
                  <span className="text-zinc-500"> (grouping, always included)</span>
                ) : null}
              </label>
              <button
                type="button"
                className={iconButton}
                aria-label={`Move ${column.header} up`}
                disabled={i === 0}
                onClick={() => onChange(move(choices, i, i - 1))}
              >
                <ArrowUp aria-hidden className="size-4" />
              </button>
              <button
                type="button"
                className={iconButton}
                aria-label={`Move ${column.header} down`}
                disabled={i === choices.length - 1}
                onClick={() => onChange(move(choices, i, i + 1))}
              >
                <ArrowDown aria-hidden className="size-4" />
              </button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
