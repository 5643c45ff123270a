// The explorer's outer layout, shared by the explorer and its loading skeleton so that the one
// replaces the other without anything moving.
export const EXPLORER_FRAME =
  "mx-auto flex h-[calc(100dvh-3.5rem)] min-h-[36rem] max-w-screen-2xl flex-col gap-3 px-4 py-3";
export const TOOLBAR_ROW = "flex flex-wrap items-center gap-2";
export const EXPLORER_BODY = "relative flex min-h-64 flex-1 flex-col";

/** The summary charts: hidden on a phone unless opened, shown on wider screens unless closed. */
export function summaryClass(open: { phone: boolean; wide: boolean }): string {
  return [
    open.phone ? "block max-h-[45dvh] overflow-y-auto" : "hidden",
    open.wide ? "sm:block sm:max-h-none sm:overflow-visible" : "sm:hidden",
  ].join(" ");
}
