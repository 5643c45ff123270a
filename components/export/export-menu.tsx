"use client";

// The explorer toolbar's Export control: a dialog to choose the rows (this view or all tenants),
// the columns (the visible ones preselected) and the format, then a download that reports progress
// and can be cancelled once it takes more than a second. Self-contained: give it the view, the
// visible column ids in order and the two counts; under a share link, also the link's export path
// and columns (the server refuses any other column anyway).
//
//   <ExportMenu view={searchParams} visibleColumns={visibleIds} counts={{ view: total, all: totalAll }} />
import { useState } from "react";
import { Progress } from "radix-ui";
import { Download } from "lucide-react";
import { EXPORT_COLUMN_IDS, type ExportColumnId } from "@/lib/tenants/export/columns";
import type { ExportFormat } from "@/lib/tenants/export/encode";
import type { ExportScope } from "@/lib/tenants/export/filename";
import { EXPORT_PATH, exportSearchParams } from "@/lib/tenants/export/url";
import type { GroupMode, TenantView } from "@/lib/tenants/types";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { ColumnPicker, type ColumnChoice } from "./column-picker";
import { exportColumnsForVisible } from "./column-map";
import { useExportDownload } from "./use-export-download";

export interface ExportMenuProps {
  /** The explorer's current view: its URL search params, or the parsed view. */
  view: URLSearchParams | TenantView;
  /** The explorer's visible column ids, in display order (unknown ids are skipped). */
  visibleColumns: readonly string[];
  counts: { view: number; all: number };
  className?: string;
  /** The export endpoint (default: the organization's, /api/tenants/export). */
  path?: string;
  /** The columns that may be exported (default: all). */
  offered?: readonly ExportColumnId[];
  /** What "all" means here: "All tenants" for the organization. */
  allLabel?: string;
}

const nf = new Intl.NumberFormat("en-US");

function groupOf(view: URLSearchParams | TenantView): GroupMode {
  const group = view instanceof URLSearchParams ? view.get("group") : view.group;
  return (group ?? "none") as GroupMode;
}

/** Columns a grouped view always exports (lib/tenants/export/columns.ts resolveExportColumns). */
function lockedColumns(group: GroupMode): ExportColumnId[] {
  const out: ExportColumnId[] = [];
  if (group.includes("region")) out.push("regionCode", "regionName");
  if (group.includes("subscription")) out.push("subscriptionId");
  return out;
}

