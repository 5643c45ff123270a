import { CheckCircle2, Clock, RefreshCw, XCircle } from "lucide-react";
import type { DeliveryStatus } from "@/lib/alerts/types";
import { cn } from "@/components/ui/cn";

// Icon and word as well as colour, so the state reads without colour vision.
const STYLES: Record<DeliveryStatus, { label: string; icon: typeof Clock; className: string }> = {
  sent: {
    label: "Sent",
    icon: CheckCircle2,
    className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  },
  failed: {
    label: "Failed",
    icon: XCircle,
    className: "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-200",
  },
  retrying: {
    label: "Retrying",
    icon: RefreshCw,
    className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  },
  pending: {
    label: "Pending",
    icon: Clock,
    className: "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100",
  },
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const { label, icon: Icon, className } = STYLES[status];
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        className,
      )}
      data-status={status}
      data-testid="delivery-status"
    >
      <Icon aria-hidden className="size-3.5" />
      {label}
    </span>
  );
}
