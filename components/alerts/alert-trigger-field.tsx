"use client";

// What makes a rule fire: one of the six triggers; "license ends within N days" takes N, "status
// changed" optionally the statuses that count.
import { useId } from "react";
import { MAX_LICENSE_DAYS, MIN_LICENSE_DAYS, type TriggerKind } from "@/lib/alerts/types";
import { TENANT_STATUSES } from "@/lib/regions";
import { selectClass } from "@/components/shares/expiry-field";
import { STATUS_LABELS } from "@/components/tenants/format";
import { Input } from "@/components/ui/input";
import type { RuleDraft } from "./rule-draft";
import { TRIGGER_CHOICES } from "./trigger-text";

export function AlertTriggerField({
  draft,
  onChange,
  daysError,
}: {
  draft: Pick<RuleDraft, "kind" | "days" | "statuses">;
  onChange: (patch: Partial<Pick<RuleDraft, "kind" | "days" | "statuses">>) => void;
  daysError?: string;
}) {
  const id = useId();
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1.5 text-sm font-medium">Trigger</legend>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-kind`} className="sr-only">
          When
        </label>
        <select
          id={`${id}-kind`}
          className={selectClass}
          value={draft.kind}
          onChange={(e) => onChange({ kind: e.target.value as TriggerKind })}
          data-testid="rule-trigger"
        >
          {TRIGGER_CHOICES.map((c) => (
            <option key={c.kind} value={c.kind}>
              {c.label}
            </option>
          ))}
        </select>
        {draft.kind === "licenseEndsWithin" ? (
          <span className="flex items-center gap-2">
            <label htmlFor={`${id}-days`} className="text-sm">
              N =
            </label>
            <Input
              id={`${id}-days`}
              type="number"
              inputMode="numeric"
              min={MIN_LICENSE_DAYS}
              max={MAX_LICENSE_DAYS}
              value={draft.days}
              onChange={(e) => onChange({ days: e.target.value })}
              className="w-24"
              aria-invalid={daysError ? true : undefined}
              aria-describedby={daysError ? `${id}-days-error` : undefined}
              data-testid="rule-days"
            />
            <span className="text-sm">days</span>
          </span>
        ) : null}
      </div>
      {draft.kind === "licenseEndsWithin" && daysError ? (
        <p id={`${id}-days-error`} className="text-xs text-red-700 dark:text-red-400">
          Days {daysError}.
        </p>
      ) : null}
      {draft.kind === "statusChanged" ? (
        <fieldset className="grid gap-1">
          <legend className="text-xs text-zinc-700 dark:text-zinc-300">
            Only changes to (none checked: any status change)
          </legend>
          <div className="flex flex-wrap gap-3">
            {TENANT_STATUSES.map((s) => (
              <label key={s} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={draft.statuses.includes(s)}
                  onChange={(e) =>
                    onChange({
                      statuses: e.target.checked
                        ? [...draft.statuses, s]
                        : draft.statuses.filter((x) => x !== s),
                    })
                  }
                />
                {STATUS_LABELS[s] ?? s}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <p className="text-xs text-zinc-700 dark:text-zinc-300">
        Checked after every sync. Each tenant and event is announced once (a license ending in 20
        days is not announced again after the next sync).
      </p>
    </fieldset>
  );
}
