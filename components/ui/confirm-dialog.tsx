"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";

/**
 * "Are you sure?" before a change that cannot be undone (revoking a link, deleting an alert rule):
 * an alert dialog with Cancel and a red confirm button, the server's refusal in plain words, and a
 * fresh start (`onReset`) each time it opens.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  onReset,
  title,
  description,
  error,
  errorAction,
  confirm,
  pending,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Forgets the last attempt's error (called when the dialog opens). */
  onReset: () => void;
  title: string;
  description: string;
  /** The last attempt's failure, from the server. */
  error: unknown;
  /** What failed, for the error line: "revoke the link". */
  errorAction: string;
  confirm: { label: string; pendingLabel: string; icon: ReactNode; testId: string };
  pending: boolean;
  onConfirm: () => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) onReset();
        onOpenChange(next);
      }}
    >
      <DialogContent title={title} description={description} role="alertdialog">
        <div className="grid gap-4">
          <FormError error={error} action={errorAction} />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button
              variant="primary"
              className="bg-rose-700 hover:bg-rose-800 dark:bg-rose-700 dark:hover:bg-rose-800"
              disabled={pending}
              onClick={onConfirm}
              data-testid={confirm.testId}
            >
              {confirm.icon}
              {pending ? confirm.pendingLabel : confirm.label}
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
