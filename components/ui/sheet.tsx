"use client";

import { X } from "lucide-react";
import { Dialog } from "radix-ui";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";
import { focusRing } from "./focus";

export const Sheet = Dialog.Root;
export const SheetTrigger = Dialog.Trigger;
export const SheetClose = Dialog.Close;
export const SheetTitle = Dialog.Title;
export const SheetDescription = Dialog.Description;

const SIDES = {
  right:
    "inset-y-0 right-0 w-full max-w-xl border-l sm:w-[36rem] dark:bg-zinc-950 dark:text-zinc-100",
  // A phone's bottom sheet: the page stays visible above it; its own content scrolls.
  bottom:
    "inset-x-0 bottom-0 max-h-[85dvh] w-full rounded-t-xl border-t dark:bg-zinc-900 dark:text-zinc-100",
} as const;

/** A dialog that slides in from an edge: focus is trapped inside and Escape closes it. */
export function SheetContent({
  className,
  children,
  closeLabel = "Close",
  side = "right",
  ...props
}: ComponentProps<typeof Dialog.Content> & {
  closeLabel?: string;
  side?: keyof typeof SIDES;
  children: ReactNode;
}) {
  return (
    <Dialog.Portal>
      <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/40" />
      <Dialog.Content
        className={cn(
          "fixed z-50 flex flex-col border-zinc-200 bg-white text-zinc-900 shadow-xl outline-none dark:border-zinc-800",
          SIDES[side],
          className,
        )}
        {...props}
      >
        {children}
        <Dialog.Close
          className={cn(
            "absolute top-3 right-3 inline-flex size-8 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
            focusRing,
          )}
          aria-label={closeLabel}
        >
          <X aria-hidden className="size-4" />
        </Dialog.Close>
      </Dialog.Content>
    </Dialog.Portal>
  );
}
