"use client";

// The new link, shown once: the token exists only in this answer, so there is no way back to it.
import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogClose } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

export function ShareCreated({ url, name }: { url: string; name: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  // The form that had focus is gone: put it on the link, selected, ready to copy.
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  return (
    <div className="grid gap-4" data-testid="share-created">
      <p className="text-sm">
        The link to <strong className="font-semibold">{name}</strong> is ready.
      </p>
      <div className="grid gap-1.5">
        <label htmlFor={id} className="text-sm font-medium">
          Share link
        </label>
        <div className="flex items-center gap-1">
          <Input
            ref={inputRef}
            id={id}
            readOnly
            value={url}
            className="min-w-0 flex-1 font-mono text-xs"
            onFocus={(e) => e.currentTarget.select()}
            data-testid="share-link"
          />
          <CopyButton value={url} label="Copy link" />
        </div>
      </div>
      <p
        role="note"
        className="flex gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      >
        <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          <strong className="font-semibold">You will not see this link again.</strong> Copy it now.
          If it is lost, revoke it under Shares and create a new one.
        </span>
      </p>
      <div className="flex justify-end gap-2">
        <Button asChild variant="ghost">
          <Link href="/shares">Manage links</Link>
        </Button>
        <DialogClose asChild>
          <Button variant="primary">Done</Button>
        </DialogClose>
      </div>
    </div>
  );
}
