"use client";

import { Ban } from "lucide-react";
import type { ShareJson } from "@/lib/shares/types";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { FormError } from "./form-error";
import { useRevokeShare } from "./use-share-actions";

/** Revoking cannot be undone, so it asks first. */
export function RevokeShareDialog({
  share,
  open,
  onOpenChange,
}: {
  share: ShareJson;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const revoke = useRevokeShare(share.id, share.name);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) revoke.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent
        title={`Revoke “${share.name}”?`}
        description="Anyone using the link loses access at once. The link stays in this list as revoked; this cannot be undone."
        role="alertdialog"
      >
        <div className="grid gap-4">
          <FormError error={revoke.error} action="revoke the link" />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button
              variant="primary"
              className="bg-rose-700 hover:bg-rose-800 dark:bg-rose-700 dark:hover:bg-rose-800"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(undefined, { onSuccess: () => onOpenChange(false) })}
              data-testid="confirm-revoke"
            >
              <Ban aria-hidden />
              {revoke.isPending ? "Revoking…" : "Revoke link"}
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
