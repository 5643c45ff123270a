"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { ExplorerDataSource } from "@/lib/api-client/tenants";
import { TenantDetailsPanel } from "./tenant-details-panel";

/** /tenants/{id}: the shared details component with a page heading. */
export function TenantPageBody({
  source,
  tenantId,
  canEdit = false,
}: {
  source: ExplorerDataSource;
  tenantId: string;
  /** An admin: may name the subscription and edit the owner, tags and note. */
  canEdit?: boolean;
}) {
  return (
    <div className="grid gap-4">
      <Link
        href="/"
        className="inline-flex w-fit items-center gap-1 rounded text-sm text-sky-800 hover:underline focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:text-sky-300"
      >
        <ArrowLeft aria-hidden className="size-4" />
        All tenants
      </Link>
      <TenantDetailsPanel
        source={source}
        tenantId={tenantId}
        sectionHeading="h2"
        annotations={{ canEdit }}
        loadingTitle={<h1 className="text-2xl font-semibold">Tenant</h1>}
        title={(text) => (
          <h1
            className="text-2xl font-semibold break-words whitespace-pre-wrap"
            data-testid="tenant-title"
          >
            {text}
          </h1>
        )}
      />
    </div>
  );
}
