"use client";

// Every link the person may manage, one row each, with its counters, state and actions.
import { Users } from "lucide-react";
import type { ShareJson } from "@/lib/shares/types";
import { exportColumn, isExportColumnId } from "@/lib/tenants/export/columns";
import { formatCount } from "@/components/tenants/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { SENSITIVE_COLUMNS } from "./share-columns-field";
import { ShareRowActions } from "./share-row-actions";
import { ShareStatusBadge } from "./share-status-badge";

const HEADERS = [
  "Name",
  "Scope",
  "Columns",
  "Created by",
  "Created",
  "Expires",
  "Last opened",
  "Opens",
  "Exports",
  "Status",
] as const;

const columnHeader = (id: string) => (isExportColumnId(id) ? exportColumn(id).header : id);

function Columns({ columns }: { columns: readonly string[] }) {
  const sensitive = columns.filter((c) => c in SENSITIVE_COLUMNS);
  return (
    <div className="max-w-72 min-w-48">
      <p className="line-clamp-2" title={columns.map(columnHeader).join(", ")}>
        {columns.map(columnHeader).join(", ")}
      </p>
      {sensitive.length ? (
        <p className="text-xs font-medium text-amber-900 dark:text-amber-200">
          Includes sensitive: {sensitive.map(columnHeader).join(", ")}
        </p>
      ) : null}
    </div>
  );
}

export function SharesTable({
  shares,
  canNeverExpire,
}: {
  shares: readonly ShareJson[];
  canNeverExpire: boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm" data-testid="shares-table">
        <caption className="sr-only">Share links, newest first</caption>
        <thead className="bg-zinc-50 text-xs font-semibold text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
          <tr>
            {HEADERS.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 whitespace-nowrap">
                {h}
              </th>
            ))}
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
          {shares.map((s) => (
            <tr key={s.id} data-testid="share-row" data-share-id={s.id} data-status={s.status}>
              <th scope="row" className="max-w-56 px-3 py-2 text-left font-medium">
                <span className="block truncate" title={s.name} data-testid="share-name">
                  {s.name}
                </span>
                {s.access === "signed-in" ? (
                  <span className="inline-flex items-center gap-1 text-xs font-normal text-zinc-700 dark:text-zinc-300">
                    <Users aria-hidden className="size-3.5" />
                    Signed-in users only
                  </span>
                ) : null}
              </th>
              <td className="max-w-64 px-3 py-2" data-testid="share-scope-summary">
                {s.scopeSummary}
              </td>
              <td className="px-3 py-2">
                <Columns columns={s.columns} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap" title={s.createdBy}>
                {s.createdByName || s.createdBy}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <RelativeTime iso={s.createdAt} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap" data-testid="share-expires">
                {s.expiresAt ? <RelativeTime iso={s.expiresAt} /> : "Never"}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {s.lastOpenedAt ? <RelativeTime iso={s.lastOpenedAt} /> : "Not yet"}
              </td>
              <td className="px-3 py-2 tabular-nums" data-testid="share-opens">
                {formatCount(s.opens)}
              </td>
              <td className="px-3 py-2 whitespace-nowrap tabular-nums" data-testid="share-exports">
                {formatCount(s.exports)}
                {s.allowExport ? null : (
                  <span className="text-xs text-zinc-700 dark:text-zinc-300"> (export off)</span>
                )}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <ShareStatusBadge status={s.status} />
                {s.revokedAt ? (
                  <RelativeTime
                    iso={s.revokedAt}
                    className="block text-xs text-zinc-700 dark:text-zinc-300"
                  />
                ) : null}
              </td>
              <td className="px-3 py-2">
                <ShareRowActions share={s} canNeverExpire={canNeverExpire} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
