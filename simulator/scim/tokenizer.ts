// Splits a SCIM filter (RFC 7644 §3.4.2.2) into tokens, keeping each token's position so errors can
// point at it. Strings are double-quoted with JSON escapes (\" \\ \/ \b \f \n \r \t \uXXXX).
import { FilterSyntaxError } from "./filter-error";

export type Token =
  | { kind: "lparen"; pos: number }
  | { kind: "rparen"; pos: number }
  | { kind: "string"; value: string; pos: number }
  | { kind: "word"; value: string; pos: number }
  | { kind: "end"; pos: number };

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

const WORD_START = /[A-Za-z0-9_$+\-.:]/;
const WORD_CHAR = /[A-Za-z0-9_$+\-.:]/;

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "(") {
      tokens.push({ kind: "lparen", pos: i++ });
      continue;
    }
    if (ch === ")") {
      tokens.push({ kind: "rparen", pos: i++ });
      continue;
    }
    if (ch === '"') {
      const start = i++;
      let value = "";
      for (;;) {
        if (i >= input.length) throw new FilterSyntaxError("unterminated string", start);
        const c = input[i] as string;
        if (c === '"') {
          i++;
          break;
        }
        if (c === "\\") {
          const esc = input[i + 1];
          if (esc === undefined) throw new FilterSyntaxError("unterminated string", start);
          if (esc === "u") {
            const hex = input.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex))
              throw new FilterSyntaxError("invalid \\u escape in string", i);
            value += String.fromCharCode(parseInt(hex, 16));
            i += 6;
            continue;
          }
          const mapped = ESCAPES[esc];
          if (mapped === undefined)
            throw new FilterSyntaxError(`invalid escape sequence '\\${esc}' in string`, i);
          value += mapped;
          i += 2;
          continue;
        }
        value += c;
        i++;
      }
      tokens.push({ kind: "string", value, pos: start });
      continue;
    }
    if (WORD_START.test(ch)) {
      const start = i;
      while (i < input.length && WORD_CHAR.test(input[i] as string)) i++;
      tokens.push({ kind: "word", value: input.slice(start, i), pos: start });
      continue;
    }
    throw new FilterSyntaxError(`unexpected character '${ch}'`, i);
  }
  tokens.push({ kind: "end", pos: input.length });
  return tokens;
}
