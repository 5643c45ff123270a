"use client";

// The top of /changes: what appears on this page and when, when Tenant Atlas last looked at Qlik
// Cloud and when it will next, what the last look found ("no changes since …"), and "Refresh now"
// for admins (others are told that an admin can).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useId } from "react";
import { toast } from "sonner";
import type { SnapshotInfo, TenantChange } from "@/lib/tenants/types";
import { changeKeys, latestChangeOptions } from "@/lib/api-client/changes";
import { SYNC_URL, syncStatusOptions } from "@/lib/api-client/sync";
import { useNow } from "@/components/providers/now-provider";
import { nextSyncAt, SyncProgress, untilNext, useRefreshNow } from "@/components/tenants/freshness";
import { Button } from "@/components/ui/button";
import { formatRelative, formatUtc } from "@/components/ui/format-time";

const minuteFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** "3 Dec 2026, 10:02 UTC" */
function formatUtcMinute(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${minuteFormat.format(ms)} UTC`;
}

function When({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={formatUtc(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}

/** What the last successful check found, in a sentence; null before there is anything to say. */
function LastCheckResult({
  snapshot,
  latest,
  now,
}: {
  snapshot: SnapshotInfo;
  latest: TenantChange | null | undefined;
  now: number;
}) {
  const takenAt = snapshot.takenAt;
  if (!takenAt || latest === undefined) return null;
  // A change carries the time of the snapshot that found it.
  const foundNow = latest !== null && Date.parse(latest.detectedAt) >= Date.parse(takenAt);
  let result;
  if (foundNow) result = "it found the changes at the top of the list below.";
  else if (latest)
    result = (
      <>
        no changes since{" "}
        <time dateTime={latest.detectedAt} title={formatUtc(latest.detectedAt)}>
          {formatUtcMinute(latest.detectedAt)}
        </time>
        .
      </>
    );
  else result = "no changes found yet.";
  return (
    <p data-testid="last-check-result" data-found={foundNow || undefined}>
      <span className="font-medium text-zinc-950 dark:text-white">
        Checked <When iso={takenAt} now={now} />:
      </span>{" "}
      {result}
    </p>
  );
}

export function SyncExplainer({
  intervalMinutes,
  canRefresh,
}: {
  /** How often the background sync runs. */
  intervalMinutes: number;
  /** Admins may start a check now. */
  canRefresh: boolean;
}) {
  const now = useNow();
  const headingId = useId();
  const queryClient = useQueryClient();
  const status = useQuery({
    ...syncStatusOptions(SYNC_URL),
    refetchInterval: (query) => (query.state.data?.snapshot.syncing ? 1000 : 30_000),
  });
  const snapshot = status.data?.snapshot;
  const takenAt = snapshot?.takenAt ?? null;
  const latest = useQuery({ ...latestChangeOptions(takenAt), enabled: takenAt !== null });
  const next = nextSyncAt(snapshot, intervalMinutes);

  const refresh = useRefreshNow(SYNC_URL, (run) => {
    if (run?.outcome === "failed") toast.error("The check failed. The list is unchanged.");
    void queryClient.invalidateQueries({ queryKey: changeKeys.all });
  });
  const busy = (snapshot?.syncing ?? false) || refresh.isPending;

  return (
    <section
      aria-labelledby={headingId}
      className="grid gap-3 rounded-lg border border-zinc-200 bg-zinc-50 p-4 text-sm text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200"
      data-testid="sync-explainer"
    >
      <h2 id={headingId} className="text-base font-semibold text-zinc-950 dark:text-white">
        How changes get here
      </h2>
      <p className="max-w-3xl">
        Every {intervalMinutes === 1 ? "minute" : `${intervalMinutes} minutes`}, Tenant Atlas reads
        every tenant from Qlik Cloud and compares them with the previous reading. A tenant that was
        added or removed, renamed, moved to another region or subscription, or whose status or
        hostnames changed appears in the list below as soon as that check finishes, newest first.
        Nothing appears when nothing changed.
      </p>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <dl className="flex flex-wrap gap-x-6 gap-y-1">
          <div className="flex gap-1.5">
            <dt className="text-zinc-700 dark:text-zinc-300">Last check:</dt>
            <dd data-testid="last-check">
              {takenAt ? <When iso={takenAt} now={now} /> : status.isPending ? "…" : "not yet"}
            </dd>
          </div>
          <div className="flex gap-1.5">
            <dt className="text-zinc-700 dark:text-zinc-300">Next check:</dt>
            <dd data-testid="next-check">
              {snapshot?.syncing ? (
                <span role="status">
                  running now: <SyncProgress progress={snapshot.progress} />
                </span>
              ) : next ? (
                <time dateTime={next} title={formatUtc(next)}>
                  {untilNext(next, now)}
                </time>
              ) : (
                "after the first one"
              )}
            </dd>
          </div>
        </dl>
        {canRefresh ? (
          <Button
            size="sm"
            variant="outline"
            onClick={() => refresh.mutate()}
            disabled={busy}
            data-testid="changes-refresh-now"
          >
            <RefreshCw
              aria-hidden
              className={busy ? "animate-spin motion-reduce:animate-none" : undefined}
            />
            {busy ? "Checking…" : "Refresh now"}
          </Button>
        ) : (
          <p className="text-zinc-700 dark:text-zinc-300" data-testid="refresh-admin-note">
            Admins can refresh now instead of waiting for the next check.
          </p>
        )}
      </div>
      {snapshot?.lastError && !snapshot.syncing ? (
        <p className="text-amber-900 dark:text-amber-200" role="alert">
          The last check failed: {snapshot.lastError} The list shows what earlier checks found.
        </p>
      ) : snapshot && !busy ? (
        <LastCheckResult snapshot={snapshot} latest={latest.data} now={now} />
      ) : null}
    </section>
  );
}
