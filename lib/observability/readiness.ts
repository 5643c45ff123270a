import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getStorage } from "@/lib/db/storage";
import { getSnapshotInfo } from "@/lib/tenants/snapshot";

// Whether this instance should get traffic (GET /api/ready): its database answers and it holds a
// snapshot to serve. A failed last sync does not take it out of rotation: it still serves the last
// good snapshot (the UI says how old), and taking every instance out would turn stale data into an
// outage; alert on the snapshot's age instead. What it answers is safe for anyone to read: states
// and times, never settings, hosts or error text.

/** How long the database gets to answer before the instance counts as not ready. */
const DATABASE_TIMEOUT_MS = 2_000;

export interface Readiness {
  status: "ready";
  snapshot: { takenAt: string; ageSeconds: number };
  lastSync: { outcome: "success" | "failed"; finishedAt: string | null } | null;
  syncing: boolean;
}

/** The readiness answer, or ApiError 503 `not_ready` naming what is missing. */
export async function checkReadiness(now = Date.now()): Promise<Readiness> {
  const reasons: string[] = [];
  if (!(await databaseAnswers()))
    reasons.push(`the database did not answer within ${DATABASE_TIMEOUT_MS / 1000} s`);
  const info = getSnapshotInfo();
  if (!info.takenAt)
    reasons.push(
      info.syncing
        ? "no snapshot loaded yet (the first sync is running)"
        : "no snapshot loaded yet (no sync has succeeded)",
    );
  if (reasons.length > 0 || !info.takenAt)
    throw new ApiError(503, "not_ready", `Not ready: ${reasons.join("; ")}.`, {
      retryAfterSeconds: 5,
    });
  const run = info.lastRun;
  return {
    status: "ready",
    snapshot: {
      takenAt: info.takenAt,
      ageSeconds: Math.max(0, Math.round((now - Date.parse(info.takenAt)) / 1000)),
    },
    lastSync:
      run && run.outcome !== "running"
        ? { outcome: run.outcome, finishedAt: run.finishedAt }
        : null,
    syncing: info.syncing,
  };
}

async function databaseAnswers(): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS);
    timer.unref?.();
  });
  const ping = (async () => {
    await (await getStorage()).ping();
    return true as const;
  })().catch(() => false as const);
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
