"use client";

// The explorer's columns. Ids are the API's sort fields (see explorer-url.ts); the width is the
// column's CSS grid track, since rows are absolutely positioned grids rather than <tr>s.
import type { ReactNode } from "react";
import { regionLabel } from "@/lib/regions";
import type { Tenant, TenantRow } from "@/lib/tenants/types";
import { RelativeTime } from "@/components/ui/relative-time";
import { DeletionCountdown } from "./deletion-countdown";
import type { ColumnId } from "./explorer-url";
import { countryLabel, displayName, subscriptionLabel } from "./format";
import { hubUrl } from "./hub-links";
import { LicenseEnds } from "./license-ends";
import { SearchMatch } from "./search-match";
import { StatusBadge } from "./status-badge";
import { TagChips } from "./tag-chips";

export interface TenantColumn {
  id: ColumnId;
  label: string;
  /** Minimum width (rem) and share of the spare width (fr; 0 = fixed). */
  minRem: number;
  grow: number;
  /** The cell's content for one tenant (with where a search found it). */
  render: (tenant: TenantRow) => ReactNode;
  cellClass: string;
}

/** The name (or the no-name wording, set apart), and what else a search matched if not the name. */
function Name({ tenant }: { tenant: TenantRow }) {
  const blank = tenant.name.trim() === "";
  return (
    <span className="flex min-w-0 items-center gap-2">
      <span
        data-name
        className={
          blank ? "truncate font-normal text-zinc-700 italic dark:text-zinc-300" : "truncate"
        }
      >
        {displayName(tenant.name)}
      </span>
      {tenant.match ? <SearchMatch fields={tenant.match} /> : null}
    </span>
  );
}

function Hostname({ tenant }: { tenant: Tenant }) {
  const primary = tenant.hostnames[0];
  if (!primary) return <>—</>;
  const href = hubUrl(primary);
  const more = tenant.hostnames.length - 1;
  return (
    <>
      {href ? (
        <a
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          tabIndex={-1}
          className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
          onClick={(e) => e.stopPropagation()}
          title={`Open ${primary} in a new tab`}
        >
          {primary}
        </a>
      ) : (
        primary
      )}
      {more > 0 ? (
        <span
          className="ml-1 text-xs text-zinc-600 dark:text-zinc-400"
          title={tenant.hostnames.slice(1).join(", ")}
        >
          +{more}
        </span>
      ) : null}
    </>
  );
}

/** A note on one line (the row is one line high); the whole text in the title. */
function NoteCell({ note }: { note: string | null }) {
  if (!note) return <>—</>;
  return <span title={note}>{note.replace(/\s+/g, " ")}</span>;
}

// Font size only: the cell's line height centres the text in the row.
const mono = "font-mono text-[0.75rem]";

function column(
  id: ColumnId,
  label: string,
  width: { min: number; grow?: number },
  render: TenantColumn["render"],
  cellClass = "",
): TenantColumn {
  return { id, label, minRem: width.min, grow: width.grow ?? 0, render, cellClass };
}

export const TENANT_COLUMNS: readonly TenantColumn[] = [
  column("name", "Name", { min: 14, grow: 2 }, (t) => <Name tenant={t} />, "font-medium"),
  column("status", "Status", { min: 7.5 }, (t) => <StatusBadge status={t.status} />),
  column("regionCode", "Region", { min: 13, grow: 1.4 }, (t) => regionLabel(t.regionCode)),
  column("countryCode", "Country", { min: 9, grow: 1 }, (t) => countryLabel(t.countryCode)),
  column(
    "subscriptionId",
    "Subscription",
    { min: 11 },
    (t) => subscriptionLabel(t.subscriptionId),
    mono,
  ),
  column(
    "subscriptionName",
    "Subscription name",
    { min: 12, grow: 1 },
    (t) => t.subscriptionName ?? "—",
  ),
  column("owner", "Owner", { min: 11, grow: 1 }, (t) => t.owner ?? "—"),
  column("tags", "Tags", { min: 11, grow: 1 }, (t) => <TagChips tags={t.tags} />),
  column("hostname", "Hostname", { min: 12, grow: 1.6 }, (t) => <Hostname tenant={t} />),
  column("id", "Tenant ID", { min: 18.5 }, (t) => t.id, mono),
  column("createdAt", "Created", { min: 8.5 }, (t) => <RelativeTime iso={t.createdAt} />),
  column("updatedAt", "Updated", { min: 8.5 }, (t) => <RelativeTime iso={t.updatedAt} />),
  // Wide enough for "Ended 11 mo. ago" in bold; the hostname gave the 2 rem (it grows into spare
  // width, and a cut-off hostname has its full text in the link's title).
  column("licenseEndsAt", "License ends", { min: 11 }, (t) => (
    <LicenseEnds iso={t.licenseEndsAt} />
  )),
  column(
    "deletionStartsAt",
    "Deletion starts",
    { min: 9 },
    (t) => <DeletionCountdown iso={t.deletionStartsAt} />,
    "font-medium text-rose-800 dark:text-rose-300",
  ),
  column("note", "Note", { min: 14, grow: 1.5 }, (t) => <NoteCell note={t.note} />),
];

/** The grid track of a column: its minimum, growing with its share of spare width. */
export function columnTrack({ minRem, grow }: TenantColumn): string {
  return grow ? `minmax(${minRem}rem, ${grow}fr)` : `${minRem}rem`;
}

/** Column labels by id (sort fields without a column of their own read as their id). */
export const COLUMN_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  TENANT_COLUMNS.map((c) => [c.id, c.label]),
);
