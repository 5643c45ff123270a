"use client";

import { Ban } from "lucide-react";
import type { ShareJson } from "@/lib/shares/types";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      onReset={revoke.reset}
      title={`Revoke “${share.name}”?`}
      description="Anyone using the link loses access at once. The link stays in this list as revoked; this cannot be undone."
      error={revoke.error}
      errorAction="revoke the link"
      confirm={{
        label: "Revoke link",
        pendingLabel: "Revoking…",
        icon: <Ban aria-hidden />,
        testId: "confirm-revoke",
      }}
      pending={revoke.isPending}
      onConfirm={() => revoke.mutate(undefined, { onSuccess: () => onOpenChange(false) })}
    />
  );
}
