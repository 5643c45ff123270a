// `npm run bench -- export` (or `npx tsx bench/export.ts`): the CSV export of 50,000 tenants.
// In-process: the export the route streams (createExport over a 50,000-tenant index), read the way
// a socket reads it: time to first chunk, total, bytes, heap and RSS growth sampled during the
// export. Then our encoder against csv-stringify on the same rows (why cells.ts quotes by hand).
// Targets: first byte ≤ 200 ms, whole download ≤ 1.5 s, memory growth ≤ 30 MB.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { stringify } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";
import { generateDataset } from "../simulator/data/generate";
import { toTenant } from "./support/tenants";
import { createTenantIndex } from "../lib/tenants/query";
import { createExport, type PreparedExport } from "../lib/tenants/export/create-export";
import { EXPORT_COLUMNS } from "../lib/tenants/export/columns";
import { csvEncoder } from "../lib/tenants/export/encode";
import { formatUtc, neutralizeFormula, CSV_LIST_SEPARATOR } from "../lib/tenants/export/cells";
import type { ExportQuery } from "../lib/tenants/export/params";
import type { TenantRow } from "../lib/tenants/types";
import { DEFAULT_VIEW } from "../lib/tenants/view-params";

const TENANTS = 50_000;
const MB = 1024 * 1024;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

export interface ExportRun {
  label: string;
  rows: number;
  bytes: number;
  /** Medians over the runs. */
  firstChunkMs: number;
  totalMs: number;
  /** Largest growth seen during any run: RSS, and JS heap + ArrayBuffers (garbage included). */
  rssGrowthMb: number;
  heapPeakGrowthMb: number;
  /** Growth of what is still alive (forced GC every 10 chunks): what the export holds. */
  liveGrowthMb: number;
}

const REPEATS = 3;
const heapOf = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** One export read to the end the way a socket reads it (chunk by chunk, nothing kept). */
async function readOnce(run: () => PreparedExport, collectGarbage: boolean) {
  gc();
  const base = process.memoryUsage();
  let peakHeap = heapOf(base);
  let peakRss = base.rss;
  const t0 = performance.now();
  const prepared = run();
  const reader = prepared.stream.getReader();
  let firstChunkMs = -1;
  let bytes = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (firstChunkMs < 0) firstChunkMs = performance.now() - t0;
    bytes += value.byteLength;
    if (collectGarbage && ++chunks % 10 === 0) gc();
    // memoryUsage() reads /proc for RSS: sample every other chunk.
    if (collectGarbage || chunks++ % 2 === 0) {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, heapOf(m));
      peakRss = Math.max(peakRss, m.rss);
    }
  }
  const totalMs = performance.now() - t0;
  const end = process.memoryUsage();
  return {
    rows: prepared.total,
    bytes,
    firstChunkMs,
    totalMs,
    heapGrowthMb: (Math.max(peakHeap, heapOf(end)) - heapOf(base)) / MB,
    rssGrowthMb: (Math.max(peakRss, end.rss) - base.rss) / MB,
  };
}

async function measure(label: string, run: () => PreparedExport): Promise<ExportRun> {
  const runs = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await readOnce(run, false));
  const live = await readOnce(run, true);
  return {
    label,
    rows: runs[0]!.rows,
    bytes: runs[0]!.bytes,
    firstChunkMs: median(runs.map((r) => r.firstChunkMs)),
    totalMs: median(runs.map((r) => r.totalMs)),
    rssGrowthMb: Math.max(...runs.map((r) => r.rssGrowthMb)),
    heapPeakGrowthMb: Math.max(...runs.map((r) => r.heapGrowthMb)),
    liveGrowthMb: live.heapGrowthMb,
  };
}

function query(qs: Partial<ExportQuery> = {}): ExportQuery {
  return { view: DEFAULT_VIEW, columns: null, scope: "view", format: "csv", bom: true, ...qs };
}

