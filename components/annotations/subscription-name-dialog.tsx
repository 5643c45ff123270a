"use client";

// Admins name a subscription ("Acme OEM — production") and give its customer reference: PUT
// /api/subscriptions/{id}. An empty name takes the name away (the id shows again). Afterwards every
// tenants query is refreshed, so facets, groups, charts and rows show the new name at once.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import {
  CUSTOMER_REF_MAX_LENGTH,
  customerRefSchema,
  SUBSCRIPTION_NAME_MAX_LENGTH,
  subscriptionNameSchema,
} from "@/lib/annotations/values";
import { annotationKeys, saveSubscriptionLabel } from "@/lib/api-client/annotations";
import { tenantKeys } from "@/lib/api-client/tenants";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

export interface SubscriptionLabelValue {
  name: string | null;
  customerRef: string | null;
}

function firstIssue(result: { error?: { issues: { message: string }[] } }): string | null {
  return result.error?.issues[0]?.message ?? null;
}

function NameForm({
  subscriptionId,
  current,
  onDone,
}: {
  subscriptionId: string;
  current: SubscriptionLabelValue;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(current.name ?? "");
  const [customerRef, setCustomerRef] = useState(current.customerRef ?? "");
  const nameId = useId();
  const refId = useId();
  const save = useMutation({
    mutationFn: () =>
      saveSubscriptionLabel(subscriptionId, {
        name: name.trim() || null,
        customerRef: customerRef.trim() || null,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: annotationKeys.subscriptions });
      void queryClient.invalidateQueries({ queryKey: tenantKeys.all });
      toast.success(
        name.trim() ? `Subscription ${subscriptionId} is now “${name.trim()}”` : "Name removed",
      );
      onDone();
    },
  });
  const nameError = name.trim() ? firstIssue(subscriptionNameSchema.safeParse(name)) : null;
  const refError = firstIssue(customerRefSchema.safeParse(customerRef));

  return (
    <form
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!nameError && !refError) save.mutate();
      }}
    >
      <div className="grid gap-1">
        <label htmlFor={nameId} className="text-sm font-medium">
          Name
        </label>
        <Input
          id={nameId}
          value={name}
          maxLength={SUBSCRIPTION_NAME_MAX_LENGTH}
          placeholder="e.g. Acme OEM — production"
          onChange={(e) => setName(e.target.value)}
          aria-invalid={nameError !== null || undefined}
          data-testid="subscription-name-input"
        />
        <p className="text-xs text-zinc-700 dark:text-zinc-300">
          {nameError ?? "Leave it empty to show the subscription's ID again."}
        </p>
      </div>
      <div className="grid gap-1">
        <label htmlFor={refId} className="text-sm font-medium">
          Customer reference <span className="font-normal">(optional)</span>
        </label>
        <Input
          id={refId}
          value={customerRef}
          maxLength={CUSTOMER_REF_MAX_LENGTH}
          placeholder="e.g. an account number in your CRM"
          onChange={(e) => setCustomerRef(e.target.value)}
          aria-invalid={refError !== null || undefined}
          data-testid="customer-ref-input"
        />
        {refError ? (
          <p role="alert" className="text-xs text-rose-800 dark:text-rose-300">
            {refError}
          </p>
        ) : null}
      </div>
      <FormError error={save.error} action="save the name" />
      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant="ghost" size="sm">
            Cancel
          </Button>
        </DialogClose>
        <Button
          type="submit"
          variant="primary"
          size="sm"
          disabled={save.isPending || nameError !== null || refError !== null}
          data-testid="save-subscription-name"
        >
          Save
        </Button>
      </div>
    </form>
  );
}

/** A button ("Name subscription" / "Rename") and its dialog. */
export function SubscriptionNameButton({
  subscriptionId,
  current,
  className,
}: {
  subscriptionId: string;
  current: SubscriptionLabelValue;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className={className} data-testid="name-subscription">
          <Pencil aria-hidden />
          {current.name ? "Rename subscription" : "Name subscription"}
        </Button>
      </DialogTrigger>
      <DialogContent
        title={current.name ? "Rename subscription" : "Name subscription"}
        description={`Subscription ${subscriptionId}: the name shows wherever its ID did, for everyone.`}
        data-testid="subscription-name-dialog"
      >
        {open ? (
          <NameForm
            subscriptionId={subscriptionId}
            current={current}
            onDone={() => setOpen(false)}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
