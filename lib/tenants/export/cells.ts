// One CSV cell: formula neutralization, the UTC date format and RFC 4180 quoting. Hand-written
// rather than csv-stringify: the same output at a fraction of the cost per cell (bench/export.ts).

/**
 * First characters a spreadsheet may read as the start of a formula (OWASP "CSV injection"):
 * = + - @ tab CR LF, their full-width forms ＝ ＋ － ＠, and `'` itself: Excel hides one leading
 * apostrophe, so a value that really starts with one gets a second, and stripping one leading `'`
 * always restores the value.
 */
function startsLikeFormula(text: string): boolean {
  switch (text.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // CR
    case 0x0a: // LF
    case 0x27: // '
    case 0xff1d: // ＝
    case 0xff0b: // ＋
    case 0xff0d: // －
    case 0xff20: // ＠
      return true;
    default:
      return false;
  }
}

/** `'`-prefixes a text cell a spreadsheet would evaluate; everything else is returned unchanged. */
export function neutralizeFormula(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}

/** Undoes neutralizeFormula (for consumers and tests): drops one leading `'`. */
export function restoreNeutralized(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

const ISO_UTC = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/;

/**
 * `YYYY-MM-DD HH:MM:SS` in UTC (fractions of a second dropped). Canonical ISO strings, which is
 * what the snapshot holds, are sliced without building a Date; anything else goes through Date,
 * and an unparseable value is written as text.
 */
export function formatUtc(iso: string): string {
  // The snapshot's own form, `2024-03-01T12:34:56.000Z`, without a regex (the hot path).
  if (
    iso.length === 24 &&
    iso[4] === "-" &&
    iso[7] === "-" &&
    iso[10] === "T" &&
    iso[13] === ":" &&
    iso[16] === ":" &&
    iso[19] === "." &&
    iso[23] === "Z"
  )
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  const m = ISO_UTC.exec(iso);
  if (m) return `${m[1]} ${m[2]}`;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return neutralizeFormula(iso);
  const s = new Date(time).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_LIST_SEPARATOR = "; ";
