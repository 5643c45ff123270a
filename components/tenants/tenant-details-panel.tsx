"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { ExportColumnId } from "@/lib/tenants/export/columns";
import type { Tenant } from "@/lib/tenants/types";
import { subscriptionsOptions } from "@/lib/api-client/annotations";
import { tenantDetailOptions, type ExplorerDataSource } from "@/lib/api-client/tenants";
import { AnnotationView } from "@/components/annotations/annotation-view";
import { SubscriptionNameButton } from "@/components/annotations/subscription-name-dialog";
import { TenantAnnotations } from "@/components/annotations/tenant-annotations";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { rowAnnotations } from "./row-annotations";
import { TenantDetails } from "./tenant-details";

/**
 * Where the panel's subscription name and annotations come from: the organization's own API
 * (`canEdit`: an admin, who may change them), or, absent, the tenant as the source sends it (a
 * share link, with only the columns it shows).
 */
export interface DetailsAnnotations {
  canEdit: boolean;
}

/** The organization's subscription names and annotations (its own API; admins edit). */
interface DetailsParts {
  subscription: { name: string | null; customerRef: string | null } | null;
  subscriptionAction: ReactNode;
  annotations: ReactNode;
}

function OrgDetails({
  tenant,
  canEdit,
  children,
}: {
  tenant: Tenant;
  canEdit: boolean;
  children: (parts: DetailsParts) => ReactNode;
}) {
  const subscriptions = useQuery(subscriptionsOptions());
  const id = tenant.subscriptionId;
  const label = id ? (subscriptions.data?.find((s) => s.id === id) ?? null) : null;
  const current = { name: label?.name ?? null, customerRef: label?.customerRef ?? null };
  return children({
    subscription: current,
    subscriptionAction:
      canEdit && id && subscriptions.data ? (
        <SubscriptionNameButton subscriptionId={id} current={current} className="-ml-2" />
      ) : null,
    annotations: <TenantAnnotations tenantId={tenant.id} canEdit={canEdit} />,
  });
}

/** What a source that is not the organization's (a share link) sends with the tenant. */
function sourceParts(tenant: Tenant, fields: readonly ExportColumnId[] | undefined): DetailsParts {
  const a = rowAnnotations(tenant);
  const shows = (id: string) => !fields || (fields as readonly string[]).includes(id);
  const show = { owner: shows("owner"), tags: shows("tags"), note: shows("note") };
  return {
    subscription: {
      name: shows("subscriptionName") ? a.subscriptionName : null,
      customerRef: shows("customerRef") ? a.customerRef : null,
    },
    subscriptionAction: null,
    annotations:
      show.owner || show.tags || show.note ? (
        <AnnotationView
          annotation={{ owner: a.owner, tags: [...a.tags], note: a.note }}
          show={show}
        />
      ) : null,
  };
}

/** Loads a tenant's details and history, with a skeleton and an error that says what to do. */
export function TenantDetailsPanel({
  source,
  tenantId,
  title,
  actions,
  loadingTitle,
  sectionHeading,
  fields,
  annotations,
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
  /** The organization's annotations (and whether the person may edit them); absent: the source's. */
  annotations?: DetailsAnnotations | null;
}) {
  const query = useQuery(tenantDetailOptions(source, tenantId));
  if (query.data) {
    const tenant = query.data.tenant;
    const details = (parts: DetailsParts) => (
      <TenantDetails
        tenant={tenant}
        changes={query.data.changes ?? null}
        fields={fields}
        title={title}
        actions={actions?.(tenant.id)}
        sectionHeading={sectionHeading}
        subscription={parts.subscription}
        subscriptionAction={parts.subscriptionAction}
        annotations={parts.annotations}
      />
    );
    return annotations ? (
      <OrgDetails tenant={tenant} canEdit={annotations.canEdit}>
        {details}
      </OrgDetails>
    ) : (
      details(sourceParts(tenant, fields))
    );
  }
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
