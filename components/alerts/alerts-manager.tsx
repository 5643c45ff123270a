"use client";

// /alerts: the rules with their loading, error and empty states, and "New rule". Arriving from the
// explorer's "Alert on this view…" opens the new rule's dialog with that view as its scope.
import { useQuery } from "@tanstack/react-query";
import { BellRing, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { AlertDeliveryJson, AlertTrigger } from "@/lib/alerts/types";
import {
  alertDeliveriesOptions,
  alertRulesOptions,
  LAST_DELIVERY_REFRESH_MS,
} from "@/lib/api-client/alerts";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { AlertRuleDialog } from "./alert-rule-dialog";
import { AlertRulesTable } from "./alert-rules-table";
import { draftForNewRule } from "./rule-draft";

export interface NewRuleRequest {
  scope: string;
  trigger: AlertTrigger | null;
}

function Empty({ onNew }: { onNew: () => void }) {
  return (
    <div
      className="flex flex-col items-center gap-3 rounded-lg border border-dashed border-zinc-300 px-4 py-16 text-center dark:border-zinc-700"
      data-testid="alerts-empty"
    >
      <BellRing aria-hidden className="size-8 text-zinc-600 dark:text-zinc-400" />
      <p className="font-semibold">No alert rules yet</p>
      <p className="max-w-md text-sm text-zinc-700 dark:text-zinc-300">
        A rule tells a webhook (Slack, Teams or your own) or email recipients when a license is
        about to end, a deletion is scheduled, or tenants are added, removed, renamed or change
        status. Start from a view: set the filters in Tenants and choose{" "}
        <strong>Alert on this view…</strong>
      </p>
      <div className="flex flex-wrap justify-center gap-2">
        <Button variant="primary" size="sm" onClick={onNew}>
          <Plus aria-hidden />
          New rule
        </Button>
        <Button asChild size="sm">
          <Link href="/">Go to Tenants</Link>
        </Button>
      </div>
    </div>
  );
}

export function AlertsManager({ newRule }: { newRule: NewRuleRequest | null }) {
  const router = useRouter();
  const rules = useQuery(alertRulesOptions());
  const deliveries = useQuery(alertDeliveriesOptions(null, LAST_DELIVERY_REFRESH_MS, 200));
  const [creating, setCreating] = useState(newRule !== null);
  const [request, setRequest] = useState(newRule);

  const lastDelivery = useMemo(() => {
    const out = new Map<string, AlertDeliveryJson>();
    // Newest first: the first of each rule is its last delivery.
    for (const d of deliveries.data?.deliveries ?? []) if (!out.has(d.ruleId)) out.set(d.ruleId, d);
    return out;
  }, [deliveries.data]);
  const sorted = useMemo(
    () => [...(rules.data?.rules ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
    [rules.data],
  );

  const openNew = () => {
    setRequest(null);
    setCreating(true);
  };
  const onCreatingChange = (open: boolean) => {
    setCreating(open);
    // The explorer's scope was for that one dialog: a reload must not open it again.
    if (!open && newRule) router.replace("/alerts", { scroll: false });
  };

  let body;
  if (rules.error && !rules.data)
    body = <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />;
  else if (!rules.data)
    body = (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading alert rules">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-12" />
        ))}
      </div>
    );
  else if (sorted.length === 0) body = <Empty onNew={openNew} />;
  else body = <AlertRulesTable rules={sorted} lastDelivery={lastDelivery} />;

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Rules are checked after every sync; each tenant and event is announced once.
        </p>
        <Button
          variant="primary"
          size="sm"
          className="ml-auto"
          onClick={openNew}
          data-testid="new-rule"
        >
          <Plus aria-hidden />
          New rule
        </Button>
      </div>
      {rules.error && rules.data ? (
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} compact />
      ) : null}
      {body}
      <AlertRuleDialog
        open={creating}
        onOpenChange={onCreatingChange}
        initial={() => draftForNewRule(request?.scope ?? "", request?.trigger ?? null)}
      />
    </div>
  );
}
