// Whether the summary charts are shown, remembered per browser in a cookie rather than local
// storage: the server reads it, so the page is rendered as it will stay (no jump after loading).
export const SUMMARY_COOKIE = "atlas-summary";
const ONE_YEAR_S = 365 * 86_400;

/** Open unless the browser chose to hide them. */
export const summaryOpenFromCookie = (value: string | undefined) => value !== "hidden";

export function rememberSummaryOpen(open: boolean): void {
  document.cookie = `${SUMMARY_COOKIE}=${open ? "shown" : "hidden"}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
}
