/** Visible keyboard focus on light and dark backgrounds (matches components/auth). */
export const focusRing =
  "outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 focus-visible:ring-offset-white dark:focus-visible:ring-offset-zinc-950";
