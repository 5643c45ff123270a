// A separate server process for the "killed midway" test: opens the database, starts a refresh
// against the simulator and keeps running until it is killed. Prints "run <id>" once recorded.
// Run with: node --conditions=react-server --import tsx tests/sync/support/child-sync.ts <db-url> <sim-url>
import { openStorage } from "@/lib/db/storage";
import { simClientFor, silentLogger } from "./child-support";
import { SnapshotHolder } from "@/lib/tenants/sync/snapshot-holder";

async function main() {
  const [dbUrl, simUrl] = process.argv.slice(2);
  if (!dbUrl || !simUrl) throw new Error("usage: child-sync <db-url> <sim-url>");
  const storage = await openStorage({ url: dbUrl });
  const holder = new SnapshotHolder<number>({
    storage: async () => storage,
    client: () => simClientFor(simUrl),
    buildIndex: (tenants) => tenants.length,
    intervalMs: 60 * 60_000,
    pollMs: 60 * 60_000,
    heartbeatMs: 50,
    logger: silentLogger,
  });
  await holder.start();
  const refresh = await holder.refreshNow();
  process.stdout.write(`run ${refresh.run?.id}\n`);
  await refresh.done;
  process.stdout.write("finished\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
