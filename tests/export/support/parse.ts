// Reads an export back with an independent parser (papaparse), checking the framing on the way:
// the BOM, CRLF line ends, and the same number of fields on every row.
import Papa from "papaparse";
import { expect } from "vitest";

export const BOM = "\uFEFF";

/** Decodes without dropping a BOM (TextDecoder and Response.text() strip it by default). */
export async function readRaw(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

export interface ParsedCsv {
  header: string[];
  rows: string[][];
}

/** Parses an export; asserts BOM presence as expected, CRLF framing and a constant field count. */
export function parseCsv(text: string, opts: { bom: boolean }): ParsedCsv {
  expect(text.startsWith(BOM)).toBe(opts.bom);
  const body = opts.bom ? text.slice(1) : text;
  expect(body.endsWith("\r\n")).toBe(true);
  const result = Papa.parse<string[]>(body.slice(0, -2), {
    delimiter: ",",
    newline: "\r\n",
    quoteChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  expect(result.errors).toEqual([]);
  const [header, ...rows] = result.data;
  expect(header).toBeDefined();
  for (const row of rows) expect(row.length).toBe(header!.length);
  return { header: header!, rows };
}

/** Every line break outside quotes is CRLF: no bare LF or CR between records. */
export function lineEndsOutsideQuotes(text: string): string[] {
  const ends: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\r" || c === "\n")) {
      if (c === "\r" && text[i + 1] === "\n") {
        ends.push("CRLF");
        i++;
      } else ends.push(c === "\r" ? "CR" : "LF");
    }
  }
  return ends;
}
