// `npm run bench`: prints the performance figures the issues ask for. Runs each benchmark in turn
// (they start their own simulator and, where needed, the built app on localhost).
// `npm run bench -- api sync` runs only the named ones; `soak` (10 minutes) only runs when named.
import path from "node:path";

const BENCHES: Record<
  string,
  { file: string; fn: string; title: string; /** Runs only when named. */ onlyWhenNamed?: true }
> = {
  simulator: {
    file: "./simulator",
    fn: "runSimulatorBench",
    title: "Simulator: 100-tenant page of 50,000 with filter and sort",
  },
  sync: {
    file: "./sync",
    fn: "runSyncBench",
    title: "Sync: 10,000 tenants at 50 ms latency; RSS with 50,000",
  },
  api: { file: "./api", fn: "runApiBench", title: "Tenants API: 50,000-tenant snapshot" },
  export: { file: "./export", fn: "runExportBench", title: "CSV export: 50,000 rows" },
  multi: {
    file: "./multi-instance",
    fn: "runMultiInstanceBench",
    title: "Two instances on PostgreSQL vs one: GET /api/tenants, 50,000 tenants",
  },
  soak: {
    file: "./soak",
    fn: "runSoakBench",
    title: "Soak: 10 minutes of mixed traffic with a sync every minute",
    onlyWhenNamed: true,
  },
  explorer: {
    file: "./explorer",
    fn: "runExplorerBench",
    title: "Explorer in Chromium: 50,000 tenants",
  },
};

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in BENCHES));
  if (unknown.length) {
    console.error(
      `bench: unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(BENCHES).join(", ")}`,
    );
    process.exit(2);
  }
  let failed = false;
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (wanted.length ? !wanted.includes(name) : bench.onlyWhenNamed) continue;
    console.log(`\n=== ${bench.title} ===`);
    try {
      const mod = (await import(path.join(__dirname, bench.file))) as Record<
        string,
        () => Promise<unknown>
      >;
      const fn = mod[bench.fn];
      if (!fn) throw new Error(`${bench.file} has no ${bench.fn}()`);
      await fn();
    } catch (error) {
      failed = true;
      console.error(
        `bench ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();
