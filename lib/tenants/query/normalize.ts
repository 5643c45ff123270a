// Text folding shared by search and sorting: case- and accent-insensitive ("zurich" finds "Zürich").
// Lower-casing comes first because it can itself produce combining marks ("İ" → "i̇"). Names sort
// by the Unicode collation rules instead (nameSortText, NAME_COLLATOR).

const COMBINING_MARKS = /\p{M}+/gu;
const NON_ASCII = /[\u0080-\uffff]/;
const DIGIT_RUN = /\d+/g;
const HAS_DIGIT = /\d/;

/** Lower-cased, NFD-decomposed, combining marks removed. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Most names and every hostname are ASCII: nothing to decompose (≈ 10× faster index builds).
  return NON_ASCII.test(lower) ? lower.normalize("NFD").replace(COMBINING_MARKS, "") : lower;
}

/** The words of a search box: folded, split on whitespace; every word must match (AND). */
export function searchTokens(q: string): string[] {
  return foldText(q)
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

/**
 * A key whose plain (code-unit) order is the natural order of the folded text: case- and
 * accent-insensitive, digit runs compared as numbers ("Tenant 9" < "Tenant 10"). Each digit run
 * becomes its length (two digits) and its value without leading zeros, so the key still starts with
 * a digit wherever the text did.
 */
export function naturalSortKey(text: string): string {
  const folded = foldText(text);
  if (!HAS_DIGIT.test(folded)) return folded;
  return folded.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/^0+(?=\d)/, "");
    return String(Math.min(digits.length, 99)).padStart(2, "0") + digits;
  });
}

/**
 * How names compare: Unicode collation (CLDR root order through the "en" locale, the same on every
 * server), letters before case and accents, digit runs as numbers ("Tenant 9" < "Tenant 10").
 */
export const NAME_COLLATOR = new Intl.Collator("en", { numeric: true });

/** A name as it sorts: leading and trailing whitespace ignored; a blank name is missing (null). */
export function nameSortText(name: string): string | null {
  const trimmed = name.trim();
  return trimmed === "" ? null : trimmed;
}
