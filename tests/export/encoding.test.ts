// The export's bytes: RFC 4180 framing, the BOM, formula neutralization, dates, hostnames and
// regions, JSON — every file read back with papaparse / JSON.parse, never with our own code.
import { describe, expect, it } from "vitest";
import {
  EXPORT_COLUMNS,
  resolveExportColumns,
  type ExportColumn,
  type ExportColumnId,
} from "@/lib/tenants/export/columns";
import { restoreNeutralized } from "@/lib/tenants/export/cells";
import { createExportStream, type ExportResult } from "@/lib/tenants/export/stream";
import type { ExportFormat } from "@/lib/tenants/export/encode";
import type { Tenant } from "@/lib/tenants/types";
import { EDGE_NAMES, edgeTenants, simulatedTenants } from "./support/tenants";
import { BOM, lineEndsOutsideQuotes, parseCsv, readRaw } from "./support/parse";
import { TRIGGER_FIRST_CHARS, asRow, expectedValue } from "./support/expected";

/** Tenants as export rows (without annotations), lazily, as index.select gives them. */
function* rowsOf(tenants: Iterable<Tenant>) {
  for (const t of tenants) yield asRow(t);
}

function exportText(
  tenants: Iterable<Tenant>,
  opts: { columns?: readonly ExportColumn[]; format?: ExportFormat; bom?: boolean } = {},
) {
  return readRaw(
    createExportStream({
      rows: rowsOf(tenants),
      columns: opts.columns ?? EXPORT_COLUMNS,
      format: opts.format ?? "csv",
      bom: opts.bom ?? true,
    }),
  );
}

const cols = (...ids: ExportColumnId[]) => resolveExportColumns(ids, "none");

