"use client";

// One link's actions: open its view in the explorer, rename, change expiry, allow or stop export,
// revoke. The dialogs live outside the menu so the menu can close before one opens.
import { Ban, CalendarClock, Download, ExternalLink, MoreHorizontal, Pencil } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import type { ShareJson } from "@/lib/shares/types";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { ExpiryShareDialog } from "./expiry-share-dialog";
import { plainError } from "@/components/ui/form-error";
import { RenameShareDialog } from "./rename-share-dialog";
import { RevokeShareDialog } from "./revoke-share-dialog";
import { useUpdateShare } from "./use-share-actions";

type Open = "rename" | "expiry" | "revoke" | null;

export function ShareRowActions({
  share,
  canNeverExpire,
}: {
  share: ShareJson;
  canNeverExpire: boolean;
}) {
  const [open, setOpen] = useState<Open>(null);
  const update = useUpdateShare(share.id);
  const revoked = share.status === "revoked";
  const dialog = (which: Exclude<Open, null>) => ({
    open: open === which,
    onOpenChange: (next: boolean) => setOpen(next ? which : null),
  });

  const toggleExport = () =>
    update.mutate(
      { allowExport: !share.allowExport },
      {
        onSuccess: () =>
          toast.success(
            share.allowExport
              ? `“${share.name}” no longer allows export`
              : `“${share.name}” now allows export`,
          ),
        onError: (error) => toast.error(`Could not change the export. ${plainError(error)}`),
      },
    );

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            size="icon"
            variant="ghost"
            aria-label={`Actions for ${share.name}`}
            data-testid="share-actions"
          >
            <MoreHorizontal aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuItem asChild>
            <Link href={share.view ? `/?${share.view}` : "/"}>
              <ExternalLink aria-hidden className="absolute left-2 size-4" />
              Open as view
            </Link>
          </DropdownMenuItem>
          {revoked ? null : (
            <>
              <DropdownMenuItem onSelect={() => setOpen("rename")}>
                <Pencil aria-hidden className="absolute left-2 size-4" />
                Rename…
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => setOpen("expiry")}>
                <CalendarClock aria-hidden className="absolute left-2 size-4" />
                Change expiry…
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={toggleExport} disabled={update.isPending}>
                <Download aria-hidden className="absolute left-2 size-4" />
                {share.allowExport ? "Stop export" : "Allow export"}
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem
                onSelect={() => setOpen("revoke")}
                className="text-rose-800 dark:text-rose-300"
              >
                <Ban aria-hidden className="absolute left-2 size-4" />
                Revoke…
              </DropdownMenuItem>
            </>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
      {revoked ? null : (
        <>
          <RenameShareDialog share={share} {...dialog("rename")} />
          <ExpiryShareDialog share={share} canNeverExpire={canNeverExpire} {...dialog("expiry")} />
          <RevokeShareDialog share={share} {...dialog("revoke")} />
        </>
      )}
    </>
  );
}
