// What one try at sending gives: sent, or why not (a sentence for the delivery log; never a
// secret, a full URL or a password).

export type SendResult =
  | { ok: true; httpStatus?: number }
  | {
      ok: false;
      httpStatus?: number;
      error: string;
      /** Retrying cannot help. */ permanent?: boolean;
    };

/** One line, no control characters, at most `max` characters. */
export function clip(text: string, max = 300): string {
  const line = text.replace(/\p{Cc}+/gu, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
