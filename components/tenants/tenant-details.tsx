"use client";

// Everything about one tenant, shared by the side panel (explorer) and /tenants/{id}: every field,
// links to the hub and the management console for each hostname, copy buttons, license and deletion
// warnings, and the tenant's change history. Under a share link: only the link's fields, no history.
import { AlertOctagon, AlertTriangle, CalendarX2, ExternalLink, Settings } from "lucide-react";
import { useId, type ReactNode } from "react";
import { regionLabel } from "@/lib/regions";
import type { ExportColumnId } from "@/lib/tenants/export/columns";
import type { Tenant, TenantChange } from "@/lib/tenants/types";
import { ChangeValue } from "@/components/changes/change-value";
import { changeKindLabel } from "@/components/changes/change-kinds";
import { useNow } from "@/components/providers/now-provider";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { daysUntil, formatRelative, formatUtc, formatUtcDate } from "@/components/ui/format-time";
import { RelativeTime } from "@/components/ui/relative-time";
import { countryLabel, displayName, plural, subscriptionLabel } from "./format";
import { consoleUrl, hubUrl } from "./hub-links";
import { StatusBadge } from "./status-badge";

export const LICENSE_WARNING_DAYS = 30;

function Field({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div
      className="grid grid-cols-[9rem_minmax(0,1fr)] items-start gap-3 py-2"
      data-testid={testId}
    >
      <dt className="text-sm text-zinc-700 dark:text-zinc-300">{label}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

function When({ iso }: { iso: string | null }) {
  if (!iso) return <>—</>;
  return (
    <span>
      <RelativeTime iso={iso} />{" "}
      <span className="text-zinc-700 dark:text-zinc-300">({formatUtc(iso)})</span>
    </span>
  );
}

function DeletionNotice({ iso }: { iso: string }) {
  const now = useNow();
  const started = Date.parse(iso) <= now;
  return (
    <div
      role="note"
      data-testid="deletion-notice"
      className="flex gap-3 rounded-lg border border-rose-300 bg-rose-50 p-3 text-rose-950 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100"
    >
      <AlertOctagon aria-hidden className="mt-0.5 size-5 shrink-0" />
      <div>
        <p className="font-semibold">
          {started ? "Deletion has started" : "Scheduled for deletion"}
        </p>
        <p className="text-sm">
          Deletion {started ? "started" : "starts"} {formatRelative(iso, now)}, on {formatUtc(iso)}.
        </p>
      </div>
    </div>
  );
}

function LicenseNotice({ endsAt }: { endsAt: string }) {
  const now = useNow();
  const days = daysUntil(endsAt, now);
  if (days === null || days > LICENSE_WARNING_DAYS) return null;
  const ended = Date.parse(endsAt) < now;
  const Icon = ended ? CalendarX2 : AlertTriangle;
  return (
    <div
      role="note"
      data-testid="license-warning"
      data-license={ended ? "ended" : "soon"}
      className={
        ended
          ? "flex gap-3 rounded-lg border border-rose-300 bg-rose-50 p-3 text-rose-950 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100"
          : "flex gap-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      }
    >
      <Icon aria-hidden className="mt-0.5 size-5 shrink-0" />
      <div>
        <p className="font-semibold">{ended ? "The license has ended" : "The license ends soon"}</p>
        <p className="text-sm">
          {ended
            ? `It ended ${formatRelative(endsAt, now)}, on ${formatUtcDate(endsAt)}.`
            : `It ends ${formatRelative(endsAt, now)}, on ${formatUtcDate(endsAt)} (within ${LICENSE_WARNING_DAYS} days).`}
        </p>
      </div>
    </div>
  );
}

function HostnameLinks({
  hostname,
  primary,
  name,
}: {
  hostname: string;
  primary: boolean;
  name: string;
}) {
  const hub = hubUrl(hostname);
  const consoleHref = consoleUrl(hostname);
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-1 py-1" data-hostname={hostname}>
      <span className="min-w-0 font-mono text-xs break-all">{hostname}</span>
      {primary ? <span className="text-xs text-zinc-700 dark:text-zinc-300">(primary)</span> : null}
      <CopyButton value={hostname} label={`Copy hostname ${hostname}`} />
      {hub ? (
        <a
          href={hub}
          target="_blank"
          rel="noopener noreferrer"
          className="inline-flex items-center gap-1 text-sm text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
          aria-label={`Open the hub of ${name} at ${hostname} (new tab)`}
          data-testid="hub-link"
        >
          Hub <ExternalLink aria-hidden className="size-3.5" />
        </a>
      ) : null}
      {consoleHref ? (
        <a
          href={consoleHref}
          target="_blank"
          rel="noopener noreferrer"
          className="inline-flex items-center gap-1 text-sm text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
          aria-label={`Open the management console of ${name} at ${hostname} (new tab)`}
          data-testid="console-link"
        >
          Console <ExternalLink aria-hidden className="size-3.5" />
        </a>
      ) : null}
    </li>
  );
}

export function ChangeHistory({ changes }: { changes: readonly TenantChange[] }) {
  if (changes.length === 0)
    return (
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        No changes recorded since Tenant Atlas first saw this tenant.
      </p>
    );
  return (
    <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="change-history">
      {changes.map((c) => (
        <li key={c.id} className="grid gap-0.5 py-2 text-sm">
          <div className="flex items-baseline justify-between gap-2">
            <span className="font-medium">{changeKindLabel(c.kind)}</span>
            <RelativeTime
              iso={c.detectedAt}
              className="shrink-0 text-xs text-zinc-700 dark:text-zinc-300"
            />
          </div>
          <ChangeValue change={c} />
        </li>
      ))}
    </ol>
  );
}

function LicensePeriod({ tenant }: { tenant: Tenant }) {
  const { licenseStartsAt: starts, licenseEndsAt: ends } = tenant;
  if (!starts && !ends) return <>—</>;
  return (
    <>{`${starts ? formatUtcDate(starts) : "…"} – ${ends ? formatUtcDate(ends) : "open-ended"}`}</>
  );
}

export function TenantDetails({
  tenant,
  changes,
  fields,
  title,
  actions,
  subscription,
  subscriptionAction,
  annotations,
  sectionHeading: Section = "h3",
}: {
  tenant: Tenant;
  /** null: the source keeps no history (a share link), so the section is left out. */
  changes: readonly TenantChange[] | null;
  /** The fields to show (export column ids); all when absent. */
  fields?: readonly ExportColumnId[];
  /** One level below the title: h2 under a page's h1, h3 under the panel's h2. */
  sectionHeading?: "h2" | "h3";
  /** Renders the heading (a dialog title in the panel, an h1 on the page). */
  title: (text: string) => ReactNode;
  /** Extra controls next to the hub links (e.g. "Open full page"). */
  actions?: ReactNode;
  /** The subscription's name and customer reference, when it has them. */
  subscription?: { name: string | null; customerRef: string | null } | null;
  /** Next to the subscription (an admin's "Name subscription"). */
  subscriptionAction?: ReactNode;
  /** The team's owner, tags and note (an editor or a read-only list); absent: no section. */
  annotations?: ReactNode;
}) {
  const name = displayName(tenant.name);
  const primary = tenant.hostnames[0];
  const hub = primary ? hubUrl(primary) : null;
  const consoleHref = primary ? consoleUrl(primary) : null;
  const fieldsId = useId();
  const historyId = useId();
  const notesId = useId();
  const shows = (...ids: ExportColumnId[]) => !fields || ids.some((id) => fields.includes(id));
  // A period with one end hidden would read as "open-ended": then each end gets its own line.
  const wholePeriod = shows("licenseStartsAt") && shows("licenseEndsAt");

  return (
    <article className="grid gap-5" data-testid="tenant-details" data-tenant-id={tenant.id}>
      <header className="grid gap-2">
        {title(name)}
        <div className="flex flex-wrap items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          {shows("status") ? <StatusBadge status={tenant.status} /> : null}
          {shows("regionCode", "regionName") ? <span>{regionLabel(tenant.regionCode)}</span> : null}
        </div>
        <div className="flex flex-wrap gap-2 pt-1">
          {hub ? (
            <Button asChild variant="primary" size="sm">
              <a href={hub} target="_blank" rel="noopener noreferrer" data-testid="open-hub">
                <ExternalLink aria-hidden />
                Open hub
              </a>
            </Button>
          ) : null}
          {consoleHref ? (
            <Button asChild variant="outline" size="sm">
              <a
                href={consoleHref}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="open-console"
              >
                <Settings aria-hidden />
                Management console
              </a>
            </Button>
          ) : null}
          {actions}
        </div>
      </header>

      {tenant.deletionStartsAt && shows("deletionStartsAt") ? (
        <DeletionNotice iso={tenant.deletionStartsAt} />
      ) : null}
      {tenant.licenseEndsAt && shows("licenseEndsAt") ? (
        <LicenseNotice endsAt={tenant.licenseEndsAt} />
      ) : null}

      <section aria-labelledby={fieldsId}>
        <Section id={fieldsId} className="sr-only">
          Fields
        </Section>
        <dl className="divide-y divide-zinc-200 dark:divide-zinc-800">
          <Field label="Name" testId="field-name">
            <span className="whitespace-pre-wrap">{name}</span>
          </Field>
          <Field label="Tenant ID" testId="field-id">
            <span className="inline-flex items-center gap-1">
              <span className="font-mono text-xs break-all">{tenant.id}</span>
              <CopyButton value={tenant.id} label="Copy tenant ID" />
            </span>
          </Field>
          {shows("status") ? (
            <Field label="Status">
              <StatusBadge status={tenant.status} />
            </Field>
          ) : null}
          {shows("regionCode", "regionName") ? (
            <Field label="Region">{regionLabel(tenant.regionCode)}</Field>
          ) : null}
          {shows("countryCode") ? (
            <Field label="Country">{countryLabel(tenant.countryCode)}</Field>
          ) : null}
          {shows("subscriptionId") ? (
            <Field label="Subscription" testId="field-subscription">
              {tenant.subscriptionId ? (
                <span className="grid justify-items-start gap-0.5">
                  {subscription?.name ? (
                    <span className="font-medium" data-testid="subscription-name">
                      {subscription.name}
                    </span>
                  ) : null}
                  <span className="inline-flex items-center gap-1">
                    <span className="font-mono text-xs">{tenant.subscriptionId}</span>
                    <CopyButton value={tenant.subscriptionId} label="Copy subscription ID" />
                  </span>
                  {subscription?.customerRef ? (
                    <span
                      className="text-xs text-zinc-700 dark:text-zinc-300"
                      data-testid="customer-ref"
                    >
                      Customer reference: {subscription.customerRef}
                    </span>
                  ) : null}
                  {subscriptionAction}
                </span>
              ) : (
                subscriptionLabel(null)
              )}
            </Field>
          ) : null}
          {shows("licenseNumber") ? (
            <Field label="License number">
              <span className="font-mono text-xs">{tenant.licenseNumber ?? "—"}</span>
            </Field>
          ) : null}
          {wholePeriod ? (
            <Field label="License period" testId="field-license">
              <LicensePeriod tenant={tenant} />
            </Field>
          ) : null}
          {!wholePeriod && shows("licenseStartsAt") ? (
            <Field label="License starts">
              {tenant.licenseStartsAt ? formatUtcDate(tenant.licenseStartsAt) : "—"}
            </Field>
          ) : null}
          {!wholePeriod && shows("licenseEndsAt") ? (
            <Field label="License ends">
              {tenant.licenseEndsAt ? formatUtcDate(tenant.licenseEndsAt) : "—"}
            </Field>
          ) : null}
          {shows("hostname", "otherHostnames") ? (
            <Field
              label={
                tenant.hostnames.length === 1
                  ? "Hostname"
                  : `Hostnames (${tenant.hostnames.length})`
              }
              testId="field-hostnames"
            >
              {tenant.hostnames.length ? (
                <ul>
                  {tenant.hostnames.map((h, i) => (
                    <HostnameLinks key={h} hostname={h} primary={i === 0} name={name} />
                  ))}
                </ul>
              ) : (
                "—"
              )}
            </Field>
          ) : null}
          {shows("createdAt") ? (
            <Field label="Created">
              <When iso={tenant.createdAt} />
            </Field>
          ) : null}
          {shows("createdBy") ? (
            <Field label="Created by">
              <span className="font-mono text-xs break-all">{tenant.createdBy ?? "—"}</span>
            </Field>
          ) : null}
          {shows("updatedAt") ? (
            <Field label="Updated">
              <When iso={tenant.updatedAt} />
            </Field>
          ) : null}
          {shows("deletionStartsAt") ? (
            <Field label="Deletion starts">
              <When iso={tenant.deletionStartsAt} />
            </Field>
          ) : null}
        </dl>
      </section>

      {annotations ? (
        <section aria-labelledby={notesId} className="grid gap-2" data-testid="tenant-annotations">
          <Section id={notesId} className="text-base font-semibold">
            Owner, tags and note
          </Section>
          {annotations}
        </section>
      ) : null}

      {changes ? (
        <section aria-labelledby={historyId} className="grid gap-2">
          <Section id={historyId} className="text-base font-semibold">
            Change history{" "}
            <span className="text-sm font-normal text-zinc-700 dark:text-zinc-300">
              ({plural(changes.length, "change")})
            </span>
          </Section>
          <ChangeHistory changes={changes} />
        </section>
      ) : null}
    </article>
  );
}
