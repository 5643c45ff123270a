// 50,000 rows: the export streams (memory stays flat while it runs) and is still exactly the view.
// No timing assertions here: bench/export.ts measures speed.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { createTenantIndex, type TenantIndex } from "@/lib/tenants/query";
import { createExport } from "@/lib/tenants/export/create-export";
import { exportQuerySchema, type ExportQuery } from "@/lib/tenants/export/params";
import { simulatedTenants } from "./support/tenants";
import { parseCsv, readRaw } from "./support/parse";
import { expectedRows } from "./support/expected";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const MB = 1024 * 1024;
/** JS heap plus ArrayBuffer memory (encoded chunks live outside the JS heap). */
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

let index: TenantIndex;

beforeAll(() => {
  index = createTenantIndex(simulatedTenants(50_000, 3, 40));
}, 120_000);

function query(qs: string): ExportQuery {
  return exportQuerySchema.parse(new URLSearchParams(qs));
}

describe("a 50,000-row export", () => {
  it("keeps memory flat while it streams (live heap after GC, and peak heap, sampled throughout)", async () => {
    const q = query("sort=-createdAt");
    index.select(q.view).return?.(undefined); // order the view first: the index's cache is not the export's memory
    gc();
    const base = used();
    let livePeak = 0;
    let peak = 0;
    let bytes = 0;
    let chunks = 0;
    const reader = createExport(index, q).stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      peak = Math.max(peak, used() - base);
      if (++chunks % 10 === 0) {
        gc();
        livePeak = Math.max(livePeak, used() - base);
      }
    }
    expect(bytes).toBeGreaterThan(10 * MB);
    // A buffered export would hold the whole file (> 10 MB of text) live; a streamed one holds a chunk.
    expect(livePeak / MB).toBeLessThan(8);
    // Garbage included (young generation between scavenges): generous.
    expect(peak / MB).toBeLessThan(96);
  }, 120_000);

  it("matches the view row by row", async () => {
    const q = query("group=region&sort=-licenseEndsAt,name&columns=id,name,licenseEndsAt");
    const prepared = createExport(index, q);
    const { rows } = parseCsv(await readRaw(prepared.stream), { bom: true });
    const expected = index.query(q.view, { offset: 0, limit: index.size });
    expect(rows).toHaveLength(50_000);
    expect(expected.total).toBe(50_000);
    expect(rows).toEqual(expectedRows(prepared.columns, expected.rows));
  }, 120_000);
});
