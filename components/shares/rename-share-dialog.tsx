"use client";

import { useId, useState } from "react";
import { toast } from "sonner";
import type { ShareJson } from "@/lib/shares/types";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { FormError } from "@/components/ui/form-error";
import { NAME_MAX } from "./share-form";
import { useUpdateShare } from "./use-share-actions";

export function RenameShareDialog({
  share,
  open,
  onOpenChange,
}: {
  share: ShareJson;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Rename link" description="Visitors see the new name at once.">
        <RenameForm share={share} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function RenameForm({ share, onDone }: { share: ShareJson; onDone: () => void }) {
  const id = useId();
  const [name, setName] = useState(share.name);
  const [empty, setEmpty] = useState(false);
  const update = useUpdateShare(share.id);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const next = name.trim();
    setEmpty(next === "");
    if (next === "" || update.isPending) return;
    update.mutate(
      { name: next },
      {
        onSuccess: () => {
          toast.success(`Renamed to “${next}”`);
          onDone();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <div className="grid gap-1.5">
        <label htmlFor={id} className="text-sm font-medium">
          Name
        </label>
        <Input
          id={id}
          value={name}
          maxLength={NAME_MAX}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={empty || undefined}
          aria-describedby={empty ? `${id}-error` : undefined}
          required
        />
        {empty ? (
          <p id={`${id}-error`} className="text-xs text-red-700 dark:text-red-400">
            The name cannot be empty.
          </p>
        ) : null}
      </div>
      <FormError error={update.error} action="rename the link" />
      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save name"}
        </Button>
      </div>
    </form>
  );
}
