import type { ComponentProps } from "react";
import { cn } from "./cn";
import { focusRing } from "./focus";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return (
    <input
      className={cn(
        "block h-9 rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 placeholder:text-zinc-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400",
        focusRing,
        className,
      )}
      {...props}
    />
  );
}
