"use client";

import { useState } from "react";
import { toast } from "sonner";
import type { ShareJson } from "@/lib/shares/types";
import { useNow } from "@/components/providers/now-provider";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { formatRelative, formatUtc } from "@/components/ui/format-time";
import { ExpiryField } from "./expiry-field";
import { FormError } from "@/components/ui/form-error";
import { DEFAULT_EXPIRY, expiryPayload, type ExpiryChoice } from "./share-expiry";
import { useUpdateShare } from "./use-share-actions";

/** "Expires in 6 days (2025-03-12 10:00:00 UTC)", "Never expires", "Expired 2 hours ago (…)". */
export function expiryText(expiresAt: string | null, now: number): string {
  if (!expiresAt) return "Never expires";
  const verb = Date.parse(expiresAt) <= now ? "Expired" : "Expires";
  return `${verb} ${formatRelative(expiresAt, now)} (${formatUtc(expiresAt)})`;
}

export function ExpiryShareDialog({
  share,
  open,
  onOpenChange,
  canNeverExpire,
}: {
  share: ShareJson;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  canNeverExpire: boolean;
}) {
  const now = useNow();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Change expiry"
        description={`${share.name}: ${expiryText(share.expiresAt, now)}.`}
      >
        <ExpiryForm
          share={share}
          canNeverExpire={canNeverExpire}
          onDone={() => onOpenChange(false)}
        />
      </DialogContent>
    </Dialog>
  );
}

function ExpiryForm({
  share,
  canNeverExpire,
  onDone,
}: {
  share: ShareJson;
  canNeverExpire: boolean;
  onDone: () => void;
}) {
  const now = useNow();
  const [expiry, setExpiry] = useState<{ choice: ExpiryChoice; day: string }>({
    choice: DEFAULT_EXPIRY,
    day: "",
  });
  const [badDate, setBadDate] = useState(false);
  const update = useUpdateShare(share.id);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const fields = expiryPayload(expiry.choice, expiry.day, Date.now());
    setBadDate(fields === null);
    if (!fields || update.isPending) return;
    update.mutate(fields, {
      onSuccess: () => {
        toast.success(`The expiry of “${share.name}” is changed`);
        onDone();
      },
    });
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <ExpiryField
        label="Expires after (counted from now)"
        choice={expiry.choice}
        day={expiry.day}
        onChange={setExpiry}
        allowNever={canNeverExpire}
        now={now}
        error={badDate ? "Choose a date from today to 90 days ahead." : null}
      />
      <FormError error={update.error} action="change the expiry" />
      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save expiry"}
        </Button>
      </div>
    </form>
  );
}
