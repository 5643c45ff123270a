"use client";

// One rule's actions: "Send test" and "Delivery log" as buttons (the things people do most), and a
// menu to edit, turn on or off, and delete. The dialogs live outside the menu so the menu can
// close before one opens.
import { FlaskConical, MoreHorizontal, Pencil, Power, ScrollText, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import type { AlertRuleJson, AlertTestResponse } from "@/lib/alerts/types";
import { plainError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { AlertRuleDialog } from "./alert-rule-dialog";
import { DeleteRuleDialog } from "./delete-rule-dialog";
import { DeliveryLogDialog } from "./delivery-log-dialog";
import { draftFromRule } from "./rule-draft";
import { useTestRule, useUpdateRule } from "./use-alert-actions";

type Open = "edit" | "delete" | "log" | null;

function reportTest(rule: AlertRuleJson, answer: AlertTestResponse) {
  const failed = answer.results.filter((r) => r.status === "failed");
  if (failed.length === 0) {
    toast.success(
      `Test sent to ${answer.results.map((r) => r.channel.label).join(", ")}. See the delivery log.`,
    );
    return;
  }
  for (const f of failed)
    toast.error(`Test of “${rule.name}” failed for ${f.channel.label}: ${f.error ?? "no reason"}`);
}

export function AlertRuleActions({ rule }: { rule: AlertRuleJson }) {
  const [open, setOpen] = useState<Open>(null);
  const test = useTestRule(rule.id);
  const update = useUpdateRule(rule.id);
  const dialog = (which: Exclude<Open, null>) => ({
    open: open === which,
    onOpenChange: (next: boolean) => setOpen(next ? which : null),
  });

  const toggle = () =>
    update.mutate(
      { enabled: !rule.enabled },
      {
        onSuccess: () =>
          toast.success(rule.enabled ? `“${rule.name}” is off` : `“${rule.name}” is on`),
        onError: (error) => toast.error(`Could not change the rule. ${plainError(error)}`),
      },
    );

  return (
    <div className="flex items-center justify-end gap-1">
      <Button
        size="sm"
        disabled={test.isPending}
        onClick={() =>
          test.mutate(undefined, {
            onSuccess: (answer) => reportTest(rule, answer),
            onError: (error) => toast.error(`Could not send a test. ${plainError(error)}`),
          })
        }
        aria-label={`Send test for ${rule.name}`}
        data-testid="rule-send-test"
      >
        <FlaskConical aria-hidden />
        {test.isPending ? "Sending…" : "Send test"}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setOpen("log")}
        aria-label={`Delivery log of ${rule.name}`}
        data-testid="rule-delivery-log"
      >
        <ScrollText aria-hidden />
        Delivery log
      </Button>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            size="icon"
            variant="ghost"
            aria-label={`Actions for ${rule.name}`}
            data-testid="rule-actions"
          >
            <MoreHorizontal aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuItem onSelect={() => setOpen("edit")}>
            <Pencil aria-hidden className="absolute left-2 size-4" />
            Edit…
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={toggle} disabled={update.isPending}>
            <Power aria-hidden className="absolute left-2 size-4" />
            {rule.enabled ? "Turn off" : "Turn on"}
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem
            onSelect={() => setOpen("delete")}
            className="text-rose-800 dark:text-rose-300"
          >
            <Trash2 aria-hidden className="absolute left-2 size-4" />
            Delete…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <AlertRuleDialog rule={rule} initial={() => draftFromRule(rule)} {...dialog("edit")} />
      <DeleteRuleDialog rule={rule} {...dialog("delete")} />
      <DeliveryLogDialog rule={rule} {...dialog("log")} />
    </div>
  );
}
