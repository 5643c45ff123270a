import type { ChangeFeedEntry } from "@/lib/annotations/feed";
import type { TenantChange } from "@/lib/tenants/types";
import { regionLabel } from "@/lib/regions";
import { displayName, statusLabel } from "@/components/tenants/format";

function display(kind: TenantChange["kind"], value: string | null): string {
  if (kind === "renamed") return displayName(value ?? "");
  if (value === null || value === "") return "—";
  if (kind === "status_changed") return statusLabel(value);
  if (kind === "moved_region") return regionLabel(value);
  return value;
}

/** A subscription by its name when it has one (the id on hover and for screen readers). */
function Subscription({ id, name }: { id: string | null; name: string | null | undefined }) {
  if (id === null || id === "") return <>—</>;
  if (!name) return <span className="tabular-nums">{id}</span>;
  return (
    <span title={`Subscription ${id}`} data-testid="change-subscription-name">
      {name}
      <span className="sr-only"> (subscription {id})</span>
    </span>
  );
}

/** What the team had recorded about a removed tenant: owner, tags, note. */
function RemovedAnnotation({
  annotation,
}: {
  annotation: NonNullable<ChangeFeedEntry["annotation"]>;
}) {
  return (
    <span
      className="mt-0.5 block text-xs text-zinc-700 dark:text-zinc-300"
      data-testid="change-annotation"
    >
      {annotation.owner ? (
        <span className="mr-2">
          Owner:{" "}
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{annotation.owner}</span>
        </span>
      ) : null}
      {annotation.tags.length ? (
        <span className="mr-2">
          <span className="sr-only">Tags: </span>
          {annotation.tags.map((tag) => (
            <span
              key={tag}
              className="mr-1 inline-block rounded-full border border-zinc-300 px-1.5 py-px dark:border-zinc-700"
            >
              {tag}
            </span>
          ))}
        </span>
      ) : null}
      {annotation.note ? (
        <span className="block truncate" title={annotation.note}>
          Note: {annotation.note}
        </span>
      ) : null}
    </span>
  );
}

/** "before → after" for a change, as text (with subscription names and a removed tenant's annotation when known). */
export function ChangeValue({ change }: { change: ChangeFeedEntry }) {
  if (change.kind === "added" || change.kind === "removed") {
    const value = change.after ?? change.before;
    return (
      <>
        {value ? <span className="break-words">{value}</span> : null}
        {change.kind === "removed" && change.annotation ? (
          <RemovedAnnotation annotation={change.annotation} />
        ) : null}
      </>
    );
  }
  const before =
    change.kind === "moved_subscription" ? (
      <Subscription id={change.before} name={change.subscriptionName?.before} />
    ) : (
      display(change.kind, change.before)
    );
  const after =
    change.kind === "moved_subscription" ? (
      <Subscription id={change.after} name={change.subscriptionName?.after} />
    ) : (
      display(change.kind, change.after)
    );
  return (
    <span className="break-words">
      <span className="text-zinc-700 line-through decoration-zinc-400 dark:text-zinc-300">
        {before}
      </span>
      <span aria-hidden> → </span>
      <span className="sr-only"> changed to </span>
      <span>{after}</span>
    </span>
  );
}
