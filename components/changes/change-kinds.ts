import type { ChangeKind } from "@/lib/tenants/types";

export const CHANGE_KINDS: readonly ChangeKind[] = [
  "added",
  "removed",
  "status_changed",
  "renamed",
  "hostnames_changed",
  "moved_subscription",
  "moved_region",
];

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  added: "Added",
  removed: "Removed",
  status_changed: "Status changed",
  renamed: "Renamed",
  hostnames_changed: "Hostnames changed",
  moved_subscription: "Moved subscription",
  moved_region: "Moved region",
};

export const changeKindLabel = (kind: string) => CHANGE_KIND_LABELS[kind as ChangeKind] ?? kind;
