// A rule's trigger in words, for the rule list, the form and the delivery log. Client-safe.
import type { AlertTrigger, TriggerKind } from "@/lib/alerts/types";
import { STATUS_LABELS } from "@/components/tenants/format";

/** The trigger picker's choices, in the order the issue lists them. */
export const TRIGGER_CHOICES: readonly { kind: TriggerKind; label: string }[] = [
  { kind: "licenseEndsWithin", label: "License ends within N days" },
  { kind: "deletionScheduled", label: "Deletion scheduled" },
  { kind: "statusChanged", label: "Status changed" },
  { kind: "tenantAdded", label: "Tenant added" },
  { kind: "tenantRemoved", label: "Tenant removed" },
  { kind: "renamedOrMoved", label: "Renamed or moved (region or subscription)" },
];

const statusWord = (s: string) => STATUS_LABELS[s] ?? s;

/** "License ends within 30 days", "Status changed to Disabled or Deleted", "Tenant added". */
export function triggerText(trigger: AlertTrigger): string {
  switch (trigger.kind) {
    case "licenseEndsWithin":
      return `License ends within ${trigger.days} ${trigger.days === 1 ? "day" : "days"}`;
    case "deletionScheduled":
      return "Deletion scheduled";
    case "statusChanged":
      return trigger.to?.length
        ? `Status changed to ${trigger.to.map(statusWord).join(" or ")}`
        : "Status changed (to any status)";
    case "tenantAdded":
      return "Tenant added";
    case "tenantRemoved":
      return "Tenant removed";
    case "renamedOrMoved":
      return "Renamed or moved (region or subscription)";
  }
}
