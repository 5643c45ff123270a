"use client";

// What an import would change (dry run) or changed (applied): the counts, then tables of the
// tenant and subscription changes (before → after, by line), the unknown tenant ids and the
// invalid rows with their line numbers and reasons.
import type { ReactNode } from "react";
import type { ImportResult, ImportTenantChange } from "@/lib/annotations/import/types";
import type { SubscriptionLabel, TenantAnnotation } from "@/lib/annotations/types";

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

function Table({
  caption,
  testId,
  headers,
  children,
  more,
}: {
  caption: string;
  testId: string;
  headers: string[];
  children: ReactNode;
  /** Entries the answer left out (the counts are complete). */
  more: number;
}) {
  return (
    <section className="grid gap-2" data-testid={testId}>
      <h3 className="text-base font-semibold">{caption}</h3>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-zinc-50 text-xs font-semibold text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col" className="px-3 py-2 whitespace-nowrap">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 align-top dark:divide-zinc-900">
            {children}
          </tbody>
        </table>
      </div>
      {more > 0 ? (
        <p className="text-xs text-zinc-700 dark:text-zinc-300">
          and {plural(more, "more")} not listed here.
        </p>
      ) : null}
    </section>
  );
}

const text = (value: string | null) =>
  value === null ? <span className="text-zinc-600 italic dark:text-zinc-400">none</span> : value;

function Diff({ label, before, after }: { label: string; before: ReactNode; after: ReactNode }) {
  return (
    <li>
      <span className="text-zinc-700 dark:text-zinc-300">{label}: </span>
      <span className="text-zinc-700 line-through decoration-zinc-400 dark:text-zinc-300">
        {before}
      </span>
      <span aria-hidden> → </span>
      <span className="sr-only"> becomes </span>
      <span className="font-medium">{after}</span>
    </li>
  );
}

const EMPTY: TenantAnnotation = { owner: null, tags: [], note: null };

function TenantDiff({ change }: { change: ImportTenantChange }) {
  const before = change.before ?? EMPTY;
  const after = change.after ?? EMPTY;
  const tags = (list: string[]) => (list.length ? list.join(", ") : text(null));
  return (
    <ul className="grid gap-0.5">
      {before.owner !== after.owner ? (
        <Diff label="Owner" before={text(before.owner)} after={text(after.owner)} />
      ) : null}
      {before.tags.join() !== after.tags.join() ? (
        <Diff label="Tags" before={tags(before.tags)} after={tags(after.tags)} />
      ) : null}
      {before.note !== after.note ? (
        <Diff
          label="Note"
          before={<span className="whitespace-pre-line">{text(before.note)}</span>}
          after={<span className="whitespace-pre-line">{text(after.note)}</span>}
        />
      ) : null}
    </ul>
  );
}

function LabelDiff({
  before,
  after,
}: {
  before: SubscriptionLabel | null;
  after: SubscriptionLabel | null;
}) {
  return (
    <ul className="grid gap-0.5">
      {(before?.name ?? null) !== (after?.name ?? null) ? (
        <Diff label="Name" before={text(before?.name ?? null)} after={text(after?.name ?? null)} />
      ) : null}
      {(before?.customerRef ?? null) !== (after?.customerRef ?? null) ? (
        <Diff
          label="Customer reference"
          before={text(before?.customerRef ?? null)}
          after={text(after?.customerRef ?? null)}
        />
      ) : null}
    </ul>
  );
}

const cell = "px-3 py-2";
const lineCell = "px-3 py-2 tabular-nums text-zinc-700 dark:text-zinc-300";
const idCell = "px-3 py-2 font-mono text-xs break-all";

export function ImportSummary({ result }: { result: ImportResult }) {
  const verb = result.applied ? "changed" : "would change";
  return (
    <div className="grid gap-1 text-sm" data-testid="import-summary">
      <p>
        {plural(result.rows, "row")} read ({result.delimiter === ";" ? "semicolon" : "comma"}
        -separated). Columns imported:{" "}
        {result.columns.filter((c) => c !== "id").join(", ") || "none"}
        {result.ignoredColumns.length
          ? `; left alone: ${result.ignoredColumns.slice(0, 8).join(", ")}${result.ignoredColumns.length > 8 ? ", …" : ""}`
          : ""}
        .
      </p>
      <p className="font-medium" data-testid="import-counts" data-changed={result.changed}>
        {result.changed === 0
          ? result.applied
            ? "Nothing changed: everything in the file was already in place."
            : "Nothing to change: everything in the file is already in place."
          : `${plural(result.tenantsChanged, "tenant")} and ${plural(result.subscriptionsChanged, "subscription")} ${verb}.`}{" "}
        {plural(result.unchanged, "tenant")} unchanged
        {result.unknownCount ? `, ${plural(result.unknownCount, "unknown tenant id")}` : ""}
        {result.invalidCount
          ? `, ${plural(result.invalidCount, "invalid row")}${result.skippedInvalid ? " (skipped)" : ""}`
          : ""}
        .
      </p>
    </div>
  );
}

export function ImportPreview({ result }: { result: ImportResult }) {
  return (
    <div className="grid gap-6">
      {result.invalidRows.length ? (
        <Table
          caption="Invalid rows"
          testId="import-invalid-rows"
          headers={["Line", "Why it cannot be imported"]}
          more={result.invalidCount - result.invalidRows.length}
        >
          {result.invalidRows.map((row) => (
            <tr key={row.line} data-testid="import-invalid-row" data-line={row.line}>
              <td className={lineCell}>{row.line}</td>
              <td className={`${cell} text-rose-800 dark:text-rose-300`}>{row.reason}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      {result.tenantChanges.length ? (
        <Table
          caption={result.applied ? "Tenants changed" : "Tenants that would change"}
          testId="import-tenant-changes"
          headers={["Line", "Tenant ID", "Change"]}
          more={result.tenantsChanged - result.tenantChanges.length}
        >
          {result.tenantChanges.map((change) => (
            <tr key={change.tenantId} data-testid="import-change" data-tenant={change.tenantId}>
              <td className={lineCell}>{change.line}</td>
              <td className={idCell}>{change.tenantId}</td>
              <td className={cell}>
                <TenantDiff change={change} />
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
      {result.subscriptionChanges.length ? (
        <Table
          caption={result.applied ? "Subscriptions changed" : "Subscriptions that would change"}
          testId="import-subscription-changes"
          headers={["Line", "Subscription ID", "Change"]}
          more={result.subscriptionsChanged - result.subscriptionChanges.length}
        >
          {result.subscriptionChanges.map((change) => (
            <tr key={change.subscriptionId} data-testid="import-subscription-change">
              <td className={lineCell}>{change.line}</td>
              <td className={idCell}>{change.subscriptionId}</td>
              <td className={cell}>
                <LabelDiff before={change.before} after={change.after} />
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
      {result.unknownIds.length ? (
        <Table
          caption="Unknown tenant ids (left out)"
          testId="import-unknown-ids"
          headers={["Line", "Tenant ID"]}
          more={result.unknownCount - result.unknownIds.length}
        >
          {result.unknownIds.map((row) => (
            <tr key={row.line} data-testid="import-unknown-id">
              <td className={lineCell}>{row.line}</td>
              <td className={idCell}>{row.tenantId}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </div>
  );
}
