// `npm run bench -- soak` (or `npx tsx bench/soak.ts [--minutes N]`): 10 minutes of mixed traffic
// on two app instances sharing one PostgreSQL database (50,000 tenants, SYNC_INTERVAL_MINUTES=1,
// so one of them syncs every minute while the other loads each new snapshot; a few tenants change
// upstream between syncs). Eight connections, split between the instances, send explorer requests
// (views, one tenant, the change feed, sync state), CSV exports of a view, and share links: made on
// one instance, opened and read on the other, then revoked. Each instance's RSS is sampled every
// 10 s; the slope (MB per minute, least squares, the first two minutes left out as warm-up) says
// whether memory grows with time. Errors are counted; not part of CI.
import pg from "pg";
import type { Tenant, TenantsResponse } from "@/lib/tenants/types";
import { viewToSearchParams } from "@/lib/tenants/view-codec";
import { searchTerms, targetView } from "./api";
import { postgresUnreachable, rssMb, startCluster } from "./multi-instance";
import type { Instance } from "../tests/multi-instance/support/instances";

const TENANTS = 50_000;
const CONNECTIONS = 8;
const SAMPLE_EVERY_MS = 10_000;
const WARM_UP_MS = 120_000;

/** Least-squares slope of `points` (ms, MB) in MB per minute. */
export function slopePerMinute(points: readonly [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60_000;
}

type Kind = "view" | "tenant" | "changes" | "sync" | "export" | "share";

export async function runSoakBench(
  options: { minutes?: number } = {},
): Promise<Record<string, unknown>> {
  const minutes = options.minutes ?? 10;
  const unreachable = await postgresUnreachable();
  if (unreachable) {
    console.log(`  skipped: ${unreachable}`);
    return { skipped: unreachable };
  }
  console.log(
    `  ${TENANTS.toLocaleString("en-US")} tenants, two instances, ${CONNECTIONS} connections, ${minutes} min, a sync every minute`,
  );
  const cluster = await startCluster({ tenants: TENANTS, env: { SYNC_INTERVAL_MINUTES: "1" } });
  const sql = new pg.Client({ connectionString: cluster.db.url });
  await sql.connect();
  try {
    const a = cluster.instances[0]!;
    const b = await cluster.add("b");
    const { cookie, sim } = cluster;
    const get = (instance: Instance, path: string) =>
      fetch(`${instance.url}${path}`, {
        headers: { cookie, "x-forwarded-for": "203.0.113.50" },
        redirect: "manual",
      });
    const write = (instance: Instance, method: string, path: string, body?: unknown) =>
      fetch(`${instance.url}${path}`, {
        method,
        headers: {
          cookie,
          origin: instance.url,
          "content-type": "application/json",
          "x-forwarded-for": "203.0.113.50",
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    const sample: Tenant[] = [];
    for (let offset = 0; offset < TENANTS; offset += 5000) {
      const res = await get(a, `/api/tenants?offset=${offset}&limit=50`);
      sample.push(...((await res.json()) as TenantsResponse).rows);
    }
    const terms = searchTerms(sample, 200);
    const views = terms.map((q, k) =>
      viewToSearchParams(targetView(q, k), { offset: 0, limit: 100 }).toString(),
    );

    const counts: Record<Kind, { ok: number; errors: number }> = {
      view: { ok: 0, errors: 0 },
      tenant: { ok: 0, errors: 0 },
      changes: { ok: 0, errors: 0 },
      sync: { ok: 0, errors: 0 },
      export: { ok: 0, errors: 0 },
      share: { ok: 0, errors: 0 },
    };
    const errorSamples: string[] = [];
    const note = (kind: Kind, ok: boolean, what: string) => {
      counts[kind][ok ? "ok" : "errors"]++;
      if (!ok && errorSamples.length < 10) errorSamples.push(`${kind}: ${what}`);
    };
    const check = async (kind: Kind, res: Promise<Response>, expected = 200) => {
      try {
        const r = await res;
        await r.arrayBuffer();
        note(kind, r.status === expected, `HTTP ${r.status}`);
        return r;
      } catch (error) {
        note(kind, false, String(error));
        return null;
      }
    };

    let n = 0;
    const step = async (here: Instance, there: Instance) => {
      const k = n++;
      const roll = k % 20;
      if (roll < 11) await check("view", get(here, `/api/tenants?${views[k % views.length]}`));
      else if (roll < 13)
        await check("tenant", get(here, `/api/tenants/${sample[k % sample.length]!.id}`));
      else if (roll < 15) await check("changes", get(here, "/api/changes?limit=50"));
      else if (roll < 16) await check("sync", get(here, "/api/sync"));
      else if (roll < 17)
        await check("export", get(here, `/api/tenants/export?${views[k % views.length]}`));
      else {
        const made = await write(here, "POST", "/api/shares", {
          name: `soak ${k}`,
          view: views[k % views.length],
          columns: ["status", "regionName"],
          access: "anyone",
        }).catch(() => null);
        if (!made || made.status !== 201) {
          note("share", false, `create HTTP ${made?.status}`);
          return;
        }
        const { share, url } = (await made.json()) as { share: { id: string }; url: string };
        const token = url.split("/").pop()!;
        await check("share", get(there, `/api/s/${token}`));
        await check("share", get(there, `/api/s/${token}/tenants`));
        await check("share", write(here, "DELETE", `/api/shares/${share.id}`), 204);
        await check("share", get(there, `/api/s/${token}`), 410);
      }
    };

    const started = Date.now();
    const end = started + minutes * 60_000;
    const rss: Record<string, [number, number][]> = { a: [], b: [] };
    const sampler = setInterval(() => {
      const t = Date.now() - started;
      void Promise.all([rssMb(a.pid), rssMb(b.pid)]).then(([ra, rb]) => {
        if (ra !== null) rss.a!.push([t, ra]);
        if (rb !== null) rss.b!.push([t, rb]);
      });
    }, SAMPLE_EVERY_MS);
    // Upstream changes between syncs, so every sync installs a snapshot with changes.
    const mutator = setInterval(() => {
      const tenants = sim.tenants();
      for (let i = 0; i < 5; i++) {
        const t = tenants[Math.floor(Math.random() * tenants.length)]!;
        sim.mutate({ op: "rename", id: t.id, name: `soak rename ${Date.now()}-${i}` });
      }
    }, 20_000);
    const firstRun = (await sql.query<{ id: number }>("SELECT max(id) AS id FROM sync_runs"))
      .rows[0]!.id;
    try {
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async (_, c) => {
          const [here, there] = c % 2 ? [a, b] : [b, a];
          while (Date.now() < end) await step(here, there);
        }),
      );
    } finally {
      clearInterval(sampler);
      clearInterval(mutator);
    }

    const runs = (
      await sql.query<{ outcome: string; instance: string }>(
        "SELECT outcome, instance FROM sync_runs WHERE id > $1",
        [firstRun],
      )
    ).rows;
    const syncers = new Set(runs.map((r) => r.instance.split(":")[1]));
    const outcome = (o: string) => runs.filter((r) => r.outcome === o).length;
    console.log(
      `  syncs during the soak: ${runs.length} (${outcome("success")} succeeded, ${outcome("failed")} failed, ${outcome("running")} still running at the end), run by ${syncers.size} of the 2 instances`,
    );
    let errors = 0;
    for (const [kind, c] of Object.entries(counts)) {
      errors += c.errors;
      console.log(
        `  ${kind.padEnd(8)} ${String(c.ok).padStart(7)} ok ${String(c.errors).padStart(5)} errors`,
      );
    }
    if (errorSamples.length) console.log(`  first errors: ${errorSamples.join("; ")}`);
    const slopes: Record<string, { all: number; afterWarmUp: number }> = {};
    for (const [name, points] of Object.entries(rss)) {
      const later = points.filter(([t]) => t >= WARM_UP_MS);
      slopes[name] = { all: slopePerMinute(points), afterWarmUp: slopePerMinute(later) };
      console.log(`  RSS ${name}, every 10 s (MB): ${points.map(([, mb]) => mb).join(" ")}`);
      console.log(
        `  RSS ${name} slope: ${slopes[name]!.afterWarmUp.toFixed(2)} MB/min after the first ${WARM_UP_MS / 60_000} min (${slopes[name]!.all.toFixed(2)} MB/min over the whole run)`,
      );
    }
    console.log(`  errors: ${errors}`);
    return { counts, errors, slopes, syncs: runs.length };
  } finally {
    await sql.end().catch(() => {});
    await cluster.stop();
  }
}

if (require.main === module) {
  const at = process.argv.indexOf("--minutes");
  const minutes = at > 0 ? Number(process.argv[at + 1]) : undefined;
  runSoakBench({ minutes }).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
