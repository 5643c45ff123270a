"use client";

// "Data as of 3 minutes ago", always visible; "Refresh now" for admins with live progress; and, when
// the last sync failed, a banner that says so while the last good data stays on screen.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, RefreshCw } from "lucide-react";
import { toast } from "sonner";
import type { SnapshotInfo, SyncRunSummary } from "@/lib/tenants/types";
import { errorAdvice } from "@/lib/api-client/fetch-json";
import { startSync, syncStatusOptions } from "@/lib/api-client/sync";
import { useNow } from "@/components/providers/now-provider";
import { Button } from "@/components/ui/button";
import { formatRelative, formatUtc } from "@/components/ui/format-time";
import { formatCount } from "./format";

const POLL_MS = 1000;
const GIVE_UP_MS = 30 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * "Refresh now": POST the sync, then poll the sync state (each poll lands in the cache, so the
 * progress shows live) until a run newer than the one before the click has finished.
 */
export function useRefreshNow(syncUrl: string, onFinished: (run: SyncRunSummary | null) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<SyncRunSummary | null> => {
      const options = syncStatusOptions(syncUrl);
      const before = queryClient.getQueryData(options.queryKey)?.snapshot.lastRun?.id ?? null;
      await startSync(syncUrl);
      const deadline = Date.now() + GIVE_UP_MS;
      while (Date.now() < deadline) {
        const status = await queryClient.fetchQuery({ ...options, staleTime: 0 });
        const run = status.snapshot.lastRun;
        if (!status.snapshot.syncing && run && run.id !== before && run.outcome !== "running")
          return run;
        await sleep(POLL_MS);
      }
      return null;
    },
    onSuccess: onFinished,
    onError: (error) => toast.error(`Refresh did not start: ${errorAdvice(error).message}`),
  });
}

export function SyncProgress({ progress }: { progress: SnapshotInfo["progress"] }) {
  if (!progress) return <span>Starting…</span>;
  const { tenantsRead, expected } = progress;
  return (
    <span className="inline-flex items-center gap-2">
      {expected ? (
        <progress
          className="h-1.5 w-24 overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-zinc-200 [&::-webkit-progress-value]:bg-sky-600 dark:[&::-webkit-progress-bar]:bg-zinc-800"
          max={expected}
          value={tenantsRead}
          aria-label="Sync progress"
        />
      ) : null}
      <span data-testid="sync-progress">
        {formatCount(tenantsRead)}
        {expected ? ` of ${formatCount(expected)}` : ""} tenants read
      </span>
    </span>
  );
}

export function Freshness({
  snapshot,
  refresh,
}: {
  snapshot: SnapshotInfo | undefined;
  /** Admins: start a refresh (null hides the button). */
  refresh: { start: () => void; pending: boolean } | null;
}) {
  const now = useNow();
  const syncing = snapshot?.syncing ?? false;
  const takenAt = snapshot?.takenAt ?? null;

  return (
    <div
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-700 dark:text-zinc-300"
      data-testid="freshness"
    >
      <span>
        {takenAt ? (
          <>
            Data as of{" "}
            <time dateTime={takenAt} title={formatUtc(takenAt)} data-testid="data-as-of">
              {formatRelative(takenAt, now)}
            </time>
          </>
        ) : snapshot ? (
          "No data yet"
        ) : (
          "Checking data…"
        )}
      </span>
      {syncing ? (
        <span role="status" className="inline-flex items-center gap-2">
          <RefreshCw aria-hidden className="size-3.5 animate-spin motion-reduce:animate-none" />
          Refreshing: <SyncProgress progress={snapshot?.progress ?? null} />
        </span>
      ) : null}
      {refresh ? (
        <Button
          size="sm"
          variant="outline"
          onClick={refresh.start}
          disabled={syncing || refresh.pending}
          data-testid="refresh-now"
        >
          <RefreshCw aria-hidden />
          Refresh now
        </Button>
      ) : null}
    </div>
  );
}

/** Shown while the last sync failed: what happened, in plain words, and that older data is shown. */
export function SyncErrorBanner({ snapshot }: { snapshot: SnapshotInfo | undefined }) {
  const now = useNow();
  if (!snapshot?.lastError || snapshot.syncing) return null;
  return (
    <div
      role="alert"
      data-testid="sync-error-banner"
      className="flex items-start gap-3 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>
        <strong className="font-semibold">The last refresh from Qlik Cloud failed.</strong>{" "}
        {snapshot.lastError}{" "}
        {snapshot.takenAt
          ? `You are seeing the data from ${formatRelative(snapshot.takenAt, now)} (${formatUtc(snapshot.takenAt)}); it will update after the next successful refresh.`
          : "There is no earlier data to show yet."}
      </p>
    </div>
  );
}
