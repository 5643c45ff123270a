"use client";

// A rule's scope: the explorer's filters as a query string (filled in when the rule comes from
// "Alert on this view…"), with what it selects in words and how many tenants that is today.
import { useQuery } from "@tanstack/react-query";
import { ExternalLink } from "lucide-react";
import { useDeferredValue, useId } from "react";
import type { TenantView } from "@/lib/tenants/types";
import { scopeCountOptions } from "@/lib/api-client/alerts";
import { scopeFilters } from "@/components/shares/view-summary";
import { formatCount } from "@/components/tenants/format";
import { Input } from "@/components/ui/input";
import { parseScope, scopeQuery } from "./scope-from-view";

const day = (iso: string) => iso.slice(0, 10);

/** The view's filters in words, with the time filters the share summary may not name. */
function scopeLines(view: TenantView): { label: string; values: string[] }[] {
  const lines = scopeFilters(view);
  const has = (label: RegExp) => lines.some((l) => label.test(l.label));
  if ((view.licenseEndsFrom || view.licenseEndsTo) && !has(/licen[cs]e/i))
    lines.push({
      label: "License ends",
      values: [
        `${view.licenseEndsFrom ? day(view.licenseEndsFrom) : "any time"} – ${view.licenseEndsTo ? day(view.licenseEndsTo) : "any time"}`,
      ],
    });
  if (typeof view.deletionScheduled === "boolean" && !has(/deletion/i))
    lines.push({
      label: "Deletion scheduled",
      values: [view.deletionScheduled ? "yes" : "no"],
    });
  return lines;
}

export function AlertScopeField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  /** The server's or the schema's complaint, when there is one. */
  error?: string;
}) {
  const id = useId();
  const deferred = useDeferredValue(value);
  const parsed = parseScope(deferred);
  const canonical = "view" in parsed ? scopeQuery(parsed.view) : null;
  const count = useQuery({ ...scopeCountOptions(canonical ?? ""), enabled: canonical !== null });
  const problem = error ?? ("error" in parsed ? parsed.error : undefined);
  const lines = "view" in parsed ? scopeLines(parsed.view) : [];

  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        Scope
      </label>
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="Every tenant"
        spellCheck={false}
        className="font-mono text-xs"
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint ${id}-summary${problem ? ` ${id}-error` : ""}`}
        data-testid="rule-scope"
      />
      <p id={`${id}-hint`} className="text-xs text-zinc-700 dark:text-zinc-300">
        The explorer&apos;s filters as in its address, e.g.{" "}
        <code>region=eu-central-1&amp;status=active</code>. Empty: every tenant. Set them in the
        explorer and choose <strong>Alert on this view…</strong> to fill this in.
      </p>
      {problem ? (
        <p id={`${id}-error`} className="text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      ) : null}
      <div
        id={`${id}-summary`}
        className="rounded-md border border-zinc-200 bg-zinc-50 p-2 text-sm dark:border-zinc-800 dark:bg-zinc-950"
        data-testid="rule-scope-summary"
        aria-live="polite"
      >
        {"error" in parsed ? (
          <p>Fix the scope to see what it selects.</p>
        ) : (
          <>
            {lines.length ? (
              <ul className="grid gap-0.5">
                {lines.map((l) => (
                  <li key={l.label}>
                    <span className="text-zinc-700 dark:text-zinc-300">{l.label}:</span>{" "}
                    {l.values.join(" or ")}
                  </li>
                ))}
              </ul>
            ) : (
              <p>Every tenant in the organization.</p>
            )}
            <p className="mt-1 flex flex-wrap items-center gap-x-3 text-zinc-700 dark:text-zinc-300">
              <span>
                {count.data !== undefined
                  ? `${formatCount(count.data)} ${count.data === 1 ? "tenant matches" : "tenants match"} today.`
                  : count.error
                    ? "Could not count the tenants it selects."
                    : "Counting…"}
              </span>
              <a
                href={canonical ? `/?${canonical}` : "/"}
                target="_blank"
                rel="noreferrer"
                className="inline-flex items-center gap-1 text-sky-800 underline dark:text-sky-300"
              >
                Open in the explorer
                <ExternalLink aria-hidden className="size-3.5" />
                <span className="sr-only">(opens in a new tab)</span>
              </a>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
