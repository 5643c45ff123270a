// Where a message links to: the tenant in the explorer (searched by its id), when the app knows
// its public URL (NEXTAUTH_URL). Pure.

export function tenantUrl(appUrl: string | null | undefined, tenantId: string): string | null {
  if (!appUrl) return null;
  return `${appUrl.replace(/\/+$/, "")}/?q=${encodeURIComponent(tenantId)}`;
}

export function rulesUrl(appUrl: string | null | undefined): string | null {
  return appUrl ? `${appUrl.replace(/\/+$/, "")}/alerts` : null;
}
