"use client";

// "Data as of 3 minutes ago" and when the next automatic update is due, always visible; "Refresh now"
// for admins with live progress (others are told admins can); and, when the last sync failed, a
// banner that says so while the last good data stays on screen.
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

/**
 * When the background sync will next look at Qlik Cloud: a pass starts once both the snapshot and
 * the last run's start are `intervalMinutes` old. Null when unknown.
 */
export function nextSyncAt(
  snapshot: SnapshotInfo | undefined,
  intervalMinutes: number | null | undefined,
): string | null {
  if (!snapshot?.takenAt || !intervalMinutes) return null;
  const lastStart = snapshot.lastRun ? Date.parse(snapshot.lastRun.startedAt) : 0;
  const base = Math.max(Date.parse(snapshot.takenAt), Number.isNaN(lastStart) ? 0 : lastStart);
  return Number.isNaN(base) ? null : new Date(base + intervalMinutes * 60_000).toISOString();
}

/** "in 7 minutes" ("in 7 min" when `compact`), or "any moment now" once due. */
export function untilNext(iso: string, now: number, compact = false): string {
  const ms = Date.parse(iso) - now;
  if (ms <= 45_000) return "any moment now";
  if (!compact) return formatRelative(iso, now);
  // A countdown: "in 8 min" until 8 minutes are left, never less than what is left.
  const minutes = Math.ceil(ms / 60_000);
  return minutes < 60 ? `in ${minutes} min` : `in ${Math.ceil(minutes / 60)} h`;
}

export function Freshness({
  snapshot,
  refresh,
  autoRefreshMinutes,
  showAdminNote = true,
}: {
  snapshot: SnapshotInfo | undefined;
  /** Admins: start a refresh (null hides the button). */
  refresh: { start: () => void; pending: boolean } | null;
  /** The background sync's interval, when known: the next update is announced. */
  autoRefreshMinutes?: number | null;
  /** Without the button: say that admins can refresh (not on pages nobody can refresh from). */
  showAdminNote?: boolean;
}) {
  const now = useNow();
  const syncing = snapshot?.syncing ?? false;
  const takenAt = snapshot?.takenAt ?? null;
  const next = nextSyncAt(snapshot, autoRefreshMinutes);

  return (
    <div
      className="flex min-w-0 items-center justify-end gap-3 text-sm text-zinc-700 dark:text-zinc-300"
      data-testid="freshness"
    >
      <div className="grid min-w-0 text-xs leading-4">
        <span className="truncate">
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
          <span role="status" className="inline-flex min-w-0 items-center gap-1.5">
            <RefreshCw
              aria-hidden
              className="size-3 shrink-0 animate-spin motion-reduce:animate-none"
            />
            <span className="truncate">
              Refreshing: <SyncProgress progress={snapshot?.progress ?? null} />
            </span>
          </span>
        ) : next || (!refresh && showAdminNote) ? (
          <span
            className="truncate"
            data-testid="refresh-schedule"
            title={[
              next
                ? `Tenant Atlas reads Qlik Cloud every ${autoRefreshMinutes} minutes; the next automatic update is due ${untilNext(next, now)}.`
                : null,
              !refresh && showAdminNote ? "Admins can refresh the data now." : null,
            ]
              .filter(Boolean)
              .join(" ")}
          >
            {next ? `Auto-update ${untilNext(next, now, true)}` : null}
            {next && !refresh && showAdminNote ? " · " : null}
            {!refresh && showAdminNote ? (
              <span data-testid="refresh-admin-note">
                {next ? "admins" : "Admins"} can refresh now
              </span>
            ) : null}
          </span>
        ) : null}
      </div>
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
