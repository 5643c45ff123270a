/** A thin indeterminate progress bar along the top edge of its (relative) container. */
export function LoadingBar({ label }: { label: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      className="pointer-events-none absolute inset-x-0 top-0 z-20 h-1 overflow-hidden rounded-t-lg bg-sky-100 dark:bg-sky-950"
      data-testid="loading-bar"
    >
      <div className="h-full w-full animate-pulse bg-sky-600 motion-reduce:animate-none dark:bg-sky-400" />
    </div>
  );
}
