"use client";

import { Trash2 } from "lucide-react";
import { toast } from "sonner";
import type { AlertRuleJson } from "@/lib/alerts/types";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      onReset={remove.reset}
      title={`Delete “${rule.name}”?`}
      description="Its channels get no more messages, and its delivery log goes with it. This cannot be undone."
      error={remove.error}
      errorAction="delete the rule"
      confirm={{
        label: "Delete rule",
        pendingLabel: "Deleting…",
        icon: <Trash2 aria-hidden />,
        testId: "confirm-delete-rule",
      }}
      pending={remove.isPending}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            toast.success(`Deleted “${rule.name}”`);
            onOpenChange(false);
          },
        })
      }
    />
  );
}
