import { Ban, CheckCircle2, Clock } from "lucide-react";
import type { ShareStatus } from "@/lib/shares/types";
import { cn } from "@/components/ui/cn";

// Icon and word as well as colour, so the state reads without colour vision.
const STYLES: Record<ShareStatus, { label: string; icon: typeof Ban; className: string }> = {
  active: {
    label: "Active",
    icon: CheckCircle2,
    className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  },
  expired: {
    label: "Expired",
    icon: Clock,
    className: "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100",
  },
  revoked: {
    label: "Revoked",
    icon: Ban,
    className: "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-200",
  },
};

export function ShareStatusBadge({ status }: { status: ShareStatus }) {
  const { label, icon: Icon, className } = STYLES[status];
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium",
        className,
      )}
      data-status={status}
    >
      <Icon aria-hidden className="size-3.5" />
      {label}
    </span>
  );
}
