"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { ExportColumnId } from "@/lib/tenants/export/columns";
import { tenantDetailOptions, type ExplorerDataSource } from "@/lib/api-client/tenants";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { TenantDetails } from "./tenant-details";

/** Loads a tenant's details and history, with a skeleton and an error that says what to do. */
export function TenantDetailsPanel({
  source,
  tenantId,
  title,
  actions,
  loadingTitle,
  sectionHeading,
  fields,
}: {
  source: ExplorerDataSource;
  tenantId: string;
  title: (text: string) => ReactNode;
  actions?: (id: string) => ReactNode;
  /** The heading while loading (a dialog needs a title from the start). */
  loadingTitle: ReactNode;
  sectionHeading?: "h2" | "h3";
  /** The fields the source shows (all when absent). */
  fields?: readonly ExportColumnId[];
}) {
  const query = useQuery(tenantDetailOptions(source, tenantId));
  if (query.data)
    return (
      <TenantDetails
        tenant={query.data.tenant}
        changes={query.data.changes ?? null}
        fields={fields}
        title={title}
        actions={actions?.(query.data.tenant.id)}
        sectionHeading={sectionHeading}
      />
    );
  if (query.error)
    return (
      <div className="grid gap-4">
        {loadingTitle}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} compact />
      </div>
    );
  return (
    <div className="grid gap-4" aria-busy="true">
      {loadingTitle}
      <Skeleton className="h-5 w-40" />
      <Skeleton className="h-9 w-64" />
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} className="h-4" />
      ))}
    </div>
  );
}
