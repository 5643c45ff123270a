import "server-only";
import {
  QlikPermissionError,
  QlikRequestError,
  type QlikClient,
  type RequestStats,
} from "@/lib/qlik";
import type { Tenant } from "@/lib/tenants/types";
import { planPartitions, type Partition, type PartitionOptions } from "./partition";

// One full read of the organization's tenants (100 per page). With a previous snapshot the read is
// split into partitions (./partition.ts) walked side by side; the first pass, or an organization
// too small to gain from it, walks one cursor. Either way the result is the same set of tenants:
//  - a tenant seen in two walks (it moved between subscriptions mid-pass) is kept once, as last read;
//  - a tenant of the previous snapshot that no walk returned is looked up by id (a few at most), so
//    one that moved from a walk not yet at it to a walk already past it is not reported removed.
// If Qlik refuses a partition filter (400/403: e.g. a subscription no longer in the organization),
// the pass falls back to one sequential walk instead of failing.

export interface PassProgress {
  tenantsRead: number;
  /** From `totalResults` on the first page(s); null until known. */
  expected: number | null;
}

export interface PassLogger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
}

export interface ReadTenantsOptions {
  client: QlikClient;
  /** The previous snapshot's tenants; null for the first pass (sequential). */
  previous: readonly Tenant[] | null;
  /** Partitions walked at the same time. Default 5. */
  concurrency?: number;
  /** "sequential" forces one walk (the benchmark's baseline). Default "auto". */
  mode?: "auto" | "sequential";
  partitions?: PartitionOptions;
  /** Largest number of missing tenants looked up by id after a partitioned pass. Default 10. */
  maxMissingLookups?: number;
  signal?: AbortSignal;
  /** Counts this pass's requests, retries and 429s. */
  stats?: RequestStats;
  onProgress?: (progress: PassProgress) => void;
  logger?: PassLogger;
}

export interface PassResult {
  tenants: Tenant[];
  mode: "sequential" | "partitioned";
  partitions: number;
  /** Why a partitioned pass fell back to a sequential one. */
  fallback: string | null;
}

const PAGE_SIZE = 100;

/** Decides the mode before reading (the run record states it from the start). */
export function plannedMode(options: Pick<ReadTenantsOptions, "previous" | "mode" | "partitions">) {
  if (options.mode === "sequential") return null;
  return planPartitions(options.previous, options.partitions);
}

export async function readAllTenants(options: ReadTenantsOptions): Promise<PassResult> {
  const plan = plannedMode(options);
  if (plan) {
    try {
      return await readPartitioned(options, plan);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (!(error instanceof QlikRequestError || error instanceof QlikPermissionError)) throw error;
      options.logger?.warn(
        { err: error, partitions: plan.length },
        "a partition filter was refused; reading every tenant in one walk instead",
      );
      const result = await readSequential(options);
      return { ...result, fallback: error.userMessage };
    }
  }
  return readSequential(options);
}

async function readSequential(options: ReadTenantsOptions): Promise<PassResult> {
  const tenants = new Map<string, Tenant>();
  let expected: number | null = null;
  for await (const page of options.client.listTenants({
    limit: PAGE_SIZE,
    totalResults: true,
    signal: options.signal,
    stats: options.stats,
  })) {
    if (page.index === 0) expected = page.totalResults;
    for (const t of page.tenants) tenants.set(t.id, t);
    options.onProgress?.({ tenantsRead: tenants.size, expected });
  }
  return { tenants: [...tenants.values()], mode: "sequential", partitions: 1, fallback: null };
}

async function readPartitioned(
  options: ReadTenantsOptions,
  plan: Partition[],
): Promise<PassResult> {
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  const tenants = new Map<string, Tenant>();
  let read = 0;
  // Expected total: each walk's totalResults once its first page is in, until then its size in the
  // previous snapshot.
  const totals = new Map<number, number>();
  const report = () => {
    const expected = plan.reduce((sum, p, i) => sum + (totals.get(i) ?? p.expected), 0);
    options.onProgress?.({ tenantsRead: read, expected });
  };

  const walk = async (partition: Partition, index: number) => {
    for await (const page of options.client.listTenants({
      filter: partition.filter,
      limit: PAGE_SIZE,
      totalResults: true,
      signal,
      stats: options.stats,
    })) {
      if (page.index === 0 && page.totalResults !== null) totals.set(index, page.totalResults);
      for (const t of page.tenants) tenants.set(t.id, t);
      read += page.tenants.length;
      report();
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const index = next++;
      await walk(plan[index]!, index);
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 5, plan.length));
  try {
    // The first failure stops the other walks (no point reading on: the pass is lost).
    await Promise.all(
      Array.from({ length: concurrency }, () =>
        worker().catch((error: unknown) => {
          controller.abort(error);
          throw error;
        }),
      ),
    );
  } catch (error) {
    throw options.signal?.aborted ? options.signal.reason : error;
  }

  await lookUpMissing(options, tenants, signal);
  options.onProgress?.({ tenantsRead: tenants.size, expected: tenants.size });
  return {
    tenants: [...tenants.values()],
    mode: "partitioned",
    partitions: plan.length,
    fallback: null,
  };
}

/**
 * Tenants of the previous snapshot no walk returned: gone, or moved between walks mid-pass. One
 * found with the same subscription and region was not moved, so the listing itself leaves it out
 * (as a sequential pass would): it stays out.
 */
async function lookUpMissing(
  options: ReadTenantsOptions,
  tenants: Map<string, Tenant>,
  signal: AbortSignal,
): Promise<void> {
  const missing = (options.previous ?? []).filter((t) => !tenants.has(t.id));
  const max = options.maxMissingLookups ?? 10;
  if (missing.length === 0 || missing.length > max) return;
  for (const gone of missing) {
    const found = await options.client.getTenant(gone.id, { signal, stats: options.stats });
    if (
      found &&
      (found.subscriptionId !== gone.subscriptionId || found.regionCode !== gone.regionCode)
    )
      tenants.set(found.id, found);
  }
}
