import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder rows while the first window loads. */
export function TenantTableSkeleton() {
  return (
    <div
      aria-busy="true"
      aria-label="Loading tenants"
      role="status"
      className="min-h-0 flex-1 overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800"
      data-testid="tenant-grid-skeleton"
    >
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
  );
}
