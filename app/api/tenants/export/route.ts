import { withRoute } from "@/lib/api/with-route";
import { getSnapshot } from "@/lib/tenants/snapshot";
import { recordExport } from "@/lib/tenants/export/audit";
import { createExport } from "@/lib/tenants/export/create-export";
import { exportQuerySchema } from "@/lib/tenants/export/params";

export const dynamic = "force-dynamic";

// GET /api/tenants/export – the view (or every tenant, scope=all) as a CSV or JSON download,
// streamed from the snapshot; parameters and columns in docs/export.md. Viewers and admins.
export const GET = withRoute(
  { role: "viewer", query: exportQuerySchema },
  async ({ session, query }) => {
    const snapshot = await getSnapshot();
    const prepared = createExport(snapshot.index, query, {
      snapshotTakenAt: snapshot.takenAt,
      onFinish: (result) => void recordExport(session, query, prepared, result, snapshot.id),
    });
    return new Response(prepared.stream, { headers: prepared.headers });
  },
);
