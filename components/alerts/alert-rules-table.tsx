"use client";

// Every rule, one row each: what it watches, when it fires, where it tells, whether it is on, and
// how its last message went.
import { Mail, Webhook } from "lucide-react";
import type { AlertDeliveryJson, AlertRuleJson } from "@/lib/alerts/types";
import { RelativeTime } from "@/components/ui/relative-time";
import { AlertRuleActions } from "./alert-rule-actions";
import { DeliveryStatusBadge } from "./delivery-status-badge";
import { triggerText } from "./trigger-text";

const HEADERS = ["Name", "Trigger", "Scope", "Channels", "Enabled", "Last delivery"] as const;

function LastDelivery({ delivery }: { delivery: AlertDeliveryJson | undefined }) {
  if (!delivery) return <span className="text-zinc-700 dark:text-zinc-300">None yet</span>;
  return (
    <span className="grid justify-items-start gap-0.5">
      <DeliveryStatusBadge status={delivery.status} />
      <RelativeTime
        iso={delivery.sentAt ?? delivery.createdAt}
        className="text-xs text-zinc-700 dark:text-zinc-300"
      />
      {delivery.status !== "sent" && delivery.lastError ? (
        <span
          className="line-clamp-2 text-xs text-rose-900 dark:text-rose-200"
          title={delivery.lastError}
        >
          {delivery.lastError}
        </span>
      ) : null}
    </span>
  );
}

export function AlertRulesTable({
  rules,
  lastDelivery,
}: {
  rules: readonly AlertRuleJson[];
  /** The newest delivery of each rule, by rule id. */
  lastDelivery: ReadonlyMap<string, AlertDeliveryJson>;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm" data-testid="alert-rules">
        <caption className="sr-only">Alert rules</caption>
        <thead className="bg-zinc-50 text-xs font-semibold text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
          <tr>
            {HEADERS.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 whitespace-nowrap">
                {h}
              </th>
            ))}
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
          {rules.map((r) => (
            <tr
              key={r.id}
              data-testid="alert-rule-row"
              data-rule-id={r.id}
              data-enabled={r.enabled}
              className="align-top"
            >
              <th scope="row" className="max-w-56 px-3 py-2 text-left font-medium">
                <span className="block break-words" data-testid="rule-row-name">
                  {r.name}
                </span>
                {r.digest ? (
                  <span className="text-xs font-normal text-zinc-700 dark:text-zinc-300">
                    Digest: one message per sync
                  </span>
                ) : null}
              </th>
              <td className="px-3 py-2" data-testid="rule-row-trigger">
                {triggerText(r.trigger)}
              </td>
              <td className="max-w-64 px-3 py-2 break-words" data-testid="rule-row-scope">
                {r.scopeSummary}
              </td>
              <td className="max-w-64 px-3 py-2">
                <ul className="grid gap-0.5">
                  {r.channels.map((c) => (
                    <li key={c.id} className="flex items-start gap-1.5 break-all">
                      {c.type === "webhook" ? (
                        <Webhook aria-hidden className="mt-0.5 size-3.5 shrink-0" />
                      ) : (
                        <Mail aria-hidden className="mt-0.5 size-3.5 shrink-0" />
                      )}
                      {c.label}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-3 py-2 whitespace-nowrap" data-testid="rule-row-enabled">
                {r.enabled ? "On" : "Off"}
              </td>
              <td className="px-3 py-2" data-testid="rule-row-last-delivery">
                <LastDelivery delivery={lastDelivery.get(r.id)} />
              </td>
              <td className="px-3 py-2">
                <AlertRuleActions rule={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
