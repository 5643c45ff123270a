import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder rows (cards on a phone) while the first window loads. */
export function TenantTableSkeleton() {
  return (
    <div
      aria-busy="true"
      aria-label="Loading tenants"
      role="status"
      className="min-h-0 flex-1 overflow-hidden sm:rounded-lg sm:border sm:border-zinc-200 sm:dark:border-zinc-800"
      data-testid="tenant-grid-skeleton"
    >
      <div className="hidden sm:block">
        <div className="h-9 border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900" />
        {Array.from({ length: 14 }, (_, i) => (
          <div
            key={i}
            className="flex h-9 items-center gap-6 border-b border-zinc-100 px-2 dark:border-zinc-900"
          >
            <Skeleton className="h-3 w-56" />
            <Skeleton className="h-3 w-16" />
            <Skeleton className="h-3 w-48" />
            <Skeleton className="h-3 w-32" />
            <Skeleton className="h-3 w-56" />
          </div>
        ))}
      </div>
      <div className="grid gap-2 sm:hidden">
        {Array.from({ length: 6 }, (_, i) => (
          <div
            key={i}
            className="grid h-[100px] content-center gap-2.5 rounded-lg border border-zinc-200 px-3 dark:border-zinc-800"
          >
            <Skeleton className="h-3.5 w-3/5" />
            <Skeleton className="h-3 w-4/5" />
            <Skeleton className="h-2.5 w-1/2" />
            <Skeleton className="h-2.5 w-2/5" />
          </div>
        ))}
      </div>
    </div>
  );
}
