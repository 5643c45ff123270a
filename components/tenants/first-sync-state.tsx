import type { ReactNode } from "react";

/** Before the first snapshot: progress, not an error. */
export function FirstSyncState({ progress }: { progress: ReactNode }) {
  return (
    <div
      role="status"
      className="mx-auto flex max-w-lg flex-col items-center gap-3 px-4 py-16 text-center"
      data-testid="first-sync"
    >
      <span
        aria-hidden
        className="size-8 animate-spin rounded-full border-4 border-zinc-200 border-t-sky-600 motion-reduce:animate-none dark:border-zinc-800 dark:border-t-sky-500"
      />
      <p className="font-semibold">Reading your organization&apos;s tenants from Qlik Cloud…</p>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{progress}</p>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        The explorer opens as soon as the first sync finishes.
      </p>
    </div>
  );
}