function print(r: ExportRun) {
  const ok = (v: number, max: number) => (v <= max ? "ok" : "OVER");
  const mb = (v: number) => `${v >= 0 ? "+" : ""}${v.toFixed(1)} MB`;
  console.log(
    `${r.label.padEnd(46)} ${r.rows.toLocaleString("en-US")} rows, ${(r.bytes / MB).toFixed(1)} MB\n` +
      `    first chunk ${r.firstChunkMs.toFixed(0)} ms (${ok(r.firstChunkMs, 200)}), ` +
      `whole file ${r.totalMs.toFixed(0)} ms (${ok(r.totalMs, 1500)}); ` +
      `memory: RSS ${mb(r.rssGrowthMb)}, live ${mb(r.liveGrowthMb)} (${ok(Math.max(r.rssGrowthMb, r.liveGrowthMb), 30)}), ` +
      `heap peak incl. garbage ${mb(r.heapPeakGrowthMb)}`,
  );
}

/** Cell text the way csv-stringify needs it (it quotes; we still neutralize and format). */
function cellsOf(t: TenantRow): string[] {
  return EXPORT_COLUMNS.map((c) => {
    const v = c.value(t);
    if (v === null) return "";
    if (Array.isArray(v)) return neutralizeFormula(v.join(CSV_LIST_SEPARATOR));
    return c.kind === "date" ? formatUtc(v) : neutralizeFormula(v);
  });
}

async function compareEncoders(tenants: readonly TenantRow[]) {
  const time = async (fn: () => unknown) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  const ours = await time(() => {
    const enc = csvEncoder(EXPORT_COLUMNS);
    let n = enc.head.length;
    tenants.forEach((t, i) => (n += enc.row(t, i).length));
    return n;
  });
  const sync = await time(() =>
    stringifySync(tenants.map(cellsOf), {
      header: true,
      columns: EXPORT_COLUMNS.map((c) => c.header),
      record_delimiter: "windows",
    }),
  );
  const streamed = await time(
    () =>
      new Promise<void>((resolve, reject) => {
        const s = stringify({
          header: true,
          columns: EXPORT_COLUMNS.map((c) => c.header),
          record_delimiter: "windows",
        });
        s.on("data", () => {});
        s.on("end", resolve);
        s.on("error", reject);
        for (const t of tenants) s.write(cellsOf(t));
        s.end();
      }),
  );
  console.log(
    `encode ${tenants.length.toLocaleString("en-US")} rows (all ${EXPORT_COLUMNS.length} columns): ` +
      `ours ${ours.toFixed(0)} ms · csv-stringify sync ${sync.toFixed(0)} ms · csv-stringify stream ${streamed.toFixed(0)} ms`,
  );
}

export async function runExportBench(): Promise<ExportRun[]> {
  const t0 = performance.now();
  const tenants = generateDataset({ tenants: TENANTS, subscriptions: 40, seed: 1 }).tenants.map(
    toTenant,
  );
  const index = createTenantIndex(tenants);
  // The same data without the index's view cache: every export computes its view's order, as the
  // first export of a view after a sync does.
  const uncached = createTenantIndex(tenants, { cacheSize: 0 });
  console.log(
    `${TENANTS.toLocaleString("en-US")} tenants generated and indexed in ${(performance.now() - t0).toFixed(0)} ms; ` +
      `medians of ${REPEATS} runs, read chunk by chunk as a socket would`,
  );
  const grouped = query({
    view: {
      ...DEFAULT_VIEW,
      group: "region,subscription",
      sort: [{ field: "createdAt", desc: true }],
    },
  });
  const runs: ExportRun[] = [
    await measure("CSV, all columns, name order, view not cached", () =>
      createExport(uncached, query()),
    ),
    await measure("CSV, all columns, name order, view cached", () => createExport(index, query())),
    await measure("CSV, grouped region+subscription, -createdAt, not cached", () =>
      createExport(uncached, grouped),
    ),
    await measure("CSV, 4 columns, search 'prod', not cached", () =>
      createExport(
        uncached,
        query({
          view: { ...DEFAULT_VIEW, q: "prod" },
          columns: ["name", "id", "status", "hostname"],
        }),
      ),
    ),
    await measure("JSON, all columns, view cached", () =>
      createExport(index, query({ format: "json" })),
    ),
  ];
  for (const r of runs) print(r);
  await compareEncoders([...index.select(DEFAULT_VIEW)]);
  return runs;
}

if (process.argv[1] && /bench[/\\]export\.ts$/.test(process.argv[1])) {
  runExportBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
