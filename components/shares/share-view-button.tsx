"use client";

// "Share view" in the explorer toolbar: the form, then the new link (once).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Share2 } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import type { TenantView } from "@/lib/tenants/types";
import { createShare, shareKeys, type CreatedShare } from "@/lib/api-client/shares";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";

// The form and the new link load when the dialog first opens, not with the explorer.
const ShareCreated = dynamic(() => import("./share-created").then((m) => m.ShareCreated));
const ShareForm = dynamic(() => import("./share-form").then((m) => m.ShareForm));

export function ShareViewButton({
  view,
  visibleColumns,
  tenantCount,
  canNeverExpire,
}: {
  view: TenantView;
  visibleColumns: readonly string[];
  tenantCount: number | null;
  canNeverExpire: boolean;
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedShare | null>(null);
  const create = useMutation({
    mutationFn: createShare,
    onSuccess: (result) => {
      setCreated(result);
      void queryClient.invalidateQueries({ queryKey: shareKeys.all });
    },
  });

  const onOpenChange = (next: boolean) => {
    if (next) {
      // Each opening starts a new link from what the explorer shows now.
      setCreated(null);
      create.reset();
    }
    setOpen(next);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" data-testid="share-view">
          <Share2 aria-hidden />
          Share view
        </Button>
      </DialogTrigger>
      <DialogContent
        title={created ? "Link created" : "Share this view"}
        description={
          created
            ? undefined
            : "A read-only link to these tenants for colleagues, with only the columns you choose."
        }
        className="w-[min(36rem,calc(100vw-2rem))]"
        data-testid="share-dialog"
      >
        {created ? (
          <ShareCreated url={created.url} name={created.share.name} />
        ) : (
          <ShareForm
            view={view}
            visibleColumns={visibleColumns}
            tenantCount={tenantCount}
            canNeverExpire={canNeverExpire}
            pending={create.isPending}
            error={create.error}
            onSubmit={(input) => create.mutate(input)}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}
