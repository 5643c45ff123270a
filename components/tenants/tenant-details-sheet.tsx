"use client";

import { Maximize2 } from "lucide-react";
import Link from "next/link";
import type { ExportColumnId } from "@/lib/tenants/export/columns";
import type { ExplorerDataSource } from "@/lib/api-client/tenants";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetTitle } from "@/components/ui/sheet";
import { TenantDetailsPanel, type DetailsAnnotations } from "./tenant-details-panel";

/** The side panel opened from a row (URL param `tenant=<id>`). */
export function TenantDetailsSheet({
  source,
  tenantId,
  onClose,
  fullPageHref,
  returnFocusTo,
  fields,
  annotations,
}: {
  source: ExplorerDataSource;
  tenantId: string | null;
  onClose: () => void;
  /** Link to the tenant's own page; null in read-only views. */
  fullPageHref: ((id: string) => string) | null;
  /** DOM id of the element that gets focus back on close (the panel has no trigger button). */
  returnFocusTo?: string;
  /** The fields the source shows (all when absent). */
  fields?: readonly ExportColumnId[];
  /** The organization's annotations (admins edit); absent: what the source sends. */
  annotations?: DetailsAnnotations | null;
}) {
  return (
    <Sheet open={tenantId !== null} onOpenChange={(open) => !open && onClose()}>
      {tenantId !== null ? (
        <SheetContent
          closeLabel="Close tenant details"
          data-testid="tenant-sheet"
          onCloseAutoFocus={(e) => {
            const target = returnFocusTo ? document.getElementById(returnFocusTo) : null;
            if (target) {
              e.preventDefault();
              target.focus();
            }
          }}
        >
          <SheetDescription className="sr-only">
            {fields ? "Details of the tenant" : "Details and change history of the tenant"}
          </SheetDescription>
          <div className="min-h-0 flex-1 overflow-y-auto p-5 pr-12">
            <TenantDetailsPanel
              source={source}
              tenantId={tenantId}
              fields={fields}
              annotations={annotations}
              loadingTitle={
                <SheetTitle className="text-lg font-semibold">Tenant details</SheetTitle>
              }
              title={(text) => (
                <SheetTitle
                  className="text-lg font-semibold break-words whitespace-pre-wrap"
                  data-testid="tenant-title"
                >
                  {text}
                </SheetTitle>
              )}
              actions={
                fullPageHref
                  ? (id) => (
                      <Button asChild variant="ghost" size="sm">
                        <Link href={fullPageHref(id)} data-testid="open-full-page">
                          <Maximize2 aria-hidden />
                          Open full page
                        </Link>
                      </Button>
                    )
                  : undefined
              }
            />
          </div>
        </SheetContent>
      ) : null}
    </Sheet>
  );
}
