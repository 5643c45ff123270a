// The team's own words on a tenant as a tenants answer carries them (rows of GET /api/tenants, a
// link's rows when it shows those columns): absent fields read as none, so a source that leaves
// them out (an older answer, a link without the columns) shows blanks, never an error.
import type { Tenant } from "@/lib/tenants/types";

export interface RowAnnotations {
  subscriptionName: string | null;
  customerRef: string | null;
  owner: string | null;
  tags: readonly string[];
  note: string | null;
}

type MaybeAnnotated = Partial<{
  subscriptionName: string | null;
  customerRef: string | null;
  owner: string | null;
  tags: readonly string[] | null;
  note: string | null;
}>;

const NO_TAGS: readonly string[] = Object.freeze([]);

export function rowAnnotations(tenant: Tenant): RowAnnotations {
  const t = tenant as Tenant & MaybeAnnotated;
  return {
    subscriptionName: t.subscriptionName ?? null,
    customerRef: t.customerRef ?? null,
    owner: t.owner ?? null,
    tags: t.tags ?? NO_TAGS,
    note: t.note ?? null,
  };
}
