"use client";

// The details panel's "Team notes" section: the tenant's owner, tags and note from
// GET /api/tenants/{id}/annotations, as an editor for admins and read-only for viewers.
import { useQuery } from "@tanstack/react-query";
import { tenantAnnotationOptions } from "@/lib/api-client/annotations";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { AnnotationEditor } from "./annotation-editor";
import { AnnotationView } from "./annotation-view";

export function TenantAnnotations({ tenantId, canEdit }: { tenantId: string; canEdit: boolean }) {
  const query = useQuery(tenantAnnotationOptions(tenantId));
  if (query.data)
    return canEdit ? (
      <AnnotationEditor key={tenantId} tenantId={tenantId} saved={query.data} />
    ) : (
      <AnnotationView annotation={query.data} />
    );
  if (query.error)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} compact />;
  return (
    <div className="grid gap-2" aria-busy="true">
      <Skeleton className="h-4 w-48" />
      <Skeleton className="h-4 w-32" />
    </div>
  );
}
