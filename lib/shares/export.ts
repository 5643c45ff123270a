import "server-only";
import { ApiError, badRequest } from "@/lib/api/errors";
import type { SharePrincipal } from "@/lib/auth/principal";
import { getStorage, type ShareRecord } from "@/lib/db/storage";
import { log } from "@/lib/log";
import { createExport, type PreparedExport } from "@/lib/tenants/export/create-export";
import { exportQuerySchema, type ExportQuery } from "@/lib/tenants/export/params";
import type { ExportResult } from "@/lib/tenants/export/stream";
import { getSnapshot } from "@/lib/tenants/snapshot";
import { currentAnnotations } from "@/lib/tenants/query/current";
import { viewKey, viewParamsMessage } from "@/lib/tenants/view-params";
import { ANONYMOUS, recordShareEvent } from "./audit";
import { visibleView } from "./projection";
import { shareData } from "./sub-index";

// GET /api/s/{token}/tenants/export: the export of GET /api/tenants/export, within the link. Its
// columns are the link's (all of them by default; `columns=` may only choose among them), its rows
// the link's data. Each export counts on the link and leaves a "share.export" audit entry when the
// stream ends.

export async function shareExport(
  share: ShareRecord,
  caller: SharePrincipal,
  params: URLSearchParams,
): Promise<Response> {
  if (!share.allowExport)
    throw new ApiError(403, "export_not_allowed", "This shared view does not allow exports.");
  const parsed = exportQuerySchema.safeParse(params);
  if (!parsed.success) throw badRequest(viewParamsMessage(parsed.error));
  const snapshot = await getSnapshot();
  const data = await shareData(snapshot.index, share, await currentAnnotations());
  const shown = [...data.visibility.columns];
  const hidden = (parsed.data.columns ?? []).filter((c) => !data.visibility.has(c));
  if (hidden.length > 0)
    throw badRequest(
      `"columns" names ${hidden.length === 1 ? "a column" : "columns"} this shared view does not show: ${hidden.map((c) => JSON.stringify(c)).join(", ")} (choose from ${shown.join(", ")})`,
    );
  const query: ExportQuery = {
    ...parsed.data,
    view: visibleView(parsed.data.view, data.visibility),
    columns: parsed.data.columns ?? shown,
  };
  const prepared = createExport(data.index, query, {
    annotations: data.annotations,
    snapshotTakenAt: snapshot.takenAt,
    onFinish: (result) => void recordLinkExport(share, caller, query, prepared, result),
  });
  return new Response(prepared.stream, { headers: prepared.headers });
}

async function recordLinkExport(
  share: ShareRecord,
  caller: SharePrincipal,
  query: ExportQuery,
  prepared: Pick<PreparedExport, "columns" | "total">,
  result: ExportResult,
): Promise<void> {
  try {
    await (await getStorage()).recordShareExport(share.id);
  } catch (err) {
    log("shares").error({ err, shareId: share.id }, "could not count an export through a link");
  }
  await recordShareEvent(
    "share.export",
    caller.visitor?.email ?? ANONYMOUS,
    share.id,
    caller.address,
    {
      format: query.format,
      scope: query.scope,
      view: viewKey(query.view),
      columns: prepared.columns.map((c) => c.id),
      rows: result.rows,
      total: prepared.total,
      completed: result.completed,
    },
  );
  if (result.error)
    log("shares").error({ err: result.error, shareId: share.id }, "export stream failed");
}
