"use client";

// One rule's delivery log: every message to each of its channels, newest first — sent, failed
// with the reason, retrying and when next — refreshed every few seconds while open.
import { useQuery } from "@tanstack/react-query";
import type { AlertDeliveryJson, AlertRuleJson } from "@/lib/alerts/types";
import { alertDeliveriesOptions, DELIVERY_REFRESH_MS } from "@/lib/api-client/alerts";
import { formatCount } from "@/components/tenants/format";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { DeliveryStatusBadge } from "./delivery-status-badge";

const KIND_LABELS: Record<AlertDeliveryJson["kind"], string> = {
  event: "Event",
  digest: "Digest",
  test: "Test",
};

function Outcome({ d }: { d: AlertDeliveryJson }) {
  const tries = `${formatCount(d.attempts)} ${d.attempts === 1 ? "try" : "tries"}`;
  if (d.status === "sent")
    return (
      <span>
        {d.sentAt ? <RelativeTime iso={d.sentAt} /> : "Sent"} · {tries}
      </span>
    );
  return (
    <span className="grid gap-0.5">
      {d.lastError ? (
        <span className="text-rose-900 dark:text-rose-200" data-testid="delivery-error">
          {d.lastError}
        </span>
      ) : null}
      <span className="text-xs text-zinc-700 dark:text-zinc-300">
        {tries}
        {d.nextAttemptAt ? (
          <>
            {" "}
            · next try <RelativeTime iso={d.nextAttemptAt} />
          </>
        ) : null}
      </span>
    </span>
  );
}

function DeliveryTable({ deliveries }: { deliveries: AlertDeliveryJson[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm" data-testid="delivery-log">
        <caption className="sr-only">Deliveries, newest first</caption>
        <thead className="bg-zinc-50 text-xs font-semibold text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
          <tr>
            {["When", "What", "Channel", "Status", "Outcome"].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
          {deliveries.map((d) => (
            <tr key={d.id} data-testid="delivery-row" data-status={d.status} data-kind={d.kind}>
              <td className="px-3 py-2 whitespace-nowrap">
                <RelativeTime iso={d.createdAt} />
              </td>
              <td className="max-w-72 px-3 py-2">
                <span className="font-medium">{KIND_LABELS[d.kind]}</span>
                <span className="block text-xs break-words text-zinc-700 dark:text-zinc-300">
                  {d.summary}
                </span>
              </td>
              <td className="max-w-48 px-3 py-2 break-words">{d.channel.label}</td>
              <td className="px-3 py-2">
                <DeliveryStatusBadge status={d.status} />
              </td>
              <td className="max-w-72 px-3 py-2 break-words">
                <Outcome d={d} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LogBody({ rule }: { rule: AlertRuleJson }) {
  const log = useQuery(alertDeliveriesOptions(rule.id, DELIVERY_REFRESH_MS, 100));
  if (log.error && !log.data)
    return <ErrorState error={log.error} onRetry={() => void log.refetch()} compact />;
  if (!log.data)
    return (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading the delivery log">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-9" />
        ))}
      </div>
    );
  const { deliveries } = log.data;
  return (
    <div className="grid gap-2">
      {log.error ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} compact />
      ) : null}
      {deliveries.length === 0 ? (
        <p
          className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm dark:border-zinc-700"
          data-testid="delivery-log-empty"
        >
          Nothing sent yet. Messages appear here after a sync finds a match, or after{" "}
          <strong>Send test</strong>.
        </p>
      ) : (
        <DeliveryTable deliveries={deliveries} />
      )}
      <p className="text-xs text-zinc-700 dark:text-zinc-300">
        Updates every {DELIVERY_REFRESH_MS / 1000} seconds. Failed messages are retried with backoff
        for a day, then marked failed.
      </p>
    </div>
  );
}

export function DeliveryLogDialog({
  rule,
  open,
  onOpenChange,
}: {
  rule: AlertRuleJson;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title={`Delivery log: ${rule.name}`}
        description="Every message to the rule's channels, newest first."
        className="w-[min(60rem,calc(100vw-2rem))]"
      >
        {open ? <LogBody rule={rule} /> : null}
      </DialogContent>
    </Dialog>
  );
}
