import { withRoute } from "@/lib/api/with-route";
import { recordAudit } from "@/lib/db/audit";
import { log } from "@/lib/log";
import { getSnapshotInfo, listSyncRuns, refreshNow } from "@/lib/tenants/snapshot";
import { syncQuerySchema } from "./schema";

// GET /api/sync – snapshot state (age, size, running pass progress, last error) and recent sync runs
export const GET = withRoute({ role: "viewer", query: syncQuerySchema }, async ({ query }) => {
  const runs = await listSyncRuns(query.limit ?? 20);
  return Response.json({ snapshot: getSnapshotInfo(), runs });
});

// POST /api/sync – refresh now (admin): starts a full pass or joins the running one; 202 with its run
export const POST = withRoute({ role: "admin" }, async ({ session }) => {
  const result = await refreshNow();
  try {
    await recordAudit({
      actor: session.email,
      action: "sync.refresh",
      details: { runId: result.run?.id ?? null, started: result.started },
    });
  } catch (err) {
    log("sync").warn({ err }, "could not record the refresh in the audit log");
  }
  return Response.json(
    { started: result.started, run: result.run, snapshot: getSnapshotInfo() },
    { status: 202 },
  );
});
