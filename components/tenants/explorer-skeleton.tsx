import { Skeleton } from "@/components/ui/skeleton";
import { EXPLORER_BODY, EXPLORER_FRAME, summaryClass, TOOLBAR_ROW } from "./explorer-frame";
import { TenantTableSkeleton } from "./tenant-table-skeleton";

/** A button's shape in the toolbar (the real ones are h-8). */
const Control = ({ className }: { className: string }) => (
  <Skeleton className={`h-8 rounded-md ${className}`} />
);

function ChartSkeleton() {
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-zinc-200 p-2 dark:border-zinc-800">
      <Skeleton className="h-3 w-32" />
      <div className="grid h-[7.5rem] content-start gap-3 pt-1">
        {[0, 1, 2, 3, 4].map((i) => (
          <Skeleton key={i} className="h-3" />
        ))}
      </div>
    </div>
  );
}

/**
 * The explorer's shape while the server prepares its first answer: toolbar, view bar, summary
 * charts and table as placeholders, in the explorer's own frame, so nothing moves when it arrives.
 */
export function ExplorerSkeleton({ summaryOpen = true }: { summaryOpen?: boolean }) {
  return (
    <div
      className={EXPLORER_FRAME}
      role="status"
      aria-label="Loading the tenant explorer"
      data-testid="explorer-skeleton"
    >
      <h1 className="sr-only">Tenants</h1>
      <div className={TOOLBAR_ROW} data-testid="toolbar-skeleton">
        <Skeleton className="h-9 w-full rounded-md sm:w-64" />
        <div className="hidden sm:contents">
          <Control className="w-24" />
          <Control className="w-24" />
          <Control className="w-32" />
          <Control className="w-20" />
          <Control className="w-28" />
        </div>
        <Control className="w-24 sm:hidden" />
        <Control className="w-24 sm:hidden" />
        <Skeleton className="ml-auto h-4 w-36" />
      </div>
      <div className={TOOLBAR_ROW}>
        <Control className="hidden w-24 sm:block" />
        <Control className="w-52" />
        <Control className="hidden w-24 sm:block" />
        <Control className="w-24" />
        <Skeleton className="ml-auto h-8 w-48 rounded-md" />
      </div>
      <div
        className={summaryClass({ phone: false, wide: summaryOpen })}
        data-testid="charts-skeleton"
      >
        <div className="grid grid-cols-1 gap-2 md:grid-cols-3">
          <ChartSkeleton />
          <ChartSkeleton />
          <ChartSkeleton />
        </div>
      </div>
      <div className={EXPLORER_BODY}>
        <TenantTableSkeleton />
      </div>
    </div>
  );
}
