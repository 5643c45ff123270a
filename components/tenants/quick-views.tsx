"use client";

// The explorer's quick views: "License ends within 30 / 60 / 90 days" and "Deletion scheduled",
// one menu in the view toolbar (no row of its own: the table keeps its height). Each sets plain
// view params (./quick-view-params), so the URL, an export and a share link carry it like any
// filter; while the URL matches one today, the button is filled and names it, and the menu checks
// it. Turning one on also shows the date column it is about. Admins get a way to be alerted
// about the view.
import { BellPlus, CalendarClock } from "lucide-react";
import Link from "next/link";
import type { TenantView } from "@/lib/tenants/types";
import { useNow } from "@/components/providers/now-provider";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { alertsHrefForView } from "@/components/alerts/scope-from-view";
import type { ColumnId } from "./explorer-url";
import {
  applyQuickView,
  clearQuickView,
  isQuickViewActive,
  QUICK_VIEWS,
  type QuickView,
} from "./quick-view-params";

export function QuickViews({
  view,
  onViewChange,
  columns,
  offeredColumns,
  onColumnsChange,
  showAlertLink = false,
}: {
  view: TenantView;
  onViewChange: (update: (view: TenantView) => TenantView) => void;
  /** The visible columns, and those the source offers (a share link may hide the dates). */
  columns: readonly ColumnId[];
  offeredColumns: readonly ColumnId[];
  onColumnsChange: (columns: ColumnId[]) => void;
  /** Admins: "Alert on this view…" opens /alerts with this view's filters as a new rule's scope. */
  showAlertLink?: boolean;
}) {
  const now = useNow();
  const offered = QUICK_VIEWS.filter((q) => offeredColumns.includes(q.column));
  if (offered.length === 0 && !showAlertLink) return null;
  const active = offered.filter((q) => isQuickViewActive(q, view, now));

  const toggle = (quick: QuickView, on: boolean) => {
    if (!on) {
      onViewChange((v) => clearQuickView(quick, v));
      return;
    }
    // The license ones exclude each other: the new range replaces the old.
    onViewChange((v) => applyQuickView(quick, v, now));
    if (!columns.includes(quick.column)) onColumnsChange([...columns, quick.column]);
  };

  const name = active.length
    ? `Quick views: ${active.map((q) => q.label).join(", ")}`
    : "Quick views";
  // The words show from 1440 px: below, the toolbar row keeps one line (a grouped view adds
  // "Expand all" and "Collapse all") and the button is an icon, filled while a quick view is on.
  const text = active.length
    ? `${active[0]!.label}${active.length > 1 ? ` +${active.length - 1}` : ""}`
    : "Quick views";
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          size="sm"
          variant="outline"
          aria-label={name}
          title={name}
          className={cn(
            "max-w-full min-w-0",
            active.length > 0 &&
              "border-sky-700 bg-sky-700 text-white hover:bg-sky-800 dark:border-sky-400 dark:bg-sky-700 dark:hover:bg-sky-800",
          )}
          data-testid="quick-views"
          data-active={active.map((q) => q.id).join(" ") || undefined}
        >
          <CalendarClock aria-hidden />
          <span aria-hidden className="hidden truncate min-[90rem]:inline">
            {text}
          </span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="min-w-64">
        <DropdownMenuLabel>Quick views</DropdownMenuLabel>
        {offered.map((quick) => (
          <DropdownMenuCheckboxItem
            key={quick.id}
            checked={active.includes(quick)}
            onCheckedChange={(on) => toggle(quick, on)}
            data-quick-view={quick.id}
          >
            {quick.label}
          </DropdownMenuCheckboxItem>
        ))}
        {showAlertLink ? (
          <>
            {offered.length ? <DropdownMenuSeparator /> : null}
            <DropdownMenuItem asChild>
              <Link href={alertsHrefForView(view, now)} data-testid="alert-on-view">
                <BellPlus aria-hidden className="absolute left-2 size-4" />
                Alert on this view…
              </Link>
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
