"use client";

import { Trash2 } from "lucide-react";
import { toast } from "sonner";
import type { AlertRuleJson } from "@/lib/alerts/types";
import { FormError } from "@/components/shares/form-error";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { useDeleteRule } from "./use-alert-actions";

/** Deleting a rule cannot be undone, so it asks first. */
export function DeleteRuleDialog({
  rule,
  open,
  onOpenChange,
}: {
  rule: AlertRuleJson;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const remove = useDeleteRule(rule.id);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) remove.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent
        title={`Delete “${rule.name}”?`}
        description="Its channels get no more messages, and its delivery log goes with it. This cannot be undone."
        role="alertdialog"
      >
        <div className="grid gap-4">
          <FormError error={remove.error} action="delete the rule" />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button
              variant="primary"
              className="bg-rose-700 hover:bg-rose-800 dark:bg-rose-700 dark:hover:bg-rose-800"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(undefined, {
                  onSuccess: () => {
                    toast.success(`Deleted “${rule.name}”`);
                    onOpenChange(false);
                  },
                })
              }
              data-testid="confirm-delete-rule"
            >
              <Trash2 aria-hidden />
              {remove.isPending ? "Deleting…" : "Delete rule"}
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
