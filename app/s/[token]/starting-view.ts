import { parseViewSearch, viewToSearchParams } from "@/lib/tenants/view-codec";

/**
 * The query string a bare link opens with: the link's grouping and sort only. Its filters are the
 * scope, which the server applies to every request; repeated in the URL they would show as filters
 * the visitor could "clear" without any effect.
 */
export function startingSearch(shareView: string): string {
  try {
    const { sort, group } = parseViewSearch(shareView).view;
    return viewToSearchParams({ sort, group }).toString();
  } catch {
    return "";
  }
}
