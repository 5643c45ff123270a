import { cn } from "@/components/ui/cn";
import { statusLabel } from "./format";

// Text colours keep at least 4.5:1 against their background in both themes.
export const STATUS_STYLES: Record<string, { badge: string; bar: string }> = {
  active: {
    badge: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
    bar: "bg-emerald-600 dark:bg-emerald-500",
  },
  disabled: {
    badge: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
    bar: "bg-amber-500 dark:bg-amber-400",
  },
  deactivated: {
    badge: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
    bar: "bg-orange-600 dark:bg-orange-500",
  },
  deleted: {
    badge: "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-200",
    bar: "bg-rose-600 dark:bg-rose-500",
  },
};
const FALLBACK = {
  badge: "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100",
  bar: "bg-zinc-500",
};

export const statusStyle = (status: string) => STATUS_STYLES[status] ?? FALLBACK;

export function StatusBadge({ status, className }: { status: string; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium",
        statusStyle(status).badge,
        className,
      )}
    >
      {statusLabel(status)}
    </span>
  );
}