function initialChoices(
  visible: readonly string[],
  locked: readonly ExportColumnId[],
  offered: readonly ExportColumnId[],
) {
  const preselected = exportColumnsForVisible(visible).filter((id) => offered.includes(id));
  const checked = preselected.length > 0 ? preselected : [...offered];
  const rest = offered.filter((id) => !checked.includes(id));
  return [...checked, ...rest].map((id): ColumnChoice => ({
    id,
    checked: checked.includes(id) || locked.includes(id),
  }));
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${nf.format(Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function ExportMenu({
  view,
  visibleColumns,
  counts,
  className,
  path = EXPORT_PATH,
  offered = EXPORT_COLUMN_IDS,
  allLabel = "All tenants",
}: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<ExportScope>("view");
  const [format, setFormat] = useState<ExportFormat>("csv");
  const [bom, setBom] = useState(true);
  const group = groupOf(view);
  const locked = lockedColumns(group).filter((id) => offered.includes(id));
  const [choices, setChoices] = useState<ColumnChoice[]>(() =>
    initialChoices(visibleColumns, locked, offered),
  );
  const { state, start, cancel, reset } = useExportDownload();
  const running = state.phase === "running";

  const onOpenChange = (next: boolean) => {
    if (!next && running) cancel();
    if (next) {
      // Each opening starts from what the explorer shows now.
      setChoices(initialChoices(visibleColumns, locked, offered));
      reset();
    }
    setOpen(next);
  };

  const columns = choices.filter((c) => c.checked || locked.includes(c.id)).map((c) => c.id);
  const rows = scope === "view" ? counts.view : counts.all;

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (columns.length === 0 || running) return;
    const qs = exportSearchParams(view, {
      columns,
      scope,
      format,
      bom: format === "csv" ? bom : true,
    }).toString();
    const url = qs ? `${path}?${qs}` : path;
    void start(url, rows, format);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" className={className} data-testid="export-button">
          <Download aria-hidden />
          Export
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Export tenants"
        description="A file with the rows and columns you choose, in the table's order."
        data-testid="export-dialog"
      >
        <form onSubmit={onSubmit} className="space-y-4">
          <fieldset disabled={running}>
            <legend className="mb-1 text-sm font-medium">Rows</legend>
            <div className="space-y-1 text-sm">
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="export-scope"
                  value="view"
                  className="accent-sky-700"
                  checked={scope === "view"}
                  onChange={() => setScope("view")}
                />
                This view ({nf.format(counts.view)} {counts.view === 1 ? "tenant" : "tenants"})
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="export-scope"
                  value="all"
                  className="accent-sky-700"
                  checked={scope === "all"}
                  onChange={() => setScope("all")}
                />
                {allLabel} ({nf.format(counts.all)})
              </label>
            </div>
          </fieldset>

          <fieldset disabled={running}>
            <ColumnPicker choices={choices} onChange={setChoices} locked={locked} />
          </fieldset>

          <fieldset disabled={running}>
            <legend className="mb-1 text-sm font-medium">Format</legend>
            <div className="flex flex-wrap items-center gap-4 text-sm">
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="export-format"
                  value="csv"
                  className="accent-sky-700"
                  checked={format === "csv"}
                  onChange={() => setFormat("csv")}
                />
                CSV
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="export-format"
                  value="json"
                  className="accent-sky-700"
                  checked={format === "json"}
                  onChange={() => setFormat("json")}
                />
                JSON
              </label>
              {format === "csv" ? (
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    className="size-4 accent-sky-700"
                    checked={bom}
                    onChange={(e) => setBom(e.target.checked)}
                  />
                  For Excel (UTF-8 byte-order mark)
                </label>
              ) : null}
            </div>
          </fieldset>

          <ExportStatus state={state} />

          <div className="flex justify-end gap-2">
            {running ? (
              <Button onClick={cancel}>Cancel export</Button>
            ) : (
              <DialogClose asChild>
                <Button>Close</Button>
              </DialogClose>
            )}
            <Button type="submit" variant="primary" disabled={running || columns.length === 0}>
              <Download aria-hidden />
              {running
                ? "Exporting…"
                : `Download ${nf.format(rows)} ${rows === 1 ? "row" : "rows"}`}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function ExportStatus({ state }: { state: ReturnType<typeof useExportDownload>["state"] }) {
  let content: React.ReactNode = null;
  if (state.phase === "running" && state.slow) {
    content = (
      <>
        <Progress.Root
          value={state.rows}
          max={Math.max(state.total, 1)}
          aria-label="Export progress"
          className="h-2 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        >
          <Progress.Indicator
            className="h-full bg-sky-600 transition-[width]"
            style={{ width: `${(100 * state.rows) / Math.max(state.total, 1)}%` }}
          />
        </Progress.Root>
        <p className="mt-1 text-sm" data-testid="export-progress">
          {nf.format(state.rows)} of {nf.format(state.total)} rows · {formatBytes(state.bytes)}
        </p>
      </>
    );
  } else if (state.phase === "done") {
    content = (
      <p className="text-sm text-emerald-700 dark:text-emerald-400" data-testid="export-done">
        Downloaded {state.filename} ({nf.format(state.rows)} rows, {formatBytes(state.bytes)}).
      </p>
    );
  } else if (state.phase === "cancelled") {
    content = <p className="text-sm">Export cancelled.</p>;
  }
  return (
    <div aria-live="polite" className="min-h-6">
      {content}
      {state.phase === "error" ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
