// Tenant Atlas's own words on Qlik's data: a subscription's name and customer reference, and a
// tenant's owner, tags and note. Client-safe (the explorer, the import page and the API share it).

/** What an admin calls a subscription; Qlik gives subscriptions only an id. */
export interface SubscriptionLabel {
  name: string;
  customerRef: string | null;
}

/** What the team records about one tenant. Absent fields are null / empty. */
export interface TenantAnnotation {
  owner: string | null;
  /** Lower-case words joined by "-", sorted, no duplicates. */
  tags: string[];
  note: string | null;
}
