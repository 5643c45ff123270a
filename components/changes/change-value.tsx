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

/** "before → after" for a change, as text. */
export function ChangeValue({ change }: { change: TenantChange }) {
  if (change.kind === "added" || change.kind === "removed") {
    const value = change.after ?? change.before;
    return value ? <span className="break-words">{value}</span> : null;
  }
  return (
    <span className="break-words">
      <span className="text-zinc-700 line-through decoration-zinc-400 dark:text-zinc-300">
        {display(change.kind, change.before)}
      </span>
      <span aria-hidden> → </span>
      <span className="sr-only"> changed to </span>
      <span>{display(change.kind, change.after)}</span>
    </span>
  );
}