describe("CSV framing", () => {
  it("writes a header row of the documented names, then one CRLF-terminated record per tenant", async () => {
    const tenants = edgeTenants();
    const text = await exportText(tenants);
    const { header, rows } = parseCsv(text, { bom: true });
    expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(rows).toHaveLength(tenants.length);
    expect(lineEndsOutsideQuotes(text.slice(1))).toEqual(
      Array.from({ length: tenants.length + 1 }, () => "CRLF"),
    );
  });

  it("quotes fields with a comma, quote, CR or LF and doubles the quotes; leaves others bare", async () => {
    const text = await exportText(edgeTenants(), { columns: cols("id", "name"), bom: false });
    const lines = text.split("\r\n");
    expect(lines).toContain('edge13,"Say ""hi"", then leave"');
    expect(lines).toContain('edge14,"Comma, only"');
    expect(lines).toContain('edge18,""""');
    expect(lines).toContain('edge19,","');
    expect(lines).toContain("edge20,");
    expect(lines).toContain("edge21,  spaces  ");
    expect(text).toContain('edge15,"CR\rinside"\r\n');
    expect(text).toContain('edge16,"CRLF\r\ninside"\r\n');
    expect(text).toContain('edge17,"Trailing newline\n"\r\n');
  });

  it("starts with a UTF-8 byte-order mark by default and has none with bom=false", async () => {
    const withBom = await createExportStream({
      rows: rowsOf(edgeTenants()),
      columns: cols("name"),
      format: "csv",
      bom: true,
    });
    const bytes = new Uint8Array(await new Response(withBom).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const without = await exportText(edgeTenants(), { columns: cols("name"), bom: false });
    expect(without.startsWith(BOM)).toBe(false);
    expect(without.startsWith("Name\r\n")).toBe(true);
  });

  it("writes only the header for an empty list", async () => {
    const text = await exportText([], { bom: false });
    const { rows } = parseCsv(text, { bom: false });
    expect(rows).toEqual([]);
  });
});

describe("round trip of hostile and ordinary values", () => {
  it("gives back every cell of the simulator's organization and the edge cases, but for the documented ' prefix", async () => {
    const tenants = [...simulatedTenants(600), ...edgeTenants()];
    const text = await exportText(tenants);
    const { rows } = parseCsv(text, { bom: true });
    expect(rows).toHaveLength(tenants.length);
    rows.forEach((row, i) => {
      const t = tenants[i]!;
      EXPORT_COLUMNS.forEach((column, c) => {
        const cell = row[c]!;
        const expected = expectedValue(column, t);
        const prefixed = column.kind !== "date" && TRIGGER_FIRST_CHARS.includes(expected[0] ?? "");
        expect(cell, `${t.id} ${column.id}`).toBe(prefixed ? `'${expected}` : expected);
        expect(restoreNeutralized(cell)).toBe(expected);
      });
    });
    // The generator's hostile names are in there.
    const names = rows.map((r) => r[0]);
    for (const hostile of [
      '\'=HYPERLINK("http://x")',
      "'+1 Tenant",
      "'-minus",
      "'@at Analytics",
      "<script>alert(1)</script>",
      "Line one\nLine two",
      'Tenant "Quoted", Inc.',
      "Acme, Inc., Analytics, EMEA",
      "東京アナリティクス",
      "  Padded Tenant  ",
    ])
      expect(names).toContain(hostile);
  });

  it("neutralizes each formula trigger, full-width forms included, and nothing else", async () => {
    const text = await exportText(edgeTenants(), { columns: cols("name"), bom: false });
    const { rows } = parseCsv(text, { bom: false });
    const cells = rows.slice(0, EDGE_NAMES.length).map((r) => r[0]);
    expect(cells.slice(0, 12)).toEqual([
      "'=1+1",
      "'+SUM(A1)",
      "'-2+3",
      "'@SUM(A1)",
      "'\tTabbed",
      "'\rCarriage",
      "'\nNewline first",
      "'＝全角",
      "'＋全角",
      "'－全角",
      "'＠全角",
      "''Apostrophe start",
    ]);
    expect(cells).toContain("'''double");
    // Digits and other text are never touched.
    for (const plain of ["1234567890123456", "0012", "1.5E+3", "TRUE", "  spaces  ", ""])
      expect(cells).toContain(plain);
  });

  it("prefixes a text id that starts with a trigger, never a date", async () => {
    const text = await exportText(edgeTenants(), {
      columns: cols("id", "createdAt", "deletionStartsAt"),
      bom: false,
    });
    const { rows } = parseCsv(text, { bom: false });
    const dash = rows.find((r) => r[0] === "'-dashId");
    expect(dash).toEqual(["'-dashId", "2024-03-01 12:34:56", "2026-01-05 08:09:10"]);
  });
});

describe("cell formats", () => {
  it("writes dates as YYYY-MM-DD HH:MM:SS in UTC under headers that say (UTC), empty when absent", async () => {
    const base = edgeTenants()[0]!;
    const t: Tenant = {
      ...base,
      createdAt: "2024-03-01T23:30:00+02:00",
      updatedAt: "2024-02-29T00:00:00.000Z",
      licenseEndsAt: null,
    };
    const text = await exportText([t], {
      columns: cols("createdAt", "updatedAt", "licenseEndsAt"),
      bom: false,
    });
    const { header, rows } = parseCsv(text, { bom: false });
    expect(header).toEqual(["Created (UTC)", "Updated (UTC)", "License ends (UTC)"]);
    expect(rows).toEqual([["2024-03-01 21:30:00", "2024-02-29 00:00:00", ""]]);
    for (const c of EXPORT_COLUMNS.filter((c) => c.kind === "date"))
      expect(c.header).toMatch(/\(UTC\)$/);
  });

  it("keeps 16-digit subscription and license numbers as text, every digit", async () => {
    const [t] = simulatedTenants(60).filter((x) => x.subscriptionId);
    const text = await exportText([t!], {
      columns: cols("subscriptionId", "licenseNumber"),
      bom: false,
    });
    expect(text).toBe(
      `Subscription ID,License number\r\n${t!.subscriptionId},${t!.licenseNumber}\r\n`,
    );
    expect(t!.subscriptionId).toMatch(/^\d{16}$/);
  });

  it("puts the primary hostname in one column and the others, '; '-joined, in the next", async () => {
    const tenants = edgeTenants().filter((t) => t.id === "-dashId" || t.id === "noHosts");
    const text = await exportText(tenants, {
      columns: cols("hostname", "otherHostnames"),
      bom: false,
    });
    const { header, rows } = parseCsv(text, { bom: false });
    expect(header).toEqual(["Primary hostname", "Other hostnames"]);
    expect(rows).toEqual([
      ["a.eu.qlikcloud.com", "b.example.com; c.example.org"],
      ["", ""],
    ]);
  });

  it("writes the region code and the region name in separate columns (unknown codes repeat the code)", async () => {
    const tenants = edgeTenants().filter((t) => t.id === "edge00" || t.id === "noHosts");
    const text = await exportText(tenants, {
      columns: cols("regionCode", "regionName"),
      bom: false,
    });
    expect(parseCsv(text, { bom: false }).rows).toEqual([
      ["eu-west-1", "Europe (Ireland)"],
      ["xx-new-9", "xx-new-9"],
    ]);
  });
});

describe("JSON", () => {
  it("is one array of objects keyed by column id, values unprefixed, dates ISO, other hostnames a list", async () => {
    const tenants = [...simulatedTenants(100), ...edgeTenants()];
    const text = await exportText(tenants, { format: "json", bom: true });
    expect(text.startsWith(BOM)).toBe(false);
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    expect(parsed).toHaveLength(tenants.length);
    parsed.forEach((obj, i) => {
      const t = tenants[i]!;
      expect(obj).toEqual({
        name: t.name,
        id: t.id,
        status: t.status,
        hostname: t.hostnames[0] ?? null,
        otherHostnames: t.hostnames.slice(1),
        regionCode: t.regionCode,
        regionName: expect.any(String),
        countryCode: t.countryCode,
        subscriptionId: t.subscriptionId,
        licenseNumber: t.licenseNumber,
        createdBy: t.createdBy,
        createdAt: t.createdAt,
        updatedAt: t.updatedAt,
        licenseStartsAt: t.licenseStartsAt,
        licenseEndsAt: t.licenseEndsAt,
        deletionStartsAt: t.deletionStartsAt,
        subscriptionName: null,
        customerRef: null,
        owner: null,
        tags: [],
        note: null,
      });
    });
  });

  it("is a valid empty array for no rows", async () => {
    expect(JSON.parse(await exportText([], { format: "json" }))).toEqual([]);
  });
});

describe("columns", () => {
  it("uses the requested columns in the requested order", async () => {
    const text = await exportText(edgeTenants().slice(0, 1), {
      columns: cols("status", "id", "name"),
      bom: false,
    });
    expect(text).toBe("Status,Tenant ID,Name\r\nactive,edge00,'=1+1\r\n");
  });

  it("adds the grouping fields a grouped view's export would otherwise lose, in front", () => {
    expect(resolveExportColumns(["name"], "region,subscription").map((c) => c.id)).toEqual([
      "regionCode",
      "regionName",
      "subscriptionId",
      "name",
    ]);
    expect(resolveExportColumns(["name", "regionCode"], "region").map((c) => c.id)).toEqual([
      "regionName",
      "name",
      "regionCode",
    ]);
    expect(resolveExportColumns(null, "subscription")).toEqual(EXPORT_COLUMNS);
  });
});

describe("streaming", () => {
  function counting(tenants: Tenant[]) {
    const state = { pulled: 0, returned: false };
    const iterable: Iterable<Tenant> = {
      [Symbol.iterator]() {
        let i = 0;
        return {
          next: () => {
            if (i >= tenants.length) return { done: true, value: undefined };
            state.pulled++;
            return { done: false, value: tenants[i++]! };
          },
          return: () => {
            state.returned = true;
            return { done: true, value: undefined };
          },
        };
      },
    };
    return { iterable, state };
  }

  it("pulls rows from the source only as the reader reads, one chunk at a time", async () => {
    const tenants = simulatedTenants(5000);
    const { iterable, state } = counting(tenants);
    const stream = createExportStream({
      rows: rowsOf(iterable),
      columns: EXPORT_COLUMNS,
      format: "csv",
      bom: true,
      chunkRows: 200,
    });
    await new Promise((r) => setTimeout(r, 10));
    // Before any read the stream has prepared at most one chunk (its queue's high-water mark).
    expect(state.pulled).toBeLessThanOrEqual(200);
    const reader = stream.getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 10));
    expect(state.pulled).toBeLessThanOrEqual(400);
    await reader.cancel();
  });

  it("reports rows and bytes once at the end, and stops the source when the reader cancels", async () => {
    const tenants = simulatedTenants(3000);
    const done: ExportResult[] = [];
    const full = createExportStream({
      rows: rowsOf(tenants),
      columns: EXPORT_COLUMNS,
      format: "csv",
      bom: true,
      onFinish: (r) => done.push(r),
    });
    const bytes = (await new Response(full).arrayBuffer()).byteLength;
    expect(done).toEqual([{ rows: 3000, bytes, completed: true }]);

    const { iterable, state } = counting(tenants);
    const cancelled: ExportResult[] = [];
    const stream = createExportStream({
      rows: rowsOf(iterable),
      columns: EXPORT_COLUMNS,
      format: "csv",
      bom: false,
      chunkRows: 100,
      onFinish: (r) => cancelled.push(r),
    });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(state.returned).toBe(true);
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.completed).toBe(false);
    expect(cancelled[0]!.rows).toBeLessThan(3000);
  });

  it("errors the stream, and reports it, when the source throws", async () => {
    const results: ExportResult[] = [];
    const boom = new Error("source failed");
    function* rows() {
      yield edgeTenants()[0]!;
      throw boom;
    }
    const stream = createExportStream({
      rows: rowsOf(rows()),
      columns: EXPORT_COLUMNS,
      format: "csv",
      bom: true,
      onFinish: (r) => results.push(r),
    });
    await expect(new Response(stream).text()).rejects.toThrow();
    expect(results).toEqual([{ rows: 1, bytes: 0, completed: false, error: boom }]);
  });
});
