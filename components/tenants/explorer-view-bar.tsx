"use client";

// The explorer's second toolbar row: how the rows are shown (summary, grouping, collapse, columns),
// what can be done with them (export, share) and, at the end, how fresh the data is.
import { ChevronsDownUp, ChevronsUpDown } from "lucide-react";
import type { ReactNode } from "react";
import type { GroupMode, TenantView } from "@/lib/tenants/types";
import { ExportMenu } from "@/components/export/export-menu";
import { ShareViewButton } from "@/components/shares/share-view-button";
import { Button } from "@/components/ui/button";
import { offeredGroups, type ExplorerFields } from "./explorer-fields";
import { TOOLBAR_ROW } from "./explorer-frame";
import type { ColumnId } from "./explorer-url";
import { GroupSelect } from "./group-select";
import { ViewOptions } from "./view-options";

export function ExplorerViewBar({
  group,
  grouped,
  onGroupChange,
  onCollapseAll,
  columns,
  onColumnsChange,
  fields,
  exportMenu,
  share,
  freshness,
  summaryToggle,
  quickViews,
  filters,
}: {
  group: GroupMode;
  /** The rows on screen are grouped (the data may lag the URL's `group`). */
  grouped: boolean;
  onGroupChange: (group: GroupMode) => void;
  onCollapseAll: (collapsed: boolean) => void;
  columns: readonly ColumnId[];
  onColumnsChange: (columns: ColumnId[]) => void;
  fields: ExplorerFields;
  /** null: no export here. `path` undefined: the organization's export. */
  exportMenu: {
    path: string | undefined;
    view: TenantView;
    counts: { view: number; all: number };
    allLabel: string | undefined;
  } | null;
  /** null: no "Share view" here. */
  share: { canNeverExpire: boolean; view: TenantView; tenantCount: number | null } | null;
  freshness: ReactNode;
  /** Shows or hides the summary charts. */
  summaryToggle?: ReactNode;
  /** The quick views menu (./quick-views). */
  quickViews?: ReactNode;
  /** Wider screens: the filters that do not fit the search row ("Owner & tags"). */
  filters?: ReactNode;
}) {
  return (
    <div className={TOOLBAR_ROW}>
      {summaryToggle}
      {quickViews}
      {filters ? <div className="hidden sm:contents">{filters}</div> : null}
      <GroupSelect value={group} options={offeredGroups(fields)} onChange={onGroupChange} />
      {grouped ? (
        <>
          {/* Icons alone below 2xl, so the row stays one line at 1280 px when grouped. */}
          <Button
            variant="ghost"
            size="sm"
            onClick={() => onCollapseAll(false)}
            title="Expand all"
            data-testid="expand-all"
          >
            <ChevronsUpDown aria-hidden />
            <span className="sr-only 2xl:not-sr-only">Expand all</span>
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => onCollapseAll(true)}
            title="Collapse all"
            data-testid="collapse-all"
          >
            <ChevronsDownUp aria-hidden />
            <span className="sr-only 2xl:not-sr-only">Collapse all</span>
          </Button>
        </>
      ) : null}
      {/* A phone shows cards, not columns. */}
      <div className="hidden sm:contents">
        <ViewOptions
          columns={columns}
          onChange={onColumnsChange}
          offered={fields.columns}
          defaults={fields.defaultColumns}
        />
      </div>
      {exportMenu ? (
        <ExportMenu
          view={exportMenu.view}
          visibleColumns={columns}
          counts={exportMenu.counts}
          path={exportMenu.path}
          offered={fields.details}
          allLabel={exportMenu.allLabel}
        />
      ) : null}
      {share ? (
        <ShareViewButton
          view={share.view}
          visibleColumns={columns}
          tenantCount={share.tenantCount}
          canNeverExpire={share.canNeverExpire}
        />
      ) : null}
      {/* Last, taking what room is left: its text shortens before the row would wrap. */}
      {freshness ? (
        <div className="ml-auto flex min-w-0 flex-[1_1_12rem] justify-end">{freshness}</div>
      ) : null}
    </div>
  );
}
